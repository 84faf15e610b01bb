/* sys_poll.c - Linux personality: poll, ppoll, select, pselect6 over one readiness function */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/process.h"
#include "abi/linux/signal.h"
#include "arch/cpu.h"
#include "arch/timer.h"
#include "fs/devfs.h"
#include "fs/file.h"
#include "ipc/pipe.h"
#include "lib/kalloc.h"
#include "lib/string.h"
#include "linux/poll.h"
#include "proc/proc.h"
#include "syscall_table.h"

#define POLL_MAX	1024		/* RLIMIT_NOFILE's default, and FD_SETSIZE */
#define NO_TIMEOUT	UINT64_MAX
#define ALWAYS		(LX_POLLERR | LX_POLLHUP | LX_POLLNVAL)
#define SEL_IN		(LX_POLLIN | LX_POLLHUP | LX_POLLERR)
#define SEL_OUT		(LX_POLLOUT | LX_POLLERR)

struct lx_pollfd {
	int32_t	fd;
	int16_t	events, revents;
};

struct lx_timespec {
	int64_t	sec, nsec;
};

#define POLL_DRIVERS	16

static struct waitq poll_wq;
static struct {
	const struct dev_driver	*dev;
	int			(*fn)(void *ctx);
} drivers[POLL_DRIVERS];

int
poll_register(const struct dev_driver *d, int (*fn)(void *ctx))
{
	for (size_t i = 0; i < POLL_DRIVERS; i++) {
		if (drivers[i].dev == NULL || drivers[i].dev == d) {
			drivers[i].dev = d;
			drivers[i].fn = fn;
			return 0;
		}
	}
	return -LX_ENOSPC;
}

/* A device's readiness: its registered function, else always ready. */
static int
dev_ready(const struct dev_driver *d)
{
	for (size_t i = 0; d != NULL && i < POLL_DRIVERS && drivers[i].dev != NULL; i++) {
		if (drivers[i].dev == d) {
			return drivers[i].fn(d->ctx);
		}
	}
	return LX_POLLIN | LX_POLLOUT;
}

void
poll_wake(void)
{
	waitq_wake_all(&poll_wq);
}

/* Everything fd could do now: LX_POLL* bits. */
static int
fd_ready(int fd)
{
	struct object *o;
	int ev = LX_POLLIN | LX_POLLOUT;

	if (fd_get(&curproc()->fds, fd, &o) != 0) {
		return LX_POLLNVAL;
	}
	if (o->type == RX_OBJ_PIPE) {
		ev = pipe_poll((struct pipe_end *)o);
	} else if (o->type == RX_OBJ_FILE) {
		ev = dev_ready(((struct file *)o)->dev);
	}
	object_unref(o);
	return ev;
}

/* One pass: sets revents, returns how many descriptors have some. */
static int
poll_scan(struct lx_pollfd *fds, size_t n)
{
	int count = 0;

	for (size_t i = 0; i < n; i++) {
		fds[i].revents = 0;
		if (fds[i].fd < 0) {
			continue;
		}
		fds[i].revents = (int16_t)(fd_ready(fds[i].fd) & (fds[i].events | ALWAYS));
		count += fds[i].revents != 0;
	}
	return count;
}

/*
 * Waits until a descriptor is ready, a signal arrives (-EINTR) or timeout_ns
 * passes (0). Interrupts stay off between a scan and the sleep, so a
 * wake-up cannot fall in between (one CPU).
 */
static long
poll_wait(struct lx_pollfd *fds, size_t n, uint64_t timeout_ns)
{
	uint64_t deadline = timeout_ns == NO_TIMEOUT ? NO_TIMEOUT : arch_clock_ns() + timeout_ns;
	unsigned long irq = arch_irq_save();
	long r;

	for (;;) {
		uint64_t now;

		if ((r = poll_scan(fds, n)) != 0 || timeout_ns == 0) {
			break;
		}
		if (proc_interrupted()) {
			r = -LX_EINTR;
			break;
		}
		now = arch_clock_ns();
		if (deadline != NO_TIMEOUT && now >= deadline) {
			r = 0;
			break;
		}
		if (deadline == NO_TIMEOUT) {
			waitq_sleep(&poll_wq);
		} else {
			waitq_sleep_timeout(&poll_wq, deadline - now);
		}
	}
	arch_irq_restore(irq);
	return r;
}

/* A user timespec as nanoseconds: NO_TIMEOUT for NULL; -EFAULT/-EINVAL as Linux. */
static long
timeout_from_ts(uint64_t uts, uint64_t *ns)
{
	struct lx_timespec ts;

	*ns = NO_TIMEOUT;
	if (uts == 0) {
		return 0;
	}
	if (copyin(&ts, uts, sizeof(ts)) != 0) {
		return -LX_EFAULT;
	}
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000) {
		return -LX_EINVAL;
	}
	*ns = (uint64_t)ts.sec > (NO_TIMEOUT - 1) / 1000000000ULL - 1 ? NO_TIMEOUT - 1 :
	    (uint64_t)ts.sec * 1000000000ULL + (uint64_t)ts.nsec;
	return 0;
}

