/* ktest.c - rustica-tests: in-system kernel checks (fuzz, fork/exec memory, pipes, signals, /proc) and main */
/* SPDX-License-Identifier: MIT */
/*
 * ktest CHECK [ARG]: runs one check, prints "# ..." notes and one last
 * line "ok CHECK" or "FAIL CHECK: why", and exits 0 or 1. The shell
 * scripts in tests/ run it under init's test mode. Nothing here measures
 * time: the fuzzer's run length only bounds the work.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ktest.h"

#define FUZZ_PROCS	4
#define FUZZ_SECONDS	4
#define FUZZ_SEED	20261124u	/* fixed, so a run's call sequences repeat; ktest fuzz SEED */
#define FORK_WARMUP	100
#define FORK_CYCLES	1000
#define FORK_SLACK_KB	64	/* allocator caches may hold a few pages */
#define PIPE_BYTES	(256 * 1024)
#define WATCHDOG_SECONDS	120	/* a check still running then has hung */

int
fail(const char *check, const char *why)
{
	printf("FAIL %s: %s (errno %d)\n", check, why, errno);
	return 1;
}

int
pass(const char *check)
{
	printf("ok %s\n", check);
	return 0;
}

/* ---- fuzz ------------------------------------------------------------------ */

/* Calls that would end the fuzzer, the system or the run rather than test the kernel. */
static const long fuzz_skip[] = {
	SYS_exit, SYS_exit_group, SYS_reboot, SYS_kill, SYS_tkill, SYS_tgkill,
	SYS_fork, SYS_vfork, SYS_clone, SYS_execve, SYS_execveat, SYS_rt_sigreturn,
	SYS_setsid, SYS_setpgid, SYS_ioctl,
};

static uint64_t rng_state;

static uint64_t
rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static char fuzz_scratch[8192];

/* An argument: small numbers, -1, garbage, NULL, a kernel address or our scratch buffer. */
static long
fuzz_arg(void)
{
	switch (rng() % 8) {
	case 0: return 0;
	case 1: return (long)(rng() % 4);
	case 2: return -1;
	case 3: return (long)rng();
	case 4: return (long)0xffffffff80000000ull + (long)(rng() % 0x100000);
	case 5: return (long)(fuzz_scratch + rng() % sizeof(fuzz_scratch));
	case 6: return (long)(rng() % 4096);
	default: return (long)(rng() & 0xffffffffu);
	}
}

static int
fuzz_skipped(long nr)
{
	for (size_t i = 0; i < sizeof(fuzz_skip) / sizeof(fuzz_skip[0]); i++)
		if (fuzz_skip[i] == nr)
			return 1;
	return 0;
}

static void
fuzz_child(uint64_t seed)
{
	long nr;

	rng_state = seed;
	for (;;) {
		nr = (long)(rng() % 460);
		if (fuzz_skipped(nr))
			continue;
		syscall(nr, fuzz_arg(), fuzz_arg(), fuzz_arg(), fuzz_arg(), fuzz_arg(), fuzz_arg());
	}
}

static pid_t
fuzz_spawn(uint64_t seed)
{
	pid_t pid = fork();
	int fd;

	if (pid == 0) {
		if ((fd = open("/dev/null", O_RDWR)) >= 0) {
			dup2(fd, 0), dup2(fd, 1), dup2(fd, 2);
		}
		fuzz_child(seed);
	}
	return pid;
}

/* A fresh program still runs and says what it should. */
static int
still_serving(void)
{
	char buf[16] = { 0 };
	int fds[2], st;
	pid_t pid;

	if (pipe(fds) != 0)
		return 0;
	if ((pid = fork()) == 0) {
		dup2(fds[1], 1);
		execl("/bin/echo", "echo", "alive", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], buf, sizeof(buf) - 1) < 5)
		return 0;
	close(fds[0]);
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
	    strcmp(buf, "alive\n") == 0;
}

