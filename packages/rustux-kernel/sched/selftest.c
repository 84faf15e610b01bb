/* selftest.c - kernel: scheduler checks run at boot before PID 1 (rustux.schedtest) */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "arch/cpu.h"
#include "arch/timer.h"
#include "kernel/printk.h"
#include "sched/sched.h"

#define ROUNDS	200

static struct waitq ping_q, pong_q, done_q;
static volatile int turn, pings, pongs, finished;
static volatile uint64_t spin_a, spin_b;
static volatile int spin_stop;

/* Two threads hand a token back and forth through wait queues. */
static void
player(void *arg)
{
	int me = (int)(uintptr_t)arg;

	for (int i = 0; i < ROUNDS; i++) {
		unsigned long irq = arch_irq_save();

		while (turn != me) {
			waitq_sleep(me ? &pong_q : &ping_q);
		}
		if (me) {
			pongs++;
		} else {
			pings++;
		}
		turn = !me;
		waitq_wake_all(me ? &ping_q : &pong_q);
		arch_irq_restore(irq);
	}
	unsigned long irq = arch_irq_save();
	finished++;
	waitq_wake_all(&done_q);
	arch_irq_restore(irq);
}

/* Never yields: only the timer can take the CPU away. */
static void
spinner(void *arg)
{
	volatile uint64_t *c = arg;

	current->kpreempt = 1;
	while (!spin_stop) {
		(*c)++;
	}
	unsigned long irq = arch_irq_save();
	finished++;
	waitq_wake_all(&done_q);
	arch_irq_restore(irq);
}

static void
wait_finished(int n)
{
	unsigned long irq = arch_irq_save();

	while (finished < n) {
		waitq_sleep(&done_q);
	}
	arch_irq_restore(irq);
}

static void
report(const char *name, int ok)
{
	kprintf("TEST %s ... %s\n", name, ok ? "PASS" : "FAIL");
}

/* Runs in a kernel thread; returns the failures. */
int
sched_selftest(void)
{
	uint64_t t0;

	waitq_init(&ping_q);
	waitq_init(&pong_q);
	waitq_init(&done_q);
	finished = 0;
	thread_create_kernel("ping", player, (void *)0);
	thread_create_kernel("pong", player, (void *)1);
	wait_finished(2);
	int ok1 = pings == ROUNDS && pongs == ROUNDS;
	report("sched_pingpong", ok1);

	finished = 0;
	thread_create_kernel("spin-a", spinner, (void *)&spin_a);
	thread_create_kernel("spin-b", spinner, (void *)&spin_b);
	t0 = arch_clock_ns();
	sched_sleep_ns(50000000ULL);	/* 50 ms: both spinners must have run */
	spin_stop = 1;
	wait_finished(2);
	int ok2 = spin_a > 0 && spin_b > 0 && arch_clock_ns() - t0 >= 50000000ULL;
	report("sched_preempt_spinners", ok2);
	return !ok1 + !ok2;
}
