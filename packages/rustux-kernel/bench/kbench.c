/* kbench.c - kernel microbenchmarks run as PID 1 on Rustux and on Linux (make bench only) */
/* SPDX-License-Identifier: MIT */
/*
 * Prints "KBENCH start", one "BENCH name ns_per_op iterations" line per test,
 * "KBENCH done", then powers the machine off with reboot(2). The same static
 * binary runs on both kernels from the same initrd: /bench/kbench,
 * /bench/kbench-true (the program the exec test starts), /bench/data and,
 * optionally, /bench/skip (names of tests not to run).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TRUE_PATH	"/bench/kbench-true"
#define DATA_PATH	"/bench/data"
#define SKIP_PATH	"/bench/skip"
#define MAP_SIZE	(1024 * 1024)
#define PAGE		4096

struct bench {
	const char *name;
	long iters;
	int (*run)(long iters);	/* 0 on success, else an errno value */
};

static int bench_null(long);
static int bench_pipe(long);
static int bench_fork(long);
static int bench_exec(long);
static int bench_mmap(long);
static int bench_read(long);

/* The one list of tests: name, iterations, function. */
static const struct bench benches[] = {
	{ "null_syscall",	20000,	bench_null },
	{ "pipe_roundtrip",	2000,	bench_pipe },
	{ "fork_exit_wait",	300,	bench_fork },
	{ "fork_exec_wait",	200,	bench_exec },
	{ "mmap_touch_1mib",	200,	bench_mmap },
	{ "read_4kib",		20000,	bench_read },
};

static void
say(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		ssize_t w = write(1, s, n);

		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int
bench_null(long iters)
{
	for (long i = 0; i < iters; i++)
		syscall(SYS_getppid);
	return 0;
}

/* The child echoes each byte back; the parent times write + read of one byte. */
static int
bench_pipe(long iters)
{
	int to[2], from[2], status;
	char c = 'x';
	pid_t pid;

	if (pipe(to) != 0 || pipe(from) != 0)
		return errno;
	pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0) {
		close(to[1]);	/* else its read never sees end-of-file */
		close(from[0]);
		while (read(to[0], &c, 1) == 1 && write(from[1], &c, 1) == 1)
			;
		_exit(0);
	}
	close(to[0]);
	close(from[1]);
	for (long i = 0; i < iters; i++) {
		if (write(to[1], &c, 1) != 1 || read(from[0], &c, 1) != 1)
			return EIO;
	}
	close(to[1]);
	close(from[0]);
	return waitpid(pid, &status, 0) == pid ? 0 : errno;
}

static int
spawn_wait(int exec)
{
	char *argv[] = { TRUE_PATH, NULL }, *envp[] = { NULL };
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return errno;
	if (pid == 0) {
		if (exec)
			execve(TRUE_PATH, argv, envp);
		_exit(exec ? 127 : 0);
	}
	if (waitpid(pid, &status, 0) != pid)
		return errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : ECHILD;
}

static int
bench_fork(long iters)
{
	for (long i = 0; i < iters; i++) {
		int e = spawn_wait(0);

		if (e != 0)
			return e;
	}
	return 0;
}

static int
bench_exec(long iters)
{
	for (long i = 0; i < iters; i++) {
		int e = spawn_wait(1);

		if (e != 0)
			return e;
	}
	return 0;
}

static int
bench_mmap(long iters)
{
	for (long i = 0; i < iters; i++) {
		volatile char *p = mmap(NULL, MAP_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return errno;
		for (size_t off = 0; off < MAP_SIZE; off += PAGE)
			p[off] = 1;
		if (munmap((void *)p, MAP_SIZE) != 0)
			return errno;
	}
	return 0;
}

static int
bench_read(long iters)
{
	static char buf[PAGE];
	int fd = open(DATA_PATH, O_RDONLY);

	if (fd < 0)
		return errno;
	for (long i = 0; i < iters; i++) {
		if (pread(fd, buf, sizeof(buf), (off_t)(i % 4) * PAGE) != PAGE) {
			close(fd);
			return EIO;
		}
	}
	close(fd);
	return 0;
}

/* 1 when NAME is listed in /bench/skip (the bench script skips a test that hung). */
static int
skipped(const char *name)
{
	static char list[1024];
	static int loaded;
	char word[64];
	const char *p;
	int fd, n;

	if (!loaded) {
		loaded = 1;
		if ((fd = open(SKIP_PATH, O_RDONLY)) >= 0) {
			n = (int)read(fd, list, sizeof(list) - 1);
			list[n > 0 ? n : 0] = '\0';
			close(fd);
		}
	}
	for (p = list; sscanf(p, "%63s%n", word, &n) == 1; p += n) {
		if (strcmp(word, name) == 0)
			return 1;
	}
	return 0;
}

static void
run_one(const struct bench *b)
{
	char line[160];
	uint64_t t0, t1;
	int e;

	t0 = now_ns();
	e = b->run(b->iters);
	t1 = now_ns();
	if (e != 0)
		snprintf(line, sizeof(line), "BENCH %s error %s\n", b->name, strerror(e));
	else
		snprintf(line, sizeof(line), "BENCH %s %llu %ld\n", b->name,
		    (unsigned long long)((t1 - t0) / (uint64_t)b->iters), b->iters);
	say(line);
}

int
main(int argc, char **argv)
{
	say("KBENCH start\n");
	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++) {
		if ((argc > 1 && strcmp(argv[1], benches[i].name) != 0) ||
		    skipped(benches[i].name)) {
			printf("BENCH %s skipped\n", benches[i].name);
			fflush(stdout);
			continue;
		}
		run_one(&benches[i]);
	}
	say("KBENCH done\n");
	if (getpid() == 1) {
		sync();
		reboot(RB_POWER_OFF);
		for (;;)
			pause();
	}
	return 0;
}
