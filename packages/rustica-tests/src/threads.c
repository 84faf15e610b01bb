/* threads.c - rustica-tests: signals and threads: per-thread masks, tgkill, execve, exit_group */
/* SPDX-License-Identifier: MIT */
/*
 * A musl -static -pthread program's view of Linux's rules: the signal mask
 * and a pending set belong to each thread; kill(2) picks a thread that does
 * not block the signal; tgkill and pthread_kill pick one; execve from any
 * thread ends the others first; exit_group ends them all.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ktest.h"

#define KTEST	"/usr/libexec/rustica-tests/ktest"

static pid_t
tid(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static volatile pid_t handled_by;	/* the tid that ran on_usr1 */

static void
on_usr1(int sig)
{
	(void)sig;
	handled_by = tid();
}

static void
handle_usr1(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };

	sigaction(SIGUSR1, &sa, NULL);
}

static void
block(int how, int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(how, &set, NULL);
}

/* A worker that leaves its tid, then waits for "go" (a byte on a pipe) and returns. */
struct worker {
	pthread_t	th;
	int		go[2];
	volatile pid_t	tid;
	int		block_usr1;
	volatile int	saw_pending;	/* SIGUSR1 pending in its own set before it unblocked */
	volatile int	spin;		/* 1: spin on handled_by instead of reading the pipe */
};

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	sigset_t pend;
	char c;

	block(w->block_usr1 ? SIG_BLOCK : SIG_UNBLOCK, SIGUSR1);	/* it inherited main's mask */
	w->tid = tid();
	if (w->spin) {
		while (handled_by == 0)
			sched_yield();
		return NULL;
	}
	while (read(w->go[0], &c, 1) < 0 && errno == EINTR)
		;
	if (w->block_usr1) {
		sigpending(&pend);
		w->saw_pending = sigismember(&pend, SIGUSR1);
	}
	return NULL;
}

static int
worker_start(struct worker *w, int block_usr1, int spin)
{
	memset(w, 0, sizeof(*w));
	w->block_usr1 = block_usr1;
	w->spin = spin;
	if (pipe(w->go) != 0 || pthread_create(&w->th, NULL, worker_main, w) != 0)
		return -1;
	while (w->tid == 0)
		sched_yield();
	return 0;
}

static void
worker_stop(struct worker *w)
{
	if (!w->spin && write(w->go[1], "g", 1) != 1)
		return;
	pthread_join(w->th, NULL);
	close(w->go[0]);
	close(w->go[1]);
}

/* kill(getpid()) while main blocks SIGUSR1: the one thread that does not runs the handler. */
static int
process_signal_to_unblocked(void)
{
	struct worker w;
	sigset_t mine;

	handle_usr1();
	handled_by = 0;
	block(SIG_BLOCK, SIGUSR1);
	if (worker_start(&w, 0, 1) != 0)
		return 0;
	kill(getpid(), SIGUSR1);
	worker_stop(&w);
	pthread_sigmask(SIG_SETMASK, NULL, &mine);
	block(SIG_UNBLOCK, SIGUSR1);
	return handled_by == w.tid && sigismember(&mine, SIGUSR1);
}

/* The mask is per thread: a worker's pthread_sigmask does not change main's. */
static int
mask_is_per_thread(void)
{
	struct worker w;
	sigset_t mine;

	if (worker_start(&w, 1, 0) != 0)
		return 0;
	pthread_sigmask(SIG_SETMASK, NULL, &mine);
	worker_stop(&w);
	return !sigismember(&mine, SIGUSR1);
}

/* tgkill/pthread_kill reach that thread: its handler runs there, not in main. */
static int
directed_signal(void)
{
	struct worker w;

	handle_usr1();
	handled_by = 0;
	if (worker_start(&w, 0, 1) != 0)
		return 0;
	pthread_kill(w.th, SIGUSR1);
	worker_stop(&w);
	return handled_by == w.tid;
}

/* A directed signal the thread blocks stays in its own pending set, not main's. */
static int
directed_pending_is_private(void)
{
	struct worker w;
	sigset_t pend;
	int ok;

	handle_usr1();
	handled_by = 0;
	if (worker_start(&w, 1, 0) != 0)
		return 0;
	syscall(SYS_tgkill, getpid(), w.tid, SIGUSR1);
	sigpending(&pend);
	ok = !sigismember(&pend, SIGUSR1);
	worker_stop(&w);	/* it sees the signal pending, then exits with it blocked */
	return ok && w.saw_pending && handled_by == 0;
}

/* Threads blocked in pause() forever, for the exec and exit_group cases. */
static void *
sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *
exec_from_thread(void *arg)
{
	char *argv[] = { KTEST, "thread-exec-child", NULL };

	(void)arg;
	execv(argv[0], argv);
	_exit(99);
}

/* The exec'd image: one thread, its tid is the pid. */
int
check_threads_exec_child(void)
{
	char buf[4096];

	if (tid() != getpid())
		_exit(10);
	if (read_text("/proc/self/status", buf, sizeof(buf)) < 0 || strstr(buf, "\nThreads:\t1\n") == NULL)
		_exit(11);
	_exit(42);
}

/* ---- sigaltstack belongs to the thread ------------------------------------ */

static char alt_main[16384], alt_thread[16384];
static volatile uintptr_t alt_seen;	/* where on_alt's frame was (an address, kept as a number) */

static void
on_alt(int sig)
{
	char here;

	(void)sig;
	alt_seen = (uintptr_t)&here;
}

static int
on_stack(const char *stack, size_t size)
{
	return alt_seen >= (uintptr_t)stack && alt_seen < (uintptr_t)stack + size;
}