/*
 * ppoll/pselect6's temporary mask: while waiting, and for a handler that
 * interrupts the wait (rt_sigsuspend's bookkeeping restores it after).
 */
static long
mask_swap(uint64_t umask, uint64_t size, int *swapped)
{
	uint64_t mask;

	*swapped = 0;
	if (umask == 0) {
		return 0;
	}
	if (size != 8) {
		return -LX_EINVAL;
	}
	if (copyin(&mask, umask, 8) != 0) {
		return -LX_EFAULT;
	}
	current->suspend_mask = current->sigmask;
	current->suspended = 1;
	current->sigmask = mask & ~((1ULL << (LX_SIGKILL - 1)) | (1ULL << (LX_SIGSTOP - 1)));
	*swapped = 1;
	return 0;
}

static void
mask_restore(int swapped, long r)
{
	if (swapped && r != -LX_EINTR) {
		current->sigmask = current->suspend_mask;
		current->suspended = 0;
	}
}

static long
do_poll(uint64_t ufds, uint64_t n, uint64_t timeout_ns)
{
	struct lx_pollfd *fds;
	long r;

	if (n > POLL_MAX) {
		return -LX_EINVAL;
	}
	if ((fds = kmalloc(n * sizeof(*fds) + 1)) == NULL) {
		return -LX_ENOMEM;
	}
	if (copyin(fds, ufds, n * sizeof(*fds)) != 0) {
		kfree(fds);
		return -LX_EFAULT;
	}
	r = poll_wait(fds, n, timeout_ns);
	if (r >= 0 && copyout(ufds, fds, n * sizeof(*fds)) != 0) {
		r = -LX_EFAULT;
	}
	kfree(fds);
	return r;
}

static long poll_until(uint64_t ufds, uint64_t n, uint64_t deadline);

static long
poll_restart(const uint64_t *arg)
{
	return poll_until(arg[0], arg[1], arg[2]);
}

/* A timed poll stopped and continued finishes at its first deadline (restart_syscall). */
static long
poll_until(uint64_t ufds, uint64_t n, uint64_t deadline)
{
	uint64_t now = arch_clock_ns();
	long r = do_poll(ufds, n, deadline > now ? deadline - now : 0);

	if (r == -LX_EINTR) {
		current->restart_fn = poll_restart;
		current->restart_arg[0] = ufds;
		current->restart_arg[1] = n;
		current->restart_arg[2] = deadline;
	}
	return r;
}

long
lx_poll(long ufds, long n, long timeout_ms, long a3, long a4, long a5)
{
	int ms = (int)timeout_ms;

	if (ms < 0) {
		return do_poll((uint64_t)ufds, (uint64_t)n, NO_TIMEOUT);
	}
	return poll_until((uint64_t)ufds, (uint64_t)n, arch_clock_ns() + (uint64_t)ms * 1000000ULL);
}

static void write_time_left(uint64_t uts, uint64_t ns, uint64_t start);

/* ppoll writes the time left back too (so a rerun after a stop waits only that). */
long
lx_ppoll(long ufds, long n, long uts, long umask, long size, long a5)
{
	uint64_t ns, start = arch_clock_ns();
	long r;
	int swapped;

	if ((r = timeout_from_ts((uint64_t)uts, &ns)) != 0 ||
	    (r = mask_swap((uint64_t)umask, (uint64_t)size, &swapped)) != 0) {
		return r;
	}
	r = do_poll((uint64_t)ufds, (uint64_t)n, ns);
	mask_restore(swapped, r);
	if (uts != 0 && ns != 0 && r != -LX_EFAULT) {
		write_time_left((uint64_t)uts, ns, start);
	}
	return r;
}