static int
check_fuzz(const char *arg)
{
	pid_t kids[FUZZ_PROCS];
	uint64_t seed = arg != NULL ? strtoull(arg, NULL, 0) : FUZZ_SEED;
	time_t end = time(NULL) + FUZZ_SECONDS;
	int st, respawns = 0;
	pid_t pid;

	printf("# seed %llu, %d processes, %d s\n", (unsigned long long)seed, FUZZ_PROCS,
	    FUZZ_SECONDS);
	for (int i = 0; i < FUZZ_PROCS; i++)
		if ((kids[i] = fuzz_spawn(seed + (uint64_t)i)) < 0)
			return fail("fuzz", "fork");
	while (time(NULL) < end) {
		sleep(1);
		while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
			for (int i = 0; i < FUZZ_PROCS; i++) {
				if (kids[i] == pid) {
					kids[i] = fuzz_spawn(seed + 1000u * (uint64_t)++respawns + (uint64_t)i);
				}
			}
		}
	}
	for (int i = 0; i < FUZZ_PROCS; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGKILL);
	while (waitpid(-1, &st, 0) > 0)
		;
	printf("# %d fuzz processes died and were replaced\n", respawns);
	if (!still_serving())
		return fail("fuzz", "the system no longer runs /bin/echo after fuzzing");
	return pass("fuzz");
}

/* ---- fork, exec, wait and memory -------------------------------------------- */

static long
free_kb(void)
{
	struct sysinfo si;

	if (sysinfo(&si) != 0)
		return -1;
	return (long)(si.freeram * si.mem_unit / 1024);
}

static int
fork_exec_wait(int n, const char *prog)
{
	int st;
	pid_t pid;

	for (int i = 0; i < n; i++) {
		if ((pid = fork()) == 0) {
			execl(prog, prog, (char *)NULL);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 0)
			return -1;
	}
	return 0;
}

static int
check_forkexec(const char *prog)
{
	long before, after;

	if (fork_exec_wait(FORK_WARMUP, prog) != 0)
		return fail("forkexec", "warm-up fork/exec/wait failed");
	before = free_kb();
	if (fork_exec_wait(FORK_CYCLES, prog) != 0)
		return fail("forkexec", "a fork/exec/wait cycle failed");
	after = free_kb();
	printf("# free before %ld kB, after %d cycles %ld kB\n", before, FORK_CYCLES, after);
	if (before < 0 || after < 0)
		return fail("forkexec", "sysinfo");
	if (after + FORK_SLACK_KB < before)
		return fail("forkexec", "free memory did not come back");
	return pass("forkexec");
}

/* ---- pipes between processes ------------------------------------------------ */

static uint32_t
sum(const unsigned char *b, size_t n, uint32_t s)
{
	for (size_t i = 0; i < n; i++)
		s = s * 31 + b[i];
	return s;
}

/* A relay: copies in to out until EOF. */
static void
relay(int in, int out)
{
	char buf[3000];
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			_exit(1);
	_exit(n < 0);
}

static int
check_pipes(void)
{
	int a[2], b[2], st, bad = 0;
	unsigned char buf[4096];
	uint32_t want = 0, got = 0;
	size_t total = 0;
	pid_t w, r;
	ssize_t n;

	if (pipe(a) != 0 || pipe(b) != 0)
		return fail("pipes", "pipe");
	if ((r = fork()) == 0) {
		close(a[1]), close(b[0]);
		relay(a[0], b[1]);
	}
	close(a[0]), close(b[1]);
	if ((w = fork()) == 0) {
		close(b[0]);
		for (size_t i = 0; i < PIPE_BYTES; i += sizeof(buf)) {
			for (size_t j = 0; j < sizeof(buf); j++)
				buf[j] = (unsigned char)((i + j) * 7);
			if (write(a[1], buf, sizeof(buf)) != (ssize_t)sizeof(buf))
				_exit(1);
		}
		_exit(0);
	}
	close(a[1]);
	for (size_t i = 0; i < PIPE_BYTES; i += sizeof(buf)) {
		for (size_t j = 0; j < sizeof(buf); j++)
			buf[j] = (unsigned char)((i + j) * 7);
		want = sum(buf, sizeof(buf), want);
	}
	while ((n = read(b[0], buf, sizeof(buf))) > 0) {
		got = sum(buf, (size_t)n, got);
		total += (size_t)n;
	}
	for (pid_t p = 0; (p = wait(&st)) > 0;)
		if ((p == w || p == r) && (!WIFEXITED(st) || WEXITSTATUS(st) != 0))
			bad = 1;
	printf("# %zu bytes through writer -> relay -> reader\n", total);
	if (bad || total != PIPE_BYTES || got != want)
		return fail("pipes", "bytes lost, changed or a process failed");
	return pass("pipes");
}

