/* kbwatch.c - host helper: run a QEMU command, time when markers reach its serial log */
/* SPDX-License-Identifier: MIT */
/*
 *   kbwatch [-s] [-m MARKER]... LOG CMD [ARG...]
 * Starts CMD in its own process group, polls LOG every millisecond and, once
 * CMD has ended, prints for each marker "at_ms I N" (host wall time in ms from
 * starting CMD to marker I, counted from 0, first appearing in LOG; -1 if it
 * never did) and "status S" (CMD's exit status). With -s the whole process
 * group is killed as soon as the last marker has appeared (for a boot that
 * does not end by itself, e.g. one that reaches a shell prompt).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LOG_MAX		(4 * 1024 * 1024)
#define MARKERS_MAX	8

struct watch {
	const char *log;
	const char *marker[MARKERS_MAX];
	long long at_us[MARKERS_MAX];
	int nmarkers;
	int stop;		/* -s */
	char *buf;		/* the log so far (NULs made spaces) */
	size_t len;
	size_t scanned;		/* where the next search may start, per the longest marker */
	size_t longest;
};

static long long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Appends what the log gained since the last call. */
static void
log_read(struct watch *w)
{
	int fd = open(w->log, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return;
	if (lseek(fd, (off_t)w->len, SEEK_SET) == (off_t)w->len) {
		while (w->len < LOG_MAX - 1 &&
		    (n = read(fd, w->buf + w->len, LOG_MAX - 1 - w->len)) > 0) {
			for (ssize_t i = 0; i < n; i++) {	/* the log may hold NUL bytes */
				if (w->buf[w->len + (size_t)i] == '\0')
					w->buf[w->len + (size_t)i] = ' ';
			}
			w->len += (size_t)n;
		}
	}
	close(fd);
	w->buf[w->len] = '\0';
}

/* Records the markers that appeared; 1 once the last one has. */
static int
poll_markers(struct watch *w, long long t)
{
	log_read(w);
	for (int i = 0; i < w->nmarkers; i++) {
		if (w->at_us[i] < 0 && strstr(w->buf + w->scanned, w->marker[i]) != NULL)
			w->at_us[i] = t;
	}
	w->scanned = w->len > w->longest ? w->len - w->longest : 0;
	return w->at_us[w->nmarkers - 1] >= 0;
}

static int
parse_args(struct watch *w, int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "+sm:")) != -1) {
		if (c == 's') {
			w->stop = 1;
		} else if (c == 'm' && w->nmarkers < MARKERS_MAX) {
			w->marker[w->nmarkers] = optarg;
			w->at_us[w->nmarkers++] = -1;
			if (strlen(optarg) > w->longest)
				w->longest = strlen(optarg);
		} else {
			return -1;
		}
	}
	if (argc - optind < 2 || w->nmarkers == 0)
		return -1;
	w->log = argv[optind];
	return optind + 1;
}

int
main(int argc, char **argv)
{
	struct timespec ms = { 0, 1000000 };
	struct watch w = { 0 };
	long long t0;
	int status = 0, cmd, killed = 0;
	pid_t pid;

	if ((cmd = parse_args(&w, argc, argv)) < 0) {
		fprintf(stderr, "usage: kbwatch [-s] -m MARKER [-m MARKER]... LOG CMD [ARG...]\n");
		return 2;
	}
	if ((w.buf = malloc(LOG_MAX)) == NULL)
		return 2;
	unlink(w.log);
	t0 = now_us();
	pid = fork();
	if (pid < 0)
		return 2;
	if (pid == 0) {
		setpgid(0, 0);
		execvp(argv[cmd], argv + cmd);
		perror(argv[cmd]);
		_exit(127);
	}
	setpgid(pid, pid);
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (poll_markers(&w, now_us() - t0) && w.stop && !killed) {
			kill(-pid, SIGKILL);
			killed = 1;
		}
		nanosleep(&ms, NULL);
	}
	poll_markers(&w, now_us() - t0);	/* appeared between the last poll and the end */
	if (w.stop)
		kill(-pid, SIGKILL);		/* nothing of the group outlives the watch */
	for (int i = 0; i < w.nmarkers; i++)
		printf("at_ms %d %lld\n", i, w.at_us[i] < 0 ? -1 : w.at_us[i] / 1000);
	printf("status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	free(w.buf);
	return 0;
}
