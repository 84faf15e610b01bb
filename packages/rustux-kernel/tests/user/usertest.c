/* usertest.c - user test: PID 1 for check-kernel-user: exercises the syscalls, prints TEST lines */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <dirent.h>
#include <poll.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int passed, failed;

static void
check(const char *name, int ok)
{
	printf("TEST %s ... %s\n", name, ok ? "PASS" : "FAIL");
	if (ok)
		passed++;
	else
		failed++;
}

/* A raw call, so libc cannot hide the kernel's answer. */
static long
raw(long nr, long a, long b, long c)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "a"(nr), "D"(a), "S"(b), "d"(c)
	    : "rcx", "r11", "memory");
	return r;
}

#define BAD ((long)0x10)	/* below mmap_min_addr: never mapped */

static void
test_basic(void)
{
	struct utsname u;
	struct timespec a, b, d = { 0, 20000000 };

	check("write_badfd", raw(SYS_write, 99, (long)"x", 1) == -EBADF);
	check("write_efault", raw(SYS_write, 1, BAD, 4) == -EFAULT);
	check("write_kernel_ptr_efault", raw(SYS_write, 1, (long)0xffffffff80000000UL, 4) == -EFAULT);
	check("enosys_unknown", raw(4000, 0, 0, 0) == -ENOSYS);
	check("enosys_planned", raw(SYS_mremap, 0, 0, 0) == -ENOSYS);
	check("getpid_init", getpid() == 1);
	check("getuid_root", getuid() == 0 && geteuid() == 0 && getgid() == 0);
	check("uname", uname(&u) == 0 && strcmp(u.sysname, "Rustux") == 0 &&
	    strcmp(u.machine, "x86_64") == 0);
	check("uname_efault", raw(SYS_uname, BAD, 0, 0) == -EFAULT);
	check("sethostname", raw(SYS_sethostname, (long)"usertest-host", 8, 0) == 0 &&
	    uname(&u) == 0 && strcmp(u.nodename, "usertest") == 0);
	check("sethostname_einval", raw(SYS_sethostname, (long)"x", 65, 0) == -EINVAL &&
	    raw(SYS_sethostname, (long)"x", -1, 0) == -EINVAL);
	check("sethostname_efault", raw(SYS_sethostname, BAD, 4, 0) == -EFAULT &&
	    uname(&u) == 0 && strcmp(u.nodename, "usertest") == 0);
	check("clock_gettime", clock_gettime(CLOCK_MONOTONIC, &a) == 0);
	/* The wall clock comes from the RTC (QEMU's is the host's time): after 2020-01-01. */
	check("clock_realtime_from_rtc", clock_gettime(CLOCK_REALTIME, &b) == 0 &&
	    b.tv_sec > 1577836800 && time(NULL) >= b.tv_sec);
	check("nanosleep", nanosleep(&d, NULL) == 0 && clock_gettime(CLOCK_MONOTONIC, &b) == 0 &&
	    (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) >= 20000000L);
	check("nanosleep_efault", raw(SYS_nanosleep, BAD, 0, 0) == -EFAULT);
	check("ioctl_tiocgwinsz", isatty(1));
}

static void
test_memory(void)
{
	char *p = malloc(100000), *m;
	long brk0 = raw(SYS_brk, 0, 0, 0);

	check("malloc", p != NULL);
	memset(p, 0x5a, 100000);
	check("malloc_touch", p[99999] == 0x5a);
	check("brk_grow", raw(SYS_brk, brk0 + 8192, 0, 0) == brk0 + 8192);
	((volatile char *)brk0)[8000] = 1;
	m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check("mmap_anon", m != MAP_FAILED);
	m[0] = 1;
	m[(1 << 20) - 1] = 2;
	check("mmap_zero_fill", m[4096] == 0 && m[0] == 1);
	check("mprotect", mprotect(m, 4096, PROT_READ) == 0);
	check("copyout_readonly_efault", raw(SYS_read, 0, (long)m, 0) == 0 &&
	    raw(SYS_clock_gettime, CLOCK_MONOTONIC, (long)m, 0) == -EFAULT);
	check("munmap", munmap(m, 1 << 20) == 0);
	check("munmap_efault_after", raw(SYS_write, 1, (long)m, 1) == -EFAULT);
	check("mmap_einval", raw(SYS_mmap, 1, 4096, 0) == -EINVAL);
}