/* select: the three fd_sets as one pollfd array and back. */
static long
do_select(long nfds, uint64_t ur, uint64_t uw, uint64_t ue, uint64_t timeout_ns)
{
	uint64_t sets[3][POLL_MAX / 64], out[3][POLL_MAX / 64];
	uint64_t usets[3] = { ur, uw, ue };
	size_t words = ((size_t)nfds + 63) / 64, bytes = words * 8, n = 0;
	struct lx_pollfd *fds;
	long r;

	if (nfds < 0 || nfds > POLL_MAX) {
		return -LX_EINVAL;
	}
	memset(sets, 0, sizeof(sets));
	memset(out, 0, sizeof(out));
	for (int s = 0; s < 3; s++) {
		if (usets[s] != 0 && copyin(sets[s], usets[s], bytes) != 0) {
			return -LX_EFAULT;
		}
	}
	if ((fds = kmalloc((size_t)nfds * sizeof(*fds) + 1)) == NULL) {
		return -LX_ENOMEM;
	}
	for (long fd = 0; fd < nfds; fd++) {
		int16_t ev = 0;

		ev |= (sets[0][fd / 64] >> (fd % 64) & 1) ? LX_POLLIN : 0;
		ev |= (sets[1][fd / 64] >> (fd % 64) & 1) ? LX_POLLOUT : 0;
		ev |= (sets[2][fd / 64] >> (fd % 64) & 1) ? LX_POLLPRI : 0;
		if (ev != 0) {
			fds[n++] = (struct lx_pollfd){ (int32_t)fd, ev, 0 };
		}
	}
	r = poll_wait(fds, n, timeout_ns);
	for (size_t i = 0; r > 0 && i < n; i++) {
		int fd = fds[i].fd, ev = fds[i].revents;

		if (ev & LX_POLLNVAL) {
			r = -LX_EBADF;
			break;
		}
		if ((fds[i].events & LX_POLLIN) && (ev & SEL_IN)) {
			out[0][fd / 64] |= 1ULL << (fd % 64);
		}
		if ((fds[i].events & LX_POLLOUT) && (ev & SEL_OUT)) {
			out[1][fd / 64] |= 1ULL << (fd % 64);
		}
		if ((fds[i].events & LX_POLLPRI) && (ev & LX_POLLPRI)) {
			out[2][fd / 64] |= 1ULL << (fd % 64);
		}
	}
	kfree(fds);
	if (r < 0) {
		return r;
	}
	r = 0;
	for (int s = 0; s < 3; s++) {
		for (size_t w = 0; w < words; w++) {
			for (uint64_t b = out[s][w]; b != 0; b &= b - 1) {
				r++;	/* no popcnt: the kernel has no libgcc */
			}
		}
		if (usets[s] != 0 && copyout(usets[s], out[s], bytes) != 0) {
			return -LX_EFAULT;
		}
	}
	return r;
}

/* The time left of a select timeout that started at start (0 once it ran out). */
static uint64_t
time_left(uint64_t timeout_ns, uint64_t start)
{
	uint64_t spent = arch_clock_ns() - start;

	return spent >= timeout_ns ? 0 : timeout_ns - spent;
}

/* The time left of a timeout as a user timespec (a copy that fails is no error). */
static void
write_time_left(uint64_t uts, uint64_t ns, uint64_t start)
{
	uint64_t left = time_left(ns, start);
	struct lx_timespec ts = { (int64_t)(left / 1000000000ULL), (int64_t)(left % 1000000000ULL) };

	(void)copyout(uts, &ts, sizeof(ts));
}

/*
 * select and pselect6 write the time left back (Linux does; a copy that
 * fails is not an error there either).
 */
long
lx_select(long nfds, long ur, long uw, long ue, long utv, long a5)
{
	int64_t tv[2];
	uint64_t ns = NO_TIMEOUT, start = arch_clock_ns(), left;
	long r;

	if (utv != 0) {
		if (copyin(tv, (uint64_t)utv, sizeof(tv)) != 0) {
			return -LX_EFAULT;
		}
		if (tv[0] < 0 || tv[1] < 0) {
			return -LX_EINVAL;
		}
		tv[0] += tv[1] / 1000000;
		ns = tv[0] > 1000000000LL ? NO_TIMEOUT - 1 :
		    (uint64_t)tv[0] * 1000000000ULL + (uint64_t)(tv[1] % 1000000) * 1000ULL;
	}
	r = do_select(nfds, (uint64_t)ur, (uint64_t)uw, (uint64_t)ue, ns);
	if (utv != 0 && r != -LX_EFAULT) {
		left = time_left(ns, start);
		tv[0] = (int64_t)(left / 1000000000ULL);
		tv[1] = (int64_t)(left % 1000000000ULL / 1000);
		(void)copyout((uint64_t)utv, tv, sizeof(tv));
	}
	return r;
}

long
lx_pselect6(long nfds, long ur, long uw, long ue, long uts, long usig)
{
	uint64_t ns, sig[2] = { 0, 0 }, start = arch_clock_ns();
	long r;
	int swapped;

	if ((r = timeout_from_ts((uint64_t)uts, &ns)) != 0) {
		return r;
	}
	if (usig != 0 && copyin(sig, (uint64_t)usig, sizeof(sig)) != 0) {
		return -LX_EFAULT;
	}
	if ((r = mask_swap(sig[0], sig[1], &swapped)) != 0) {
		return r;
	}
	r = do_select(nfds, (uint64_t)ur, (uint64_t)uw, (uint64_t)ue, ns);
	mask_restore(swapped, r);
	if (uts != 0 && r != -LX_EFAULT) {
		write_time_left((uint64_t)uts, ns, start);
	}
	return r;
}
