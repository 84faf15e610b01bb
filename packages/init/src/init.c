/* init.c - PID 1: hostname, /etc/rc, console shells (respawned), reaping, poweroff/reboot, test mode */
/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/mount.h>
#endif

#include "init.h"

#define TEST_DIR "/usr/lib/rustica/tests"
#define TEST_TIMEOUT 300
#define DEFAULT_INITTAB "respawn:/dev/console:-/bin/sh\n"
#define INSTALLER "/sbin/rustica-install"

static const char usage[] =
    "usage: init                           (as process 1)\n"
    "       init --run-tests DIR [SELECTION] [--timeout SECONDS]\n"
    "       init --cmdline TEXT              print the test selection TEXT asks for\n"
    "       init --inittab FILE              print how FILE parses\n"
    "Process 1 of Rustica: sets the host name from /etc/hostname, runs /etc/rc,\n"
    "starts the shells /etc/inittab lists and respawns them, reaps orphans, and\n"
    "powers off (SIGUSR2, SIGUSR1) or reboots (SIGTERM, SIGINT) on request.\n"
    "With rustica.test=all|NAME,... on the kernel command line it runs the\n"
    "in-system tests " TEST_DIR "/NAME.sh instead and powers off; with\n"
    "rustica.installer=1 it runs " INSTALLER " on the console before the shells.\n";

/* What a signal asked for; 0 while running. */
static volatile sig_atomic_t shutdown_request;

static void
on_signal(int sig)
{
	if (sig == SIGTERM || sig == SIGINT)
		shutdown_request = RB_AUTOBOOT;
	else if (sig == SIGUSR1 || sig == SIGUSR2)
		shutdown_request = RB_POWER_OFF;
}

static void
on_child(int sig)
{
	(void)sig;
}

static void
say(const char *fmt, const char *arg)
{
	fprintf(stderr, "init: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
}

static long
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec;
}

static ssize_t
read_text(const char *path, char *buf, size_t n)
{
	ssize_t r, len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while ((size_t)len < n - 1 && (r = read(fd, buf + len, n - 1 - (size_t)len)) > 0)
		len += r;
	close(fd);
	buf[len] = '\0';
	return len;
}

/*
 * Linux starts an initramfs's PID 1 with fds 0-2 closed when the archive
 * has no /dev/console (ours has an empty /dev): devtmpfs provides it. On
 * Rustux the kernel populates /dev and opens the console itself.
 */
static void
mount_dev(void)
{
#ifdef __linux__
	struct stat st;

	if (stat("/dev/console", &st) == 0)
		return;
	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
#endif
}