static void
test_files(void)
{
	char buf[64];
	struct stat st;
	int fd = open("/test/data.txt", O_RDONLY);
	long n;

	check("open", fd >= 0);
	n = read(fd, buf, sizeof(buf) - 1);
	check("read", n == 14 && memcmp(buf, "rustux initrd\n", 14) == 0);
	check("lseek", lseek(fd, 7, SEEK_SET) == 7 && read(fd, buf, 6) == 6 &&
	    memcmp(buf, "initrd", 6) == 0);
	check("fstat", fstat(fd, &st) == 0 && st.st_size == 14 && S_ISREG(st.st_mode));
	check("read_efault", raw(SYS_read, fd, BAD, 4) == -EFAULT);
	check("close", close(fd) == 0);
	check("close_ebadf", close(fd) == -1 && errno == EBADF);
	check("open_enoent", open("/nonexistent", O_RDONLY) == -1 && errno == ENOENT);
	check("open_efault", raw(SYS_open, BAD, O_RDONLY, 0) == -EFAULT);
	check("stat_dir", stat("/test", &st) == 0 && S_ISDIR(st.st_mode));
	check("dup2", dup2(1, 10) == 10 && write(10, "", 0) == 0 && close(10) == 0);
	check("getcwd", getcwd(buf, sizeof(buf)) != NULL && strcmp(buf, "/") == 0);
	check("chdir", chdir("/test") == 0 && getcwd(buf, sizeof(buf)) && strcmp(buf, "/test") == 0 &&
	    chdir("/") == 0);
	fd = open("/tmpfile", O_CREAT | O_RDWR, 0644);
	check("create_write_read", fd >= 0 && write(fd, "abc", 3) == 3 && lseek(fd, 0, SEEK_SET) == 0 &&
	    read(fd, buf, 3) == 3 && memcmp(buf, "abc", 3) == 0);
	close(fd);
	fd = open("/test/data.txt", O_RDONLY);
	check("pread", pread(fd, buf, 6, 7) == 6 && memcmp(buf, "initrd", 6) == 0 &&
	    lseek(fd, 0, SEEK_CUR) == 0);
	{
		char *m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);

		check("mmap_file_private", m != MAP_FAILED && memcmp(m, "rustux initrd\n", 14) == 0 &&
		    m[14] == 0 && munmap(m, 4096) == 0);
	}
	{
		/* Private and writable: the write stays in the mapping, the file keeps its bytes. */
		char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

		check("mmap_file_private_write", m != MAP_FAILED && (m[0] = 'R') == 'R' &&
		    pread(fd, buf, 6, 0) == 6 && memcmp(buf, "rustux", 6) == 0 &&
		    memcmp(m, "Rustux", 6) == 0 && m[4096] == 0 && munmap(m, 8192) == 0);
		m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
		check("mmap_file_private_again", m != MAP_FAILED && memcmp(m, "rustux", 6) == 0 &&
		    munmap(m, 4096) == 0);
	}
	check("mmap_file_offset_wraps_eoverflow",
	    syscall(SYS_mmap, 0L, 8192L, (long)PROT_READ, (long)MAP_PRIVATE, (long)fd, -4096L) == -1 &&
	    errno == EOVERFLOW);
	check("mmap_shared_file_enodev", mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0) ==
	    MAP_FAILED && errno == ENODEV);
	close(fd);
	{
		unsigned char r1[32] = { 0 }, r2[32] = { 0 };

		check("getrandom", getrandom(r1, sizeof(r1), 0) == 32 &&
		    getrandom(r2, sizeof(r2), 0) == 32 && memcmp(r1, r2, 32) != 0);
		check("getrandom_efault", raw(SYS_getrandom, BAD, 8, 0) == -EFAULT);
	}
}

static int
fork_many(int n)
{
	int st;

	for (int i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(i & 0x7f);
		if (pid < 0 || waitpid(pid, &st, 0) != pid || WEXITSTATUS(st) != (i & 0x7f))
			return 0;
	}
	return 1;
}

static void
test_procs(void)
{
	int st = 0, fds[2];
	pid_t pid;
	char buf[32];
	struct { size_t used; } before;

	pid = fork();
	if (pid == 0)
		_exit(42);
	check("fork_wait_status", pid > 1 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 42);
	check("wait_echild", waitpid(-1, &st, 0) == -1 && errno == ECHILD);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "hello", NULL };

		execve("/test/hello", argv, NULL);
		_exit(99);
	}
	check("fork_exec_wait", waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7);
	check("pipe", pipe(fds) == 0);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		write(fds[1], "through a pipe", 14);
		_exit(0);
	}
	close(fds[1]);
	check("pipe_between_processes", read(fds[0], buf, sizeof(buf)) == 14 &&
	    memcmp(buf, "through a pipe", 14) == 0 && read(fds[0], buf, 1) == 0);
	close(fds[0]);
	waitpid(pid, &st, 0);
	pid = fork();
	if (pid == 0) {
		*(volatile int *)BAD = 1;
		_exit(0);
	}
	check("segv_kills_child", waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) &&
	    WTERMSIG(st) == 11);
	check("execve_enoent", execve("/nope", (char *[]){ "nope", NULL }, NULL) == -1 &&
	    errno == ENOENT);
	check("execve_efault", raw(SYS_execve, BAD, 0, 0) == -EFAULT);
	(void)before;
	check("fork_exit_200", fork_many(200));
	{
		struct sysinfo a, b;

		/* Warm the kernel heap's caches, then every page must come back. */
		fork_many(20);
		sysinfo(&a);
		fork_many(200);
		sysinfo(&b);
		check("fork_exit_memory_returns", a.freeram == b.freeram);
		if (a.freeram != b.freeram)
			printf("# freeram %lu before, %lu after\n", a.freeram, b.freeram);
	}
	if (access("/bin/sh", X_OK) == 0 || open("/bin/sh", O_RDONLY) >= 0) {
		pid = fork();
		if (pid == 0) {
			execl("/bin/sh", "sh", "-c", "echo hi | cat", (char *)NULL);
			_exit(99);
		}
		check("sh_pipeline", waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
		    WEXITSTATUS(st) == 0);
	}
}

