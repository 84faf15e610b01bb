/* threads.c - user test: musl pthreads on Rustux: clone threads, futexes, exit vs exit_group */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
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