/* ---- signals ----------------------------------------------------------------- */

static volatile sig_atomic_t got_usr1;

static void
on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

/* A child with a SIGUSR1 handler writes "h" once the handler ran. */
static int
signal_handler_runs(void)
{
	int p[2], st;
	char c = 0;
	pid_t pid;

	if (pipe(p) != 0)
		return 0;
	if ((pid = fork()) == 0) {
		struct sigaction sa = { .sa_handler = on_usr1 };

		sigaction(SIGUSR1, &sa, NULL);
		close(p[0]);
		if (write(p[1], "r", 1) != 1)
			_exit(1);
		while (!got_usr1)
			pause();
		_exit(write(p[1], "h", 1) == 1 ? 0 : 1);
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1 || c != 'r')
		return 0;
	kill(pid, SIGUSR1);
	if (read(p[0], &c, 1) != 1 || c != 'h')
		return 0;
	close(p[0]);
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* SIGTERM ends a child blocked reading an empty pipe; wait reports the signal. */
static int
signal_kills_blocked(void)
{
	int p[2], st;
	char c;
	pid_t pid;

	if (pipe(p) != 0)
		return 0;
	if ((pid = fork()) == 0) {
		close(p[1]);
		_exit(read(p[0], &c, 1) == 1 ? 3 : 4);
	}
	close(p[0]);
	usleep(100000);
	kill(pid, SIGTERM);
	close(p[1]);
	return waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM;
}

static volatile sig_atomic_t got_chld;

static void
on_chld(int sig)
{
	(void)sig;
	got_chld = 1;
}

/* The parent gets SIGCHLD when a child exits. */
static int
signal_sigchld(void)
{
	struct sigaction sa = { .sa_handler = on_chld };
	int st;
	pid_t pid;

	sigaction(SIGCHLD, &sa, NULL);
	if ((pid = fork()) == 0)
		_exit(0);
	for (int i = 0; i < 100 && !got_chld; i++)
		usleep(10000);
	waitpid(pid, &st, 0);
	signal(SIGCHLD, SIG_DFL);
	return got_chld;
}

static int
check_signals(void)
{
	int bad = 0;

	bad |= signal_handler_runs() ? pass("sig_handler") :
	    fail("sig_handler", "a SIGUSR1 handler did not run in the child");
	bad |= signal_kills_blocked() ? pass("sig_term_blocked") :
	    fail("sig_term_blocked", "SIGTERM did not end a child blocked in read");
	bad |= signal_sigchld() ? pass("sig_chld") :
	    fail("sig_chld", "no SIGCHLD when a child exited");
	return bad;
}

/* ---- /proc -------------------------------------------------------------------- */

int
read_text(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0)
		return -1;
	r = read(fd, buf, n - 1);
	close(fd);
	if (r < 0)
		return -1;
	buf[r] = '\0';
	return (int)r;
}