static void
test_names(void)
{
	struct stat st;
	struct timeval tv;
	char buf[64];
	int d, fd, status;
	pid_t pid;

	check("mkdir", mkdir("/tmp", 0755) == 0 || errno == EEXIST);
	check("mkdir_eexist", mkdir("/tmp", 0755) == -1 && errno == EEXIST);
	fd = open("/tmp/a", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	check("rename", fd >= 0 && close(fd) == 0 && rename("/tmp/a", "/tmp/b") == 0 &&
	    stat("/tmp/a", &st) == -1 && errno == ENOENT && stat("/tmp/b", &st) == 0);
	check("symlink_readlink", symlink("/tmp/b", "/tmp/l") == 0 &&
	    readlink("/tmp/l", buf, sizeof(buf)) == 6 && memcmp(buf, "/tmp/b", 6) == 0);
	check("lstat_link", lstat("/tmp/l", &st) == 0 && S_ISLNK(st.st_mode));
	d = open("/tmp", O_RDONLY | O_DIRECTORY);
	check("openat_dirfd", d >= 0 && (fd = openat(d, "b", O_RDONLY)) >= 0 && close(fd) == 0);
	check("fstatat_dirfd", fstatat(d, "b", &st, 0) == 0 && S_ISREG(st.st_mode));
	check("unlinkat", unlinkat(d, "l", 0) == 0 && unlinkat(d, "b", 0) == 0 &&
	    stat("/tmp/b", &st) == -1 && errno == ENOENT);
	close(d);
	check("rmdir_enotempty_then_ok", mkdir("/tmp/d", 0755) == 0 &&
	    close(open("/tmp/d/f", O_CREAT | O_WRONLY, 0644)) == 0 &&
	    rmdir("/tmp/d") == -1 && errno == ENOTEMPTY && unlink("/tmp/d/f") == 0 &&
	    rmdir("/tmp/d") == 0);
	check("umask", umask(077) == 022 && umask(022) == 077);
	check("gettimeofday_time", gettimeofday(&tv, NULL) == 0 && time(NULL) >= 0);
	pid = fork();
	if (pid == 0) {
		execl("/test/script.sh", "script.sh", "arg1", (char *)NULL);
		_exit(99);
	}
	check("execve_script", waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 5);
}

static volatile int got_sig, got_count;
static volatile double fp_sink;

static void
on_signal(int sig)
{
	volatile double x = 0.1;

	for (int i = 0; i < 10; i++)
		x = x * 3.7 + 1.0;	/* uses the SSE registers the interrupted code had */
	fp_sink = x;
	got_sig = sig;
	got_count++;
}

static void
test_handlers(void)
{
	struct sigaction sa;
	sigset_t set;
	volatile double keep = 1.5;
	int st = 0, p1[2], p2[2];
	char c;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	check("sigaction_handler", sigaction(SIGUSR1, &sa, NULL) == 0);
	got_sig = got_count = 0;
	check("handler_runs_on_kill_self", kill(getpid(), SIGUSR1) == 0 && got_sig == SIGUSR1 &&
	    got_count == 1);
	check("handler_keeps_fpu", keep * 2.0 == 3.0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	st = got_count;
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	check("masked_signal_waits_for_unblock", st == 1 && got_count == 2);
	pipe(p1);
	pipe(p2);
	pid = fork();
	if (pid == 0) {
		ssize_t r;

		sigaction(SIGTERM, &sa, NULL);
		write(p2[1], "r", 1);
		r = read(p1[0], &c, 1);
		_exit(r == -1 && errno == EINTR && got_sig == SIGTERM ? 7 : 1);
	}
	read(p2[0], &c, 1);
	check("handler_interrupts_read_eintr", kill(pid, SIGTERM) == 0 &&
	    waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7);
	close(p1[0]);
	close(p1[1]);
	close(p2[0]);
	close(p2[1]);
	signal(SIGUSR1, SIG_DFL);
}

static void
test_kill(void)
{
	struct timespec ten = { 10, 0 };
	int st = 0, p1[2], p2[2];
	char c;
	pid_t pid;

	check("kill_zero_self", kill(getpid(), 0) == 0);
	check("kill_esrch", kill(99999, 0) == -1 && errno == ESRCH);
	pid = fork();
	if (pid == 0) {
		nanosleep(&ten, NULL);
		_exit(0);
	}
	check("kill_sleeping_child", kill(pid, SIGTERM) == 0 && waitpid(pid, &st, 0) == pid &&
	    WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
	pipe(p1);
	pid = fork();
	if (pid == 0) {
		close(p1[1]);
		read(p1[0], &c, 1);
		_exit(0);
	}
	close(p1[0]);
	check("kill_child_blocked_in_read", kill(pid, SIGKILL) == 0 && waitpid(pid, &st, 0) == pid &&
	    WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	close(p1[1]);
	pipe(p1);
	pipe(p2);
	pid = fork();
	if (pid == 0) {
		signal(SIGTERM, SIG_IGN);
		write(p2[1], "r", 1);
		read(p1[0], &c, 1);
		_exit(3);
	}
	read(p2[0], &c, 1);
	kill(pid, SIGTERM);
	write(p1[1], "g", 1);
	check("kill_sig_ign_survives", waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 3);
	close(p1[0]);
	close(p1[1]);
	close(p2[0]);
	close(p2[1]);
}

/* Process groups and sessions: setpgid, getpgid, setsid, getsid, kill to a group, wait4 by group. */
static void
test_pgrp(void)
{
	struct timespec ten = { 10, 0 };
	int st = 0, p1[2], ok;
	char c;
	pid_t a, b, w;

	check("pgrp_init", getpgrp() == 1 && getpgid(0) == 1 && getsid(0) == 1);
	check("setsid_group_leader_eperm", setsid() == -1 && errno == EPERM);
	check("setpgid_einval", setpgid(0, -1) == -1 && errno == EINVAL);
	check("getpgid_esrch", getpgid(99999) == -1 && errno == ESRCH);
	pipe(p1);
	a = fork();
	if (a == 0) {
		pid_t me = getpid();

		ok = getpgrp() == 1 && getsid(0) == 1;
		ok = ok && setsid() == me && getsid(0) == me && getpgrp() == me;
		ok = ok && setpgid(0, 1) == -1 && errno == EPERM;	/* another session */
		_exit(ok ? 0 : 1);
	}
	check("setsid_child", waitpid(a, &st, 0) == a && WIFEXITED(st) && WEXITSTATUS(st) == 0);
	a = fork();
	if (a == 0) {
		read(p1[0], &c, 1);
		_exit(0);
	}
	check("setpgid_child_own_group", setpgid(a, a) == 0 && getpgid(a) == a);
	b = fork();
	if (b == 0) {
		nanosleep(&ten, NULL);
		_exit(0);
	}
	check("setpgid_join_group", setpgid(b, a) == 0 && getpgid(b) == a);
	check("setpgid_no_such_group_eperm", setpgid(b, 4242) == -1 && errno == EPERM);
	check("wait4_group_wnohang", waitpid(-a, &st, WNOHANG) == 0);
	check("wait4_other_group_echild", waitpid(0, &st, WNOHANG) == -1 && errno == ECHILD);
	check("kill_group", kill(-a, SIGTERM) == 0);
	w = waitpid(-a, &st, 0);
	ok = (w == a || w == b) && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM;
	w = waitpid(-a, &st, 0);
	ok = ok && (w == a || w == b) && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM;
	check("kill_group_ends_every_member", ok && waitpid(-a, &st, 0) == -1 && errno == ECHILD);
	check("kill_group_esrch", kill(-a, SIGTERM) == -1 && errno == ESRCH);
	check("wait4_bad_option_einval", waitpid(-1, &st, 0x100) == -1 && errno == EINVAL);
	close(p1[0]);
	close(p1[1]);
	a = fork();
	if (a == 0) {
		setpgid(0, 0);
		kill(0, SIGTERM);	/* its own group: itself */
		_exit(3);
	}
	check("kill_zero_own_group", waitpid(a, &st, 0) == a && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGTERM);
}

static volatile int chld_count;
static volatile void *segv_addr;
static volatile int altstack_used;
static char alt_stack[16384];

static void
on_chld(int sig)
{
	chld_count++;
}

static void
on_alt(int sig)
{
	char here;

	altstack_used = &here >= alt_stack && &here < alt_stack + sizeof(alt_stack);
}

static void
on_segv(int sig, siginfo_t *si, void *uc)
{
	segv_addr = si->si_addr;
	_exit(42);
}

/* SIGCHLD, SA_RESTART against -EINTR, sigaltstack, a SIGSEGV handler. */
static void
test_sigmore(void)
{
	struct sigaction sa;
	stack_t ss, old;
	int st = 0, p1[2], p2[2];
	char c = 0;
	ssize_t r;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);
	chld_count = 0;
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &st, 0);
	check("sigchld_on_exit", chld_count == 1);
	signal(SIGCHLD, SIG_DFL);
	/* SA_RESTART: the child's read goes on after the handler. */
	pipe(p1);
	pipe(p2);
	pid = fork();
	if (pid == 0) {
		sa.sa_handler = on_signal;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGUSR1, &sa, NULL);
		got_sig = 0;
		write(p2[1], "r", 1);
		r = read(p1[0], &c, 1);
		_exit(r == 1 && c == 'x' && got_sig == SIGUSR1 ? 0 : 1);
	}
	read(p2[0], &c, 1);
	kill(pid, SIGUSR1);
	/* Let the child block in read first; if it has not yet, the test still passes. */
	{
		struct timespec t = { 0, 50000000 };

		nanosleep(&t, NULL);
	}
	write(p1[1], "x", 1);
	check("sa_restart_read_resumes", waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	close(p1[0]);
	close(p1[1]);
	close(p2[0]);
	close(p2[1]);
	/* sigaltstack */
	memset(&ss, 0, sizeof(ss));
	ss.ss_sp = alt_stack;
	ss.ss_size = sizeof(alt_stack);
	check("sigaltstack_set", sigaltstack(&ss, &old) == 0 && (old.ss_flags & SS_DISABLE));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alt;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR2, &sa, NULL);
	altstack_used = 0;
	kill(getpid(), SIGUSR2);
	check("sigaltstack_handler_runs_there", altstack_used == 1);
	ss.ss_size = 100;
	check("sigaltstack_small_enomem", sigaltstack(&ss, NULL) == -1 && errno == ENOMEM);
	ss.ss_flags = SS_DISABLE;
	check("sigaltstack_disable", sigaltstack(&ss, NULL) == 0 && sigaltstack(NULL, &old) == 0 &&
	    (old.ss_flags & SS_DISABLE));
	signal(SIGUSR2, SIG_DFL);
	/* A fault with a handler runs the handler. */
	pid = fork();
	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_sigaction = on_segv;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGSEGV, &sa, NULL);
		*(volatile int *)0x10 = 1;
		_exit(1);
	}
	check("sigsegv_handler_runs", waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 42);
}

