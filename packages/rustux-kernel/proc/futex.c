/* futex.c - kernel: private futexes: sleep on a user word, wake n sleepers */
/* SPDX-License-Identifier: MIT */
/*
 * Waiters are on one list keyed by (address space, user address); each
 * sleeps on its own queue so a wake can pick exactly n of them. The word
 * is read and the waiter queued with interrupts off, so a wake between
 * the check and the sleep cannot be lost (one CPU).
 */
#include <stddef.h>
#include <stdint.h>

#include "abi/linux/errno.h"
#include "arch/cpu.h"
#include "arch/timer.h"
#include "proc/proc.h"

struct futex_waiter {
	struct aspace		*as;
	uint64_t		 addr;
	struct waitq		 q;
	int			 woken;
	struct futex_waiter	*next;
};

static struct futex_waiter *waiters;

static void
unlink_waiter(struct futex_waiter *w)
{
	for (struct futex_waiter **wp = &waiters; *wp != NULL; wp = &(*wp)->next) {
		if (*wp == w) {
			*wp = w->next;
			return;
		}
	}
}

long
futex_wait(uint64_t uaddr, uint32_t val, uint64_t timeout_ns)
{
	struct futex_waiter w = { curproc()->as, uaddr, { NULL, NULL }, 0, NULL };
	uint64_t deadline = timeout_ns == UINT64_MAX ? UINT64_MAX : arch_clock_ns() + timeout_ns;
	uint32_t cur;
	long r = 0;

	if (uaddr & 3) {
		return -LX_EINVAL;
	}
	unsigned long irq = arch_irq_save();
	if (copyin(&cur, uaddr, sizeof(cur)) != 0) {
		arch_irq_restore(irq);
		return -LX_EFAULT;
	}
	if (cur != val) {
		arch_irq_restore(irq);
		return -LX_EAGAIN;
	}
	w.next = waiters;
	waiters = &w;
	while (!w.woken) {
		uint64_t now = arch_clock_ns();

		if (proc_interrupted()) {
			r = -LX_EINTR;
			break;
		}
		if (deadline != UINT64_MAX && now >= deadline) {
			r = -LX_ETIMEDOUT;
			break;
		}
		if (deadline == UINT64_MAX) {
			waitq_sleep(&w.q);
		} else {
			waitq_sleep_timeout(&w.q, deadline - now);
		}
	}
	if (!w.woken) {
		unlink_waiter(&w);
	}
	arch_irq_restore(irq);
	return w.woken ? 0 : r;
}

/* Wakes up to n waiters on uaddr; with uaddr2, moves up to n2 more there. */
long
futex_requeue(uint64_t uaddr, int n, uint64_t uaddr2, int n2)
{
	struct aspace *as = curproc()->as;
	struct futex_waiter **wp, *w;
	long woken = 0, moved = 0;

	unsigned long irq = arch_irq_save();
	for (wp = &waiters; (w = *wp) != NULL;) {
		if (w->as != as || w->addr != uaddr) {
			wp = &w->next;
			continue;
		}
		if (woken < n) {
			*wp = w->next;
			w->woken = 1;
			waitq_wake_all(&w->q);
			woken++;
			continue;
		}
		if (uaddr2 != 0 && moved < n2) {
			w->addr = uaddr2;
			moved++;
		}
		wp = &w->next;
	}
	arch_irq_restore(irq);
	return woken + moved;
}

long
futex_wake(uint64_t uaddr, int n)
{
	return futex_requeue(uaddr, n, 0, 0);
}
