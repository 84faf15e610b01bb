/* selftest.c - the in-system test runner: DIR/NAME.sh scripts, PASS/FAIL lines */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "init.h"

#define MAXTESTS 128

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* NAME.sh files of dir that the selection names, sorted; returns the count. */
static int
list_tests(const char *dir, const char *selection, char **names)
{
	struct dirent *d;
	DIR *dp = opendir(dir);
	size_t l;
	int n = 0;

	if (dp == NULL)
		return -1;
	while ((d = readdir(dp)) != NULL && n < MAXTESTS) {
		l = strlen(d->d_name);
		if (l < 4 || strcmp(d->d_name + l - 3, ".sh") != 0 || d->d_name[0] == '.')
			continue;
		d->d_name[l - 3] = '\0';
		if (!selection_has(selection, d->d_name))
			continue;
		if ((names[n] = strdup(d->d_name)) != NULL)
			n++;
	}
	closedir(dp);
	qsort(names, (size_t)n, sizeof(*names), by_name);
	return n;
}

static void
show_log(const char *log)
{
	char buf[4096];
	ssize_t r;
	int fd = open(log, O_RDONLY);

	if (fd < 0)
		return;
	fflush(stdout);
	while ((r = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, (size_t)r);
	close(fd);
}

/* Runs one script with its output in log; 0 if it exited 0 within the timeout. */
static int
run_one(const char *dir, const char *name, const char *log, int timeout_s)
{
	char path[512];
	struct timespec tick = { 0, 50 * 1000 * 1000 };
	long waited = 0;
	pid_t pid, r;
	int st, fd;

	snprintf(path, sizeof(path), "%s/%s.sh", dir, name);
	fflush(stdout);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		setpgid(0, 0);
		fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0) {
			dup2(fd, 0);
			close(fd);
		}
		/* PATH is /bin:... in-system; a host test points it at the builds */
		execlp("sh", "sh", path, (char *)NULL);
		_exit(127);
	}
	setpgid(pid, pid);
	for (;;) {
		r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR)
			return -1;
		if (waited >= (long)timeout_s * 20) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			printf("# %s: killed after %d s\n", name, timeout_s);
			return -1;
		}
		nanosleep(&tick, NULL);
		waited++;
	}
	/* the script's own background children go with it */
	kill(-pid, SIGKILL);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

int
selftest_run(const char *dir, const char *selection, int timeout_s)
{
	char *names[MAXTESTS], log[512];
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	int n, i, pass = 0, fail = 0;

	n = list_tests(dir, selection, names);
	if (n < 0) {
		printf("init: cannot open test directory '%s': %s\n", dir, strerror(errno));
		n = 0;
		fail = 1;
	}
	for (i = 0; i < n; i++) {
		snprintf(log, sizeof(log), "%s/rustica-test-%s.log", tmp, names[i]);
		if (run_one(dir, names[i], log, timeout_s) == 0) {
			printf("TEST %s ... PASS\n", names[i]);
			pass++;
		} else {
			show_log(log);
			printf("TEST %s ... FAIL\n", names[i]);
			fail++;
		}
		unlink(log);
		free(names[i]);
		fflush(stdout);
	}
	if (n == 0 && fail == 0) {
		printf("init: no test in '%s' matches '%s'\n", dir, selection);
		fail = 1;
	}
	printf("%d passed, %d failed\n", pass, fail);
	fflush(stdout);
	return fail;
}