/* Whether the caller's alternate stack is base (NULL: none). */
static int
altstack_is(const char *base)
{
	stack_t ss;

	if (sigaltstack(NULL, &ss) != 0)
		return 0;
	return base == NULL ? (ss.ss_flags & SS_DISABLE) != 0 : ss.ss_sp == base;
}

/* A new thread starts without one, sets its own, and its handler runs there. */
static void *
alt_thread_main(void *arg)
{
	stack_t ss = { .ss_sp = alt_thread, .ss_size = sizeof(alt_thread) };
	int ok = altstack_is(NULL) && sigaltstack(&ss, NULL) == 0;

	alt_seen = 0;
	ok = ok && pthread_kill(pthread_self(), SIGUSR2) == 0 &&
	    on_stack(alt_thread, sizeof(alt_thread));
	(void)arg;
	return ok ? (void *)1 : NULL;
}

/*
 * Linux keeps sigaltstack per thread: main's stays while another thread
 * sets its own, each handler runs on its thread's, and fork keeps the
 * caller's. Checked in a child, so ktest's own stack is left alone.
 */
static int
altstack_per_thread(void)
{
	pid_t pid;
	int st;

	if ((pid = fork()) == 0) {
		struct sigaction sa = { .sa_handler = on_alt, .sa_flags = SA_ONSTACK };
		stack_t ss = { .ss_sp = alt_main, .ss_size = sizeof(alt_main) };
		pthread_t th;
		void *r = NULL;
		pid_t c;

		if (sigaction(SIGUSR2, &sa, NULL) != 0 || sigaltstack(&ss, NULL) != 0)
			_exit(1);
		if (pthread_create(&th, NULL, alt_thread_main, NULL) != 0 ||
		    pthread_join(th, &r) != 0 || r == NULL)
			_exit(2);
		if (!altstack_is(alt_main))
			_exit(3);
		alt_seen = 0;
		if (raise(SIGUSR2) != 0 || !on_stack(alt_main, sizeof(alt_main)))
			_exit(4);
		if ((c = fork()) == 0)
			_exit(altstack_is(alt_main) ? 0 : 1);
		_exit(waitpid(c, &st, 0) == c && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 5);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return 0;
	if (WEXITSTATUS(st) != 0)
		printf("# altstack_per_thread: step %d\n", WEXITSTATUS(st));
	return WEXITSTATUS(st) == 0;
}

/* execve from a second thread while two more sleep: the new image runs alone. */
static int
exec_ends_other_threads(void)
{
	pid_t pid;
	int st;

	if ((pid = fork()) == 0) {
		pthread_t a, b, c;

		if (pthread_create(&a, NULL, sleeper, NULL) != 0 ||
		    pthread_create(&b, NULL, sleeper, NULL) != 0 ||
		    pthread_create(&c, NULL, exec_from_thread, NULL) != 0)
			_exit(98);
		for (;;)
			pause();
	}
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 42;
}

static void *
exit_group_thread(void *arg)
{
	(void)arg;
	exit(3);
}

/* exit() in one thread (exit_group) ends a process whose other threads sleep. */
static int
exit_group_ends_all(void)
{
	pid_t pid;
	int st;

	if ((pid = fork()) == 0) {
		pthread_t a, b;

		if (pthread_create(&a, NULL, sleeper, NULL) != 0 ||
		    pthread_create(&b, NULL, exit_group_thread, NULL) != 0)
			_exit(98);
		for (;;)
			pause();
	}
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 3;
}

/* A threaded process stops and continues as one; SIGKILL ends it stopped. */
static int
stop_threaded(void)
{
	pid_t pid;
	int st, ok;

	if ((pid = fork()) == 0) {
		pthread_t a;

		if (pthread_create(&a, NULL, sleeper, NULL) != 0)
			_exit(98);
		for (;;)
			pause();
	}
	ok = kill(pid, SIGSTOP) == 0 && waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st);
	ok = ok && kill(pid, SIGCONT) == 0 && waitpid(pid, &st, WCONTINUED) == pid &&
	    WIFCONTINUED(st);
	ok = ok && kill(pid, SIGSTOP) == 0 && waitpid(pid, &st, WUNTRACED) == pid;
	kill(pid, SIGKILL);
	return waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL && ok;
}

int
check_threads(void)
{
	int bad = 0;

	bad |= process_signal_to_unblocked() ? pass("thr_kill_to_unblocked") :
	    fail("thr_kill_to_unblocked", "kill(getpid) did not run in the thread not blocking it");
	bad |= altstack_per_thread() ? pass("thr_altstack_per_thread") :
	    fail("thr_altstack_per_thread", "sigaltstack: not the thread's own, or fork did not keep it");
	bad |= mask_is_per_thread() ? pass("thr_mask_per_thread") :
	    fail("thr_mask_per_thread", "a thread's pthread_sigmask changed main's mask");
	bad |= directed_signal() ? pass("thr_pthread_kill") :
	    fail("thr_pthread_kill", "pthread_kill's handler did not run in that thread");
	bad |= directed_pending_is_private() ? pass("thr_pending_per_thread") :
	    fail("thr_pending_per_thread", "a blocked tgkill signal was not pending in that thread only");
	bad |= exec_ends_other_threads() ? pass("thr_exec_dethread") :
	    fail("thr_exec_dethread", "execve from a thread: not alone in the new image");
	bad |= exit_group_ends_all() ? pass("thr_exit_group") :
	    fail("thr_exit_group", "exit() in a thread did not end the sleeping ones");
	bad |= stop_threaded() ? pass("thr_stop_cont") :
	    fail("thr_stop_cont", "SIGSTOP/SIGCONT/SIGKILL of a threaded process");
	return bad;
}