static void
console_stdio(void)
{
	int fd;

	if (fcntl(0, F_GETFD) >= 0)
		return;
	mount_dev();
	if ((fd = open("/dev/console", O_RDWR)) < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static void
set_hostname(void)
{
	char name[256];
	ssize_t n = read_text("/etc/hostname", name, sizeof(name));

	if (n < 0)
		return;
	while (n > 0 && (name[n - 1] == '\n' || name[n - 1] == ' '))
		name[--n] = '\0';
	if (n > 0 && sethostname(name, (size_t)n) < 0)
		say("cannot set host name: %s", strerror(errno));
}

static void
mount_proc(void)
{
#ifdef __linux__
	struct stat st;

	if (stat("/proc/self", &st) == 0)
		return;
	mkdir("/proc", 0555);
	mount("proc", "/proc", "proc", 0, NULL);
#endif
}

static void
child_defaults(void)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
}

/* Starts an inittab entry on its terminal; the child is a session leader. */
static pid_t
spawn(struct entry *e)
{
	struct cmdv c;
	pid_t pid;
	int fd;

	if (entry_argv(e, &c) < 0)
		return -1;
	pid = fork();
	if (pid != 0)
		return pid;
	child_defaults();
	setsid();
	if ((fd = open(e->tty, O_RDWR)) >= 0) {
#ifdef TIOCSCTTY
		ioctl(fd, TIOCSCTTY, 0);
#endif
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	execv(c.path, c.argv);
	say("cannot run %s", c.path);
	_exit(127);
}

/* Runs a command and waits for it, reaping anything else that exits meanwhile. */
static int
run_and_wait(char *const argv[])
{
	pid_t pid, r;
	int st = 0;

	if ((pid = fork()) == 0) {
		child_defaults();
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	while ((r = wait(&st)) != pid)
		if (r < 0 && errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
shutdown_system(int how)
{
	struct timespec tick = { 0, 100 * 1000 * 1000 };
	int i;

	fprintf(stderr, "init: %s\n", how == RB_AUTOBOOT ? "rebooting" : "powering off");
	kill(-1, SIGTERM);
	for (i = 0; i < 20; i++) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (kill(-1, 0) < 0 && errno == ESRCH)
			break;
		nanosleep(&tick, NULL);
	}
	kill(-1, SIGKILL);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	sync();
	reboot(how);
	/* reboot(2) failed: nothing else to do but wait */
	for (;;)
		pause();
}

static int
load_inittab(struct entry *v)
{
	char text[4096];
	int n;

	if (read_text("/etc/inittab", text, sizeof(text)) < 0)
		snprintf(text, sizeof(text), "%s", DEFAULT_INITTAB);
	n = inittab_parse(text, v, INITTAB_MAX);
	if (n <= 0) {
		if (n < 0)
			fprintf(stderr, "init: /etc/inittab: bad line %d; using the default\n", -n);
		n = inittab_parse(DEFAULT_INITTAB, v, INITTAB_MAX);
	}
	return n;
}

/* The supervisor loop: respawns entries, reaps orphans, waits for signals. */
static void
supervise(struct entry *v, int n)
{
	sigset_t block, old;
	pid_t pid;
	int i, st;
	struct timespec pause_s = { 1, 0 };

	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, &old);
	for (i = 0; i < n; i++) {
		v[i].pid = spawn(&v[i]);
		v[i].started = now();
	}
	for (;;) {
		while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
			for (i = 0; i < n; i++) {
				if (v[i].pid != pid)
					continue;
				v[i].pid = 0;
				if (v[i].action != A_RESPAWN)
					break;
				/* a shell that dies at once must not spin the CPU */
				if (now() - v[i].started < 2)
					nanosleep(&pause_s, NULL);
				v[i].pid = spawn(&v[i]);
				v[i].started = now();
			}
		}
		if (shutdown_request)
			shutdown_system(shutdown_request);
		sigsuspend(&old);
	}
}

/* rustica.installer=1: the installer gets the console first; the shells follow. */
static void
installer_mode(const char *cmdline)
{
	struct entry e = { .action = A_ONCE, .tty = "/dev/console", .cmd = INSTALLER };
	char v[32];
	pid_t pid;
	int st;

	if (!cmdline_get(cmdline, "rustica.installer", v, sizeof(v)) || strcmp(v, "0") == 0)
		return;
	if (access(INSTALLER, X_OK) < 0) {
		say("rustica.installer is set but %s is missing", INSTALLER);
		return;
	}
	if ((pid = spawn(&e)) < 0)
		return;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
}

static int
test_mode(const char *cmdline)
{
	char sel[256];
	int failed;

	if (!cmdline_get(cmdline, "rustica.test", sel, sizeof(sel)))
		return 0;
	if (sel[0] == '\0')
		snprintf(sel, sizeof(sel), "all");
	printf("init: running the in-system tests (%s)\n", sel);
	setenv("TMPDIR", "/tmp", 1);
	failed = selftest_run(TEST_DIR, sel, TEST_TIMEOUT);
	(void)failed;
	shutdown_system(RB_POWER_OFF);
	return 1;
}

static int
pid1(void)
{
	static char *rc[] = { "/bin/sh", "/etc/rc", NULL };
	struct entry v[INITTAB_MAX];
	char cmdline[4096];
	struct sigaction sa;
	int n;

	console_stdio();
	setsid();
	chdir("/");
	umask(022);
	setenv("PATH", "/bin:/sbin:/usr/bin:/usr/sbin", 1);
	setenv("HOME", "/root", 0);
	setenv("TERM", "vt100", 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	/* No reboot(RB_DISABLE_CAD): a kernel that reads every reboot(2) as
	 * "reboot now" must not see one at start-up. */
	mount_proc();
	set_hostname();
	if (read_text("/proc/cmdline", cmdline, sizeof(cmdline)) < 0)
		cmdline[0] = '\0';
	if (test_mode(cmdline))
		return 0;
	if (access("/etc/rc", R_OK) == 0 && run_and_wait(rc) != 0)
		say("%s failed", "/etc/rc");
	installer_mode(cmdline);
	n = load_inittab(v);
	supervise(v, n);
	return 0;
}

static int
print_inittab(const char *file)
{
	struct entry v[INITTAB_MAX];
	struct cmdv c;
	char text[4096];
	int n, i, k;

	if (read_text(file, text, sizeof(text)) < 0) {
		fprintf(stderr, "init: cannot read '%s': %s\n", file, strerror(errno));
		return 1;
	}
	if ((n = inittab_parse(text, v, INITTAB_MAX)) < 0) {
		fprintf(stderr, "init: %s: bad line %d\n", file, -n);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (entry_argv(&v[i], &c) < 0)
			continue;
		printf("%s %s %s", v[i].action == A_RESPAWN ? "respawn" : "once", v[i].tty, c.path);
		for (k = 0; c.argv[k]; k++)
			printf(" [%s]", c.argv[k]);
		putchar('\n');
	}
	return 0;
}

int
main(int argc, char **argv)
{
	char sel[256];
	int timeout = TEST_TIMEOUT;

	if (getpid() == 1)
		return pid1();
	if (argc >= 3 && strcmp(argv[1], "--run-tests") == 0) {
		if (argc >= 6 && strcmp(argv[4], "--timeout") == 0)
			timeout = atoi(argv[5]);
		return selftest_run(argv[2], argc > 3 ? argv[3] : "all", timeout) ? 1 : 0;
	}
	if (argc == 3 && strcmp(argv[1], "--cmdline") == 0) {
		if (!cmdline_get(argv[2], "rustica.test", sel, sizeof(sel)))
			return 1;
		printf("%s\n", sel[0] ? sel : "all");
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "--inittab") == 0)
		return print_inittab(argv[2]);
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	fputs("init: must be run as process 1 (see init --help)\n", stderr);
	return 1;
}
