/* timer.h - kernel: timer callbacks on the monotonic clock, run from the tick */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_KERNEL_TIMER_H
#define RUSTUX_KERNEL_TIMER_H

#include <stdint.h>

struct timer;
typedef void (*timer_fn)(struct timer *t, uint64_t now_ns, void *arg);

/* Caller-owned; zero it before the first timer_add. */
struct timer {
	uint64_t deadline_ns;
	uint64_t period_ns;	/* 0: one-shot */
	timer_fn fn;
	void *arg;
	struct timer *next;
	int armed;
};

/*
 * Arms t to call fn(t, now, arg) from the tick interrupt once delay_ns
 * have passed, then every period_ns if that is non-zero. The callback runs
 * with interrupts disabled and must be short. Re-arming an armed timer
 * moves it.
 */
void	timer_add(struct timer *t, uint64_t delay_ns, uint64_t period_ns, timer_fn fn, void *arg);
/* Disarms t; harmless if it is not armed. */
void	timer_cancel(struct timer *t);
/* Timers armed now (statistics). */
unsigned timer_armed_count(void);

#endif
