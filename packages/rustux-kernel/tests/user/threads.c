/* threads.c - user test: musl pthreads on Rustux: clone threads, futexes, exit vs exit_group */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stddef.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NTHREADS	4
#define ROUNDS		2000

static int failed;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter;
static int ready;
static __thread int tls_value;

static void
check(const char *name, int ok)
{
	printf("TEST %s ... %s\n", name, ok ? "PASS" : "FAIL");
	failed += !ok;
}

static void *
adder(void *arg)
{
	tls_value = (int)(long)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
		if (i % 500 == 0)
			sched_yield();
	}
	return (void *)(long)(tls_value * 10 + (syscall(SYS_gettid) != getpid()));
}

static void *
waiter(void *arg)
{
	pthread_mutex_lock(&lock);
	while (!ready)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	return arg;
}

static void *
exiter(void *arg)
{
	struct timespec t = { 0, 20000000 };

	nanosleep(&t, NULL);
	exit(7);	/* exit_group: the whole process, main thread included */
}

/*
 * Robust futexes. musl walks a thread's robust list itself in pthread_exit,
 * so only a thread that ends without it (a raw exit, or the whole process
 * dying) leaves the walk to the kernel: these threads use SYS_exit.
 */
static pthread_mutex_t robust;
static volatile int robust_held, robust_tid;

/* Waits until thread tid has gone (pthread_join cannot see a raw exit). */
static void
wait_gone(void)
{
	while (robust_tid == 0 || syscall(SYS_tgkill, getpid(), robust_tid, 0) == 0)
		sched_yield();
	robust_tid = 0;
}

static void *
robust_dier(void *arg)
{
	struct timespec t = { 0, 30000000 };

	pthread_mutex_lock(&robust);
	robust_tid = (int)syscall(SYS_gettid);
	robust_held = 1;
	nanosleep(&t, NULL);	/* the main thread is likely waiting by now */
	syscall(SYS_exit, 0);	/* dies holding it */
	return arg;
}

/* A hand-made list: { next, futex_offset, list_op_pending } and entries whose word follows them. */
struct rentry {
	void		*next;
	unsigned	 word;
};
static struct {
	void		*next;
	long		 off;
	void		*pending;
} rhead;
static struct rentry held, other, pend;

static void *
robust_raw(void *arg)
{
	unsigned tid = (unsigned)syscall(SYS_gettid);

	held.next = &other;
	other.next = &rhead;
	held.word = tid | 0x80000000u;	/* FUTEX_WAITERS */
	other.word = tid + 1;		/* someone else's */
	pend.word = tid;		/* being taken when the thread died */
	rhead.next = &held;
	rhead.off = offsetof(struct rentry, word);
	rhead.pending = &pend;
	syscall(SYS_set_robust_list, &rhead, sizeof(rhead));
	robust_tid = (int)tid;
	syscall(SYS_exit, 0);
	return arg;
}

static void
test_robust(void)
{
	pthread_mutexattr_t a;
	pthread_t t;
	struct timespec at;
	void *h = NULL, *mine = NULL;
	size_t len = 0;
	int r;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);	/* musl hands these to the kernel */
	pthread_mutex_init(&robust, &a);
	pthread_create(&t, NULL, robust_dier, NULL);
	while (!robust_held)
		sched_yield();
	clock_gettime(CLOCK_REALTIME, &at);
	at.tv_sec += 10;
	r = pthread_mutex_timedlock(&robust, &at);
	if (r != EOWNERDEAD)
		printf("robust_mutex_owner_died: %d\n", r);
	check("robust_mutex_owner_died", r == EOWNERDEAD &&
	    pthread_mutex_consistent(&robust) == 0 && pthread_mutex_unlock(&robust) == 0);
	wait_gone();
	pthread_create(&t, NULL, robust_raw, NULL);
	wait_gone();
	check("robust_list_walk", held.word == 0xc0000000u && (other.word & 0x40000000u) == 0 &&
	    pend.word == 0x40000000u);
	check("robust_list_len", syscall(SYS_set_robust_list, &rhead, 23) == -1 && errno == EINVAL);
	syscall(SYS_get_robust_list, 0, &mine, &len);
	check("get_robust_list", syscall(SYS_set_robust_list, &rhead, 24) == 0 &&
	    syscall(SYS_get_robust_list, 0, &h, &len) == 0 && h == &rhead && len == 24 &&
	    syscall(SYS_get_robust_list, getpid(), &h, &len) == 0 && h == &rhead &&
	    syscall(SYS_set_robust_list, mine, 24) == 0);
	check("get_robust_list_errors", syscall(SYS_get_robust_list, 999999, &h, &len) == -1 &&
	    errno == ESRCH && syscall(SYS_get_robust_list, 0, (void *)16, &len) == -1 &&
	    errno == EFAULT);
}

static int never[2];	/* a pipe nobody writes: a read on it blocks for good */

static void *
sleeper(void *arg)
{
	char c;

	read(never[0], &c, 1);
	return NULL;
}

int
main(void)
{
	pthread_t t[NTHREADS], w;
	struct timespec ts = { 0, 30000000 };
	int ok = 1, st = 0;
	unsigned futex_word = 1;
	void *r;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	pipe(never);
	tls_value = 99;
	for (long i = 0; i < NTHREADS; i++)
		ok = ok && pthread_create(&t[i], NULL, adder, (void *)(i + 1)) == 0;
	check("pthread_create", ok);
	for (long i = 0; i < NTHREADS; i++) {
		ok = ok && pthread_join(t[i], &r) == 0 && (long)r == (i + 1) * 10 + 1;
	}
	check("pthread_join_values_tls_gettid", ok && tls_value == 99);
	check("mutex_counter", counter == (long)NTHREADS * ROUNDS);
	ok = pthread_create(&w, NULL, waiter, (void *)5L) == 0;
	nanosleep(&ts, NULL);
	pthread_mutex_lock(&lock);
	ready = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	check("cond_wait_wakes", ok && pthread_join(w, &r) == 0 && (long)r == 5);
	check("futex_wait_eagain", syscall(SYS_futex, &futex_word, 128, 0, NULL, NULL, 0) == -1 &&
	    errno == EAGAIN);
	check("futex_wait_timeout", syscall(SYS_futex, &futex_word, 128, 1, &ts, NULL, 0) == -1 &&
	    errno == ETIMEDOUT);
	check("futex_wake_none", syscall(SYS_futex, &futex_word, 129, 1, NULL, NULL, 0) == 0);
	test_robust();
	pid = fork();
	if (pid == 0) {
		pthread_t e, s;

		pthread_create(&s, NULL, sleeper, NULL);
		pthread_create(&e, NULL, exiter, NULL);
		pthread_join(s, NULL);	/* never returns: exit_group ends it */
		_exit(1);
	}
	ok = waitpid(pid, &st, 0) == pid;
	if (!(WIFEXITED(st) && WEXITSTATUS(st) == 7))
		printf("exit_group_from_thread: wait status %#x\n", st);
	check("exit_group_from_thread", ok && WIFEXITED(st) && WEXITSTATUS(st) == 7);
	pid = fork();
	if (pid == 0) {
		pthread_t s;

		pthread_create(&s, NULL, sleeper, NULL);
		pthread_exit(NULL);	/* exit: this thread only; the sleeper keeps it alive */
	}
	nanosleep(&ts, NULL);
	check("thread_exit_keeps_process", kill(pid, 0) == 0 && waitpid(pid, &st, WNOHANG) == 0);
	check("kill_threaded_process", kill(pid, SIGKILL) == 0 && waitpid(pid, &st, 0) == pid &&
	    WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	return failed != 0;
}
