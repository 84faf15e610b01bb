/* time_test.c - kernel self-tests: the clock, the tick rate, timer callbacks, log, symbols */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "arch/cpu.h"
#include "arch/timer.h"
#include "kernel/ksyms.h"
#include "kernel/printk.h"
#include "kernel/timer.h"
#include "lib/string.h"
#include "tests/ktest/ktest.h"

void kmain(uint64_t, uint64_t);

/* Waits (halting) until cond() or until guard_ticks ticks passed; 0 if cond. */
static int
wait_ticks(int (*cond)(void), uint64_t guard_ticks)
{
	uint64_t start = arch_ticks();

	while (!cond()) {
		if (arch_ticks() - start > guard_ticks) {
			return -1;
		}
		arch_idle();
	}
	return 0;
}

int
ktest_clock_monotonic(void)
{
	uint64_t prev = arch_clock_ns(), now;

	if (arch_cycles_hz() < 1000000) {
		return ktest_fail("cycle counter at %llu Hz", (unsigned long long)arch_cycles_hz());
	}
	for (int i = 0; i < 10000; i++) {
		now = arch_clock_ns();
		if (now < prev) {
			return ktest_fail("clock went back %llu -> %llu", (unsigned long long)prev,
			    (unsigned long long)now);
		}
		prev = now;
	}
	return 0;
}

static uint64_t rate_start;

#define RATE_TICKS	10

static int
enough_ticks(void)
{
	return arch_ticks() - rate_start >= RATE_TICKS;
}

/*
 * RATE_TICKS ticks must take RATE_TICKS/hz seconds on the calibrated clock.
 * Ticks can never come early, so the lower bound is tight (0.5x). Under
 * TCG on a busy host QEMU drops ticks the vCPU was too slow to take, so the
 * upper bound only catches a grossly wrong divider or calibration (20x).
 */
int
ktest_timer_rate(void)
{
	uint64_t t0, dt, want;

	rate_start = arch_ticks();
	while (arch_ticks() == rate_start) {
		arch_idle();
	}
	rate_start = arch_ticks();
	t0 = arch_clock_ns();
	if (wait_ticks(enough_ticks, 100000) != 0) {
		return ktest_fail("ticks stopped");
	}
	dt = arch_clock_ns() - t0;
	want = RATE_TICKS * 1000000000ULL / arch_tick_hz();
	if (dt < want / 2 || dt > want * 20) {
		return ktest_fail("%d ticks took %llu us, expected about %llu us",
		    RATE_TICKS, (unsigned long long)(dt / 1000), (unsigned long long)(want / 1000));
	}
	return 0;
}

struct fired {
	unsigned count;
	uint64_t first_ns;
	uint64_t deadline;
};

static struct fired once, every;

static void
on_timer(struct timer *t, uint64_t now, void *arg)
{
	struct fired *f = arg;

	if (f->count++ == 0) {
		f->first_ns = now;
	}
	if (f == &every && f->count == 3) {
		timer_cancel(t);
	}
}

static int
both_done(void)
{
	return once.count >= 1 && every.count >= 3;
}

int
ktest_timer_callbacks(void)
{
	struct timer t1, t2;
	uint64_t start = arch_clock_ns();

	memset(&t1, 0, sizeof(t1));
	memset(&t2, 0, sizeof(t2));
	memset(&once, 0, sizeof(once));
	memset(&every, 0, sizeof(every));
	timer_add(&t1, 3000000, 0, on_timer, &once);
	timer_add(&t2, 1000000, 1000000, on_timer, &every);
	if (wait_ticks(both_done, 20000) != 0) {
		timer_cancel(&t1);
		timer_cancel(&t2);
		return ktest_fail("callbacks: one-shot %u, periodic %u", once.count, every.count);
	}
	/* Let a few more ticks pass: the one-shot must not repeat, the periodic is cancelled. */
	for (uint64_t k = arch_ticks(); arch_ticks() - k < 3;) {
		arch_idle();
	}
	if (once.count != 1 || every.count != 3 || timer_armed_count() != 0) {
		return ktest_fail("one-shot fired %u times, periodic %u, %u armed", once.count,
		    every.count, timer_armed_count());
	}
	if (once.first_ns < start + 3000000 || every.first_ns < start + 1000000) {
		return ktest_fail("a callback ran before its deadline");
	}
	return 0;
}

int
ktest_klog_ring(void)
{
	const struct klog_record *r;
	uint64_t seq;

	klog(KLOG_DEBUG, "ktest: marker %d\n", 1234);
	seq = kernel_log.next_seq - 1;
	if ((r = klog_get(&kernel_log, seq)) == NULL) {
		return ktest_fail("last record missing");
	}
	if (strcmp(r->text, "ktest: marker 1234") != 0 || r->level != KLOG_DEBUG) {
		return ktest_fail("record is \"%s\" level %u", r->text, r->level);
	}
	if (seq > 1 && klog_get(&kernel_log, seq - 1) != NULL &&
	    klog_get(&kernel_log, seq - 1)->ns > r->ns) {
		return ktest_fail("timestamps go back");
	}
	return 0;
}

int
ktest_ksyms_lookup(void)
{
	uint64_t off = 99;
	const char *name = ksym_lookup((uint64_t)kmain + 3, &off);

	if (name == NULL || strcmp(name, "kmain") != 0 || off != 3) {
		return ktest_fail("kmain+3 resolved to %s+%llu", name ? name : "(null)",
		    (unsigned long long)off);
	}
	if (ksym_lookup(0x1000, &off) != NULL) {
		return ktest_fail("a non-kernel address resolved");
	}
	return 0;
}