/* poll, ppoll, select, pselect6 on pipes, the console and a regular file. */
static void
test_poll(void)
{
	struct pollfd pf[2];
	struct timespec ts = { 0, 30000000 };
	struct timeval tv = { 0, 30000 };
	fd_set rs, ws;
	int p1[2], st = 0, fd;
	char c;
	pid_t pid;

	pipe(p1);
	pf[0] = (struct pollfd){ .fd = p1[0], .events = POLLIN };
	pf[1] = (struct pollfd){ .fd = p1[1], .events = POLLOUT };
	check("poll_empty_pipe_zero_timeout", poll(pf, 1, 0) == 0 && pf[0].revents == 0);
	check("poll_timeout_expires", poll(pf, 1, 30) == 0);
	check("poll_pipe_writable", poll(pf, 2, 0) == 1 && pf[1].revents == POLLOUT);
	write(p1[1], "a", 1);
	check("poll_pipe_readable", poll(pf, 2, -1) == 2 && pf[0].revents == POLLIN);
	read(p1[0], &c, 1);
	check("ppoll_timeout", ppoll(pf, 1, &ts, NULL) == 0);
	FD_ZERO(&rs);
	FD_SET(p1[0], &rs);
	check("select_timeout", select(p1[0] + 1, &rs, NULL, NULL, &tv) == 0 && !FD_ISSET(p1[0], &rs));
	pid = fork();
	if (pid == 0) {
		nanosleep(&ts, NULL);
		write(p1[1], "b", 1);
		_exit(0);
	}
	FD_ZERO(&rs);
	FD_SET(p1[0], &rs);
	check("select_wakes_on_pipe_write", select(p1[0] + 1, &rs, NULL, NULL, NULL) == 1 &&
	    FD_ISSET(p1[0], &rs));
	waitpid(pid, &st, 0);
	read(p1[0], &c, 1);
	pid = fork();
	if (pid == 0) {
		nanosleep(&ts, NULL);
		write(p1[1], "c", 1);
		_exit(0);
	}
	check("poll_wakes_on_pipe_write", poll(pf, 1, 10000) == 1 && pf[0].revents == POLLIN);
	waitpid(pid, &st, 0);
	read(p1[0], &c, 1);
	FD_ZERO(&rs);
	FD_ZERO(&ws);
	FD_SET(p1[0], &rs);
	FD_SET(p1[1], &ws);
	check("pselect_write_ready", pselect(p1[1] + 1, &rs, &ws, NULL, &ts, NULL) == 1 &&
	    FD_ISSET(p1[1], &ws) && !FD_ISSET(p1[0], &rs));
	close(p1[1]);
	check("poll_pipe_hangup", poll(pf, 1, 0) == 1 && (pf[0].revents & POLLHUP));
	close(p1[0]);
	pf[0] = (struct pollfd){ .fd = 77, .events = POLLIN };
	check("poll_bad_fd_nval", poll(pf, 1, 0) == 1 && pf[0].revents == POLLNVAL);
	FD_ZERO(&rs);
	FD_SET(77, &rs);
	check("select_bad_fd_ebadf", select(78, &rs, NULL, NULL, &tv) == -1 && errno == EBADF);
	check("poll_efault", raw(SYS_poll, BAD, 1, 0) == -EFAULT);
	fd = open("/test/data.txt", O_RDONLY);
	pf[0] = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	check("poll_regular_file_ready", poll(pf, 1, -1) == 1 && pf[0].revents == (POLLIN | POLLOUT));
	close(fd);
	pf[0] = (struct pollfd){ .fd = 1, .events = POLLOUT };
	check("poll_console_writable", poll(pf, 1, 0) == 1 && pf[0].revents == POLLOUT);
	pf[0] = (struct pollfd){ .fd = 0, .events = POLLIN };
	check("poll_console_no_input", poll(pf, 1, 0) == 0);
	/* A signal ends the wait with EINTR. */
	pipe(p1);
	pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		int r;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sa.sa_flags = SA_RESTART;	/* poll is never restarted */
		sigaction(SIGUSR1, &sa, NULL);
		pf[0] = (struct pollfd){ .fd = p1[0], .events = POLLIN };
		r = poll(pf, 1, -1);
		_exit(r == -1 && errno == EINTR ? 0 : 1);
	}
	nanosleep(&ts, NULL);
	kill(pid, SIGUSR1);
	check("poll_signal_eintr", waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	close(p1[0]);
	close(p1[1]);
}

