/* futex.c - kernel: private futexes: sleep on a user word, wake n sleepers; robust lists */
/* SPDX-License-Identifier: MIT */
/*
 * Waiters are on one list keyed by (address space, user address); each
 * sleeps on its own queue so a wake can pick exactly n of them. The word
 * is read and the waiter queued with interrupts off, so a wake between
 * the check and the sleep cannot be lost (one CPU). A thread's robust
 * list (set_robust_list) is walked as it exits or execs, as Linux's
 * exit_robust_list does.
 */
#include <stddef.h>
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/resource.h"
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

/*
 * Linux's handle_futex_death for one lock word: if the dying thread's tid
 * holds it, mark it FUTEX_OWNER_DIED (keeping FUTEX_WAITERS) and wake one
 * waiter. The pending entry (a lock being taken or released) with a zero
 * word also wakes one, as the waker may have died between its store and
 * its wake. -1 stops the walk (a fault or a misaligned word).
 */
static int
futex_owner_died(uint64_t uaddr, int tid, int pi, int pending)
{
	uint32_t val, nval;

	if ((uaddr & 3) != 0 || copyin(&val, uaddr, sizeof(val)) != 0) {
		return -1;
	}
	if (pending && !pi && val == 0) {
		futex_wake(uaddr, 1);
		return 0;
	}
	if ((val & LX_FUTEX_TID_MASK) != (uint32_t)tid) {
		return 0;
	}
	/* No other thread runs in between: kernel code is not preempted (one CPU). */
	nval = (val & LX_FUTEX_WAITERS) | LX_FUTEX_OWNER_DIED;
	if (copyout(uaddr, &nval, sizeof(nval)) != 0) {
		return -1;
	}
	if (!pi && (val & LX_FUTEX_WAITERS)) {
		futex_wake(uaddr, 1);
	}
	return 0;
}

/* A user list pointer; bit 0 marks a PI futex. 0 or -1 on a fault. */
static int
fetch_entry(uint64_t uptr, uint64_t *entry, int *pi)
{
	uint64_t v;

	if (copyin(&v, uptr, sizeof(v)) != 0) {
		return -1;
	}
	*entry = v & ~1ull;
	*pi = (int)(v & 1);
	return 0;
}

/* Linux's exit_robust_list: head is { next, futex_offset, list_op_pending }. */
static void
walk_robust_list(uint64_t head, int tid)
{
	uint64_t entry, next, pending;
	int64_t off;
	int pi, next_pi, pending_pi, rc, limit = LX_ROBUST_LIST_LIMIT;

	if (fetch_entry(head, &entry, &pi) != 0 || copyin(&off, head + 8, sizeof(off)) != 0 ||
	    fetch_entry(head + 16, &pending, &pending_pi) != 0) {
		return;
	}
	while (entry != head) {
		rc = fetch_entry(entry, &next, &next_pi);	/* before the word may change */
		if (entry != pending && futex_owner_died(entry + (uint64_t)off, tid, pi, 0) != 0) {
			return;
		}
		if (rc != 0) {
			return;
		}
		entry = next;
		pi = next_pi;
		if (--limit == 0) {
			break;
		}
	}
	if (pending != 0) {
		(void)futex_owner_died(pending + (uint64_t)off, tid, pending_pi, 1);
	}
}

void
futex_robust_exit(void)
{
	struct proc *p = curproc();
	uint64_t head = current->robust_list;

	current->robust_list = 0;
	if (head != 0 && p != NULL && p->as != NULL) {
		walk_robust_list(head, current->lx_tid != 0 ? current->lx_tid : p->pid);
	}
}