static int
check_proc(void)
{
	char buf[4096], want[64];
	ssize_t n;

	if (read_text("/proc/version", buf, sizeof(buf)) < 0 || strncmp(buf, "Rustux version ", 15) != 0)
		return fail("proc", "/proc/version");
	if (read_text("/proc/meminfo", buf, sizeof(buf)) < 0 || strncmp(buf, "MemTotal:", 9) != 0)
		return fail("proc", "/proc/meminfo");
	if (read_text("/proc/cmdline", buf, sizeof(buf)) < 0 || strstr(buf, "rustica.test") == NULL)
		return fail("proc", "/proc/cmdline lacks rustica.test");
	if (read_text("/proc/mounts", buf, sizeof(buf)) < 0 || strstr(buf, " /proc proc ") == NULL)
		return fail("proc", "/proc/mounts lacks /proc");
	if (read_text("/proc/uptime", buf, sizeof(buf)) < 0 || strchr(buf, '.') == NULL)
		return fail("proc", "/proc/uptime");
	snprintf(want, sizeof(want), "%d (ktest) R %d ", (int)getpid(), (int)getppid());
	if (read_text("/proc/self/stat", buf, sizeof(buf)) < 0 || strncmp(buf, want, strlen(want)) != 0)
		return fail("proc", "/proc/self/stat");
	snprintf(want, sizeof(want), "%d", (int)getpid());
	if ((n = readlink("/proc/self", buf, sizeof(buf) - 1)) < 0 ||
	    (buf[n] = '\0', strcmp(buf, want) != 0))
		return fail("proc", "readlink /proc/self");
	if ((n = readlink("/proc/self/exe", buf, sizeof(buf) - 1)) < 0 ||
	    (buf[n] = '\0', strstr(buf, "/ktest") == NULL))
		return fail("proc", "readlink /proc/self/exe");
	if (read_text("/proc/1/status", buf, sizeof(buf)) < 0 || strstr(buf, "\nPid:\t1\n") == NULL)
		return fail("proc", "/proc/1/status");
	if (read_text("/proc/self/cmdline", buf, sizeof(buf)) < 0 || strstr(buf, "ktest") == NULL)
		return fail("proc", "/proc/self/cmdline");
	return pass("proc");
}

static int run_fuzz(const char *arg) { return check_fuzz(arg); }
static int run_forkexec(const char *arg) { return check_forkexec(arg != NULL ? arg : "/bin/true"); }
static int run_pipes(const char *arg) { (void)arg; return check_pipes(); }
static int run_signals(const char *arg) { (void)arg; return check_signals(); }
static int run_proc(const char *arg) { (void)arg; return check_proc(); }
static int run_jobctl(const char *arg) { (void)arg; return check_jobctl(); }
static int run_threads(const char *arg) { (void)arg; return check_threads(); }
static int run_thread_exec(const char *arg) { (void)arg; return check_threads_exec_child(); }
static int run_select(const char *arg) { (void)arg; return check_select(); }
static int run_procfd(const char *arg) { (void)arg; return check_procfd(); }

/* The checks by name. */
static const struct {
	const char	*name;
	int		(*run)(const char *arg);
} checks[] = {
	{ "fuzz", run_fuzz },
	{ "forkexec", run_forkexec },
	{ "pipes", run_pipes },
	{ "signals", run_signals },
	{ "proc", run_proc },
	{ "jobctl", run_jobctl },
	{ "threads", run_threads },
	{ "thread-exec-child", run_thread_exec },
	{ "select", run_select },
	{ "procfd", run_procfd },
};

/*
 * Runs a check in a child so that a kernel bug that hangs it fails the
 * check instead of the whole boot: a safety net, far above any real run.
 */
static int
run_watched(const char *name, int (*run)(const char *), const char *arg)
{
	pid_t pid = fork();
	int st;

	if (pid < 0 || strcmp(name, "thread-exec-child") == 0)
		return run(arg);	/* that one checks its own process: no fork */
	if (pid == 0)
		_exit(run(arg));
	for (int tenths = 0; tenths < WATCHDOG_SECONDS * 10; tenths++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : fail(name, "the check died by a signal");
		usleep(100000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return fail(name, "hung: killed by ktest's watchdog");
}

int
main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	for (size_t i = 0; argc > 1 && i < sizeof(checks) / sizeof(checks[0]); i++)
		if (strcmp(argv[1], checks[i].name) == 0)
			return run_watched(checks[i].name, checks[i].run, argc > 2 ? argv[2] : NULL);
	fprintf(stderr, "usage: ktest fuzz [SEED]|forkexec [PROG]|pipes|signals|proc|jobctl|threads|select|procfd\n");
	return 2;
}