/* Runs argv with stdout into a pipe; the output in buf, the wait status returned. */
static int
capture(char *const argv[], char *buf, size_t n)
{
	int fds[2], st = -1;
	size_t got = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], argv);
		_exit(99);
	}
	close(fds[1]);
	while (got + 1 < n && (r = read(fds[0], buf + got, n - 1 - got)) > 0)
		got += (size_t)r;
	buf[got] = '\0';
	close(fds[0]);
	waitpid(pid, &st, 0);
	return st;
}

/* Copy-on-write fork: writes on either side stay private; the child does not copy untouched pages. */
static char cow_area[4 << 20];
static volatile int cow_word = 1;

static void
test_cow(void)
{
	struct sysinfo before, after;
	int st = -1, p1[2];
	char buf[8] = "parent!";
	pid_t pid;

	memset(cow_area, 0x5a, sizeof(cow_area));	/* 4 MiB present in the parent */
	pipe(p1);
	sysinfo(&before);
	pid = fork();
	if (pid == 0) {
		int ok;

		sysinfo(&after);
		/* An eager copy would have taken the 4 MiB already: 1 MiB is generous. */
		ok = before.freeram - after.freeram < (1 << 20);
		cow_word = 2;
		cow_area[0] = 1;
		ok = ok && read(p1[0], buf, 7) == 7 && memcmp(buf, "child!!", 7) == 0;
		_exit(ok ? 0 : 1);
	}
	write(p1[1], "child!!", 7);
	check("cow_fork_shares_pages", waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	check("cow_child_writes_private", cow_word == 1 && cow_area[0] == 0x5a &&
	    memcmp(buf, "parent!", 7) == 0);
	pid = fork();
	if (pid == 0) {
		struct timespec t = { 0, 30000000 };

		nanosleep(&t, NULL);	/* the parent writes meanwhile */
		_exit(cow_word == 1 && cow_area[1] == 0x5a ? 0 : 1);
	}
	cow_word = 3;
	cow_area[1] = 2;
	check("cow_parent_writes_private", waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0 && cow_word == 3);
	close(p1[0]);
	close(p1[1]);
}

/* musl pthreads: /test/threads prints its own TEST lines; its status sums them up. */
static void
test_threads(void)
{
	char *argv[] = { "/test/threads", NULL };
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		execv(argv[0], argv);
		_exit(99);
	}
	check("threads_program", waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
}

static int
rl_is(int res, unsigned long cur, unsigned long max)
{
	struct rlimit r;

	return getrlimit(res, &r) == 0 && r.rlim_cur == cur && r.rlim_max == max;
}

/* RLIMIT_NOFILE at 8 in a child: open, dup, F_DUPFD and dup2 obey it; 0 if they all do. */
static int
nofile_child(void)
{
	struct rlimit r = { 8, 4096 };
	int fd, last = -1, n = 0;

	if (setrlimit(RLIMIT_NOFILE, &r) != 0)
		return 1;
	while ((fd = open("/test/data.txt", O_RDONLY)) >= 0 && n++ < 20)
		last = fd;
	if (fd != -1 || errno != EMFILE || last != 7)
		return 2;
	if (dup(0) != -1 || errno != EMFILE || pipe((int[2]){ 0, 0 }) != -1 || errno != EMFILE)
		return 3;
	if (fcntl(0, F_DUPFD, 8) != -1 || errno != EINVAL || dup2(0, 8) != -1 || errno != EBADF)
		return 4;
	r.rlim_cur = 16;
	if (setrlimit(RLIMIT_NOFILE, &r) != 0 || fcntl(0, F_DUPFD, 8) != 8)
		return 5;
	r.rlim_cur = 0;
	if (setrlimit(RLIMIT_NOFILE, &r) != 0 || open("/test/data.txt", O_RDONLY) != -1 ||
	    errno != EMFILE || fcntl(0, F_DUPFD, 0) != -1 || errno != EINVAL)
		return 6;
	return 0;
}

/* getrlimit, setrlimit, prlimit64: Linux's defaults, errors, fork and exec keep them, NOFILE enforced. */
static void
test_limits(void)
{
	struct rlimit r, old, fsz = { 1 << 20, 1 << 20 }, inf = { RLIM_INFINITY, RLIM_INFINITY };
	gid_t gl[4];
	int st = -1;
	char out[64];
	pid_t pid;

	check("rlimit_defaults", rl_is(RLIMIT_STACK, 8 << 20, RLIM_INFINITY) &&
	    rl_is(RLIMIT_NOFILE, 1024, 4096) && rl_is(RLIMIT_CORE, 0, RLIM_INFINITY) &&
	    rl_is(RLIMIT_CPU, RLIM_INFINITY, RLIM_INFINITY) && rl_is(RLIMIT_AS, RLIM_INFINITY,
	    RLIM_INFINITY));
	check("rlimit_errors", raw(SYS_getrlimit, 16, (long)&r, 0) == -EINVAL &&
	    raw(SYS_getrlimit, -1, (long)&r, 0) == -EINVAL &&
	    raw(SYS_getrlimit, RLIMIT_CORE, BAD, 0) == -EFAULT &&
	    raw(SYS_setrlimit, RLIMIT_CORE, BAD, 0) == -EFAULT &&
	    setrlimit(RLIMIT_CORE, &(struct rlimit){ 10, 5 }) == -1 && errno == EINVAL &&
	    setrlimit(RLIMIT_NOFILE, &(struct rlimit){ 64, 5000 }) == -1 && errno == EPERM &&
	    prlimit(999999, RLIMIT_CORE, NULL, &r) == -1 && errno == ESRCH &&
	    prlimit(0, 16, NULL, &r) == -1 && errno == EINVAL &&
	    prlimit(0, RLIMIT_CORE, (void *)BAD, NULL) == -1 && errno == EFAULT &&
	    prlimit(0, RLIMIT_CORE, NULL, (void *)BAD) == -1 && errno == EFAULT);
	check("rlimit_root_raises_hard", setrlimit(RLIMIT_FSIZE, &fsz) == 0 &&
	    rl_is(RLIMIT_FSIZE, 1 << 20, 1 << 20) && prlimit(0, RLIMIT_FSIZE, &inf, &old) == 0 &&
	    old.rlim_max == 1 << 20 && rl_is(RLIMIT_FSIZE, RLIM_INFINITY, RLIM_INFINITY));
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	check("prlimit_other_pid", prlimit(pid, RLIMIT_NOFILE, &(struct rlimit){ 64, 4096 },
	    &old) == 0 && old.rlim_cur == 1024 && prlimit(pid, RLIMIT_NOFILE, NULL, &r) == 0 &&
	    r.rlim_cur == 64 && rl_is(RLIMIT_NOFILE, 1024, 4096));
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	pid = fork();
	if (pid == 0)
		_exit(nofile_child());
	check("nofile_enforced", waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	setrlimit(RLIMIT_NOFILE, &(struct rlimit){ 100, 4096 });
	check("rlimit_fork_exec_keep", access("/bin/busybox", X_OK) != 0 ||
	    (capture((char *[]){ "/bin/busybox", "sh", "-c", "ulimit -n; ulimit -s", NULL },
	    out, sizeof(out)) == 0 && strcmp(out, "100\n8192\n") == 0));
	setrlimit(RLIMIT_NOFILE, &(struct rlimit){ 1024, 4096 });
	check("getgroups_none", getgroups(0, NULL) == 0 && getgroups(4, gl) == 0 &&
	    raw(SYS_getgroups, -1, 0, 0) == -EINVAL);
}

#define RENAME_NOREPLACE_	1	/* renameat2 flags (not in musl 1.2.3's headers) */
#define RENAME_EXCHANGE_	2

/* faccessat2's flags, renameat2's NOREPLACE, the old getdents records. */
static void
test_fsmore(void)
{
	char buf[512], *name;
	int d, fd, n, found = 0;
	long r;

	mkdir("/tmp", 0755);
	close(open("/tmp/fa", O_CREAT | O_WRONLY, 0644));
	symlink("/tmp/missing", "/tmp/fl");
	d = open("/tmp", O_RDONLY | O_DIRECTORY);
	fd = open("/tmp/fa", O_RDONLY);
	check("faccessat_dirfd", faccessat(d, "fa", R_OK | W_OK, 0) == 0);
	check("faccessat2_flags", syscall(SYS_faccessat2, AT_FDCWD, "/tmp/fl", F_OK, 0) == -1 &&
	    errno == ENOENT &&
	    syscall(SYS_faccessat2, AT_FDCWD, "/tmp/fl", F_OK, AT_SYMLINK_NOFOLLOW) == 0 &&
	    syscall(SYS_faccessat2, d, "fa", R_OK, AT_EACCESS) == 0 &&
	    syscall(SYS_faccessat2, fd, "", X_OK, AT_EMPTY_PATH) == -1 && errno == EACCES &&
	    syscall(SYS_faccessat2, fd, "", R_OK, AT_EMPTY_PATH) == 0 &&
	    syscall(SYS_faccessat2, d, "", F_OK, 0) == -1 && errno == ENOENT &&
	    syscall(SYS_faccessat2, d, "fa", F_OK, 1) == -1 && errno == EINVAL &&
	    syscall(SYS_faccessat2, d, "fa", 8, 0) == -1 && errno == EINVAL &&
	    syscall(SYS_faccessat2, d, (char *)BAD, F_OK, 0) == -1 && errno == EFAULT);
	close(open("/tmp/fb", O_CREAT | O_WRONLY, 0644));
	check("renameat2_noreplace", syscall(SYS_renameat2, d, "fa", d, "fb", RENAME_NOREPLACE_) == -1 &&
	    errno == EEXIST && access("/tmp/fa", F_OK) == 0 &&
	    syscall(SYS_renameat2, d, "fa", d, "fc", RENAME_NOREPLACE_) == 0 &&
	    access("/tmp/fa", F_OK) == -1 && access("/tmp/fc", F_OK) == 0);
	check("renameat2_flags", syscall(SYS_renameat2, d, "fc", d, "fb", RENAME_EXCHANGE_) == -1 &&
	    errno == EINVAL && syscall(SYS_renameat2, d, "fc", d, "fb", 8) == -1 &&
	    errno == EINVAL && syscall(SYS_renameat2, d, "fc", d, "fb", 0) == 0 &&
	    access("/tmp/fc", F_OK) == -1);
	close(fd);
	unlink("/tmp/fb");
	unlink("/tmp/fl");
	close(d);
	d = open("/test", O_RDONLY | O_DIRECTORY);
	while ((n = (int)syscall(SYS_getdents, d, buf, sizeof(buf))) > 0) {
		for (int off = 0; off < n; off += *(unsigned short *)(buf + off + 16)) {
			unsigned short reclen = *(unsigned short *)(buf + off + 16);

			name = buf + off + 18;
			if (strcmp(name, "usertest") == 0 && buf[off + reclen - 1] == DT_REG)
				found |= 1;
			if (strcmp(name, ".") == 0 && buf[off + reclen - 1] == DT_DIR)
				found |= 2;
		}
	}
	lseek(d, 0, SEEK_SET);
	r = syscall(SYS_getdents, d, buf, 8);
	check("getdents_old_records", n == 0 && found == 3 && r == -1 && errno == EINVAL);
	close(d);
	fd = open("/test/data.txt", O_RDONLY);
	check("getdents_errors", syscall(SYS_getdents, fd, buf, sizeof(buf)) == -1 &&
	    errno == ENOTDIR && syscall(SYS_getdents, 99, buf, sizeof(buf)) == -1 &&
	    errno == EBADF);
	close(fd);
	{
		/*
		 * The count is an unsigned int: a 64-bit -1 is 4 GiB, which the kernel
		 * answers with a short read (at most its 4 KiB buffer) over 300 entries,
		 * all of them coming back in later calls.
		 */
		static char big[65536];
		char path[32];
		int total = 0, most = 0;

		mkdir("/tmp/many", 0755);
		for (int i = 0; i < 300; i++) {
			snprintf(path, sizeof(path), "/tmp/many/entry-number-%03d", i);
			close(open(path, O_CREAT | O_WRONLY, 0644));
		}
		d = open("/tmp/many", O_RDONLY | O_DIRECTORY);
		while ((r = syscall(SYS_getdents64, d, big, -1L)) > 0) {
			most = r > most ? (int)r : most;
			for (long off = 0; off < r; off += *(unsigned short *)(big + off + 16))
				total++;
		}
		close(d);
		check("getdents64_count_is_unsigned_int", r == 0 && total == 302 && most <= 4096);
	}
}

/* Debian's busybox-static: a glibc static binary, unmodified. */
static void
test_busybox(void)
{
	char out[256];

	if (access("/bin/busybox", X_OK) != 0)
		return;
	check("busybox_echo", capture((char *[]){ "/bin/busybox", "echo", "hi", NULL }, out,
	    sizeof(out)) == 0 && strcmp(out, "hi\n") == 0);
	check("busybox_uname", capture((char *[]){ "/bin/busybox", "uname", "-s", NULL }, out,
	    sizeof(out)) == 0 && strcmp(out, "Rustux\n") == 0);
	check("busybox_sh_pipeline", capture((char *[]){ "/bin/busybox", "sh", "-c",
	    "x=$((6*7)); echo $x | /bin/busybox wc -c", NULL }, out, sizeof(out)) == 0 &&
	    strcmp(out, "3\n") == 0);
	check("busybox_ls", capture((char *[]){ "/bin/busybox", "ls", "/test", NULL }, out,
	    sizeof(out)) == 0 && strstr(out, "usertest") != NULL);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("usertest: pid %d\n", getpid());
	test_basic();
	test_memory();
	test_files();
	test_names();
	test_procs();
	test_kill();
	test_handlers();
	test_pgrp();
	test_sigmore();
	test_poll();
	test_threads();
	test_cow();
	test_limits();
	test_fsmore();
	test_busybox();
	printf("RESULT %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
