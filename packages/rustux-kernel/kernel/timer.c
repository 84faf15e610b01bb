/* timer.c - kernel: timer callbacks: a deadline-sorted list checked on every tick */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>

#include "arch/cpu.h"
#include "arch/timer.h"
#include "kernel/timer.h"

static struct timer *timers;	/* sorted by deadline, earliest first */

static void
insert(struct timer *t)
{
	struct timer **p = &timers;

	while (*p != NULL && (*p)->deadline_ns <= t->deadline_ns) {
		p = &(*p)->next;
	}
	t->next = *p;
	*p = t;
	t->armed = 1;
}

static void
unlink(struct timer *t)
{
	for (struct timer **p = &timers; *p != NULL; p = &(*p)->next) {
		if (*p == t) {
			*p = t->next;
			break;
		}
	}
	t->armed = 0;
	t->next = NULL;
}

void
timer_add(struct timer *t, uint64_t delay_ns, uint64_t period_ns, timer_fn fn, void *arg)
{
	unsigned long irq = arch_irq_save();

	if (t->armed) {
		unlink(t);
	}
	t->deadline_ns = arch_clock_ns() + delay_ns;
	t->period_ns = period_ns;
	t->fn = fn;
	t->arg = arg;
	insert(t);
	arch_irq_restore(irq);
}

void
timer_cancel(struct timer *t)
{
	unsigned long irq = arch_irq_save();

	if (t->armed) {
		unlink(t);
	}
	arch_irq_restore(irq);
}

unsigned
timer_armed_count(void)
{
	unsigned n = 0;
	unsigned long irq = arch_irq_save();

	for (struct timer *t = timers; t != NULL; t = t->next) {
		n++;
	}
	arch_irq_restore(irq);
	return n;
}

/* Called by the port's tick handler with interrupts disabled. */
void
timer_tick(uint64_t now_ns)
{
	while (timers != NULL && timers->deadline_ns <= now_ns) {
		struct timer *t = timers;

		unlink(t);
		if (t->period_ns != 0) {
			/* Keep the phase; skip periods missed while interrupts were off. */
			t->deadline_ns += t->period_ns;
			if (t->deadline_ns <= now_ns) {
				t->deadline_ns = now_ns + t->period_ns;
			}
			insert(t);
		}
		t->fn(t, now_ns, t->arg);
	}
}
