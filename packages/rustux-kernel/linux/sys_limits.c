/* sys_limits.c - Linux personality: resource limits (getrlimit, setrlimit, prlimit64), getgroups */
/* SPDX-License-Identifier: MIT */
/*
 * Each process has Linux's sixteen limits, with the values Linux gives
 * init (INIT_RLIMITS); fork copies them and execve keeps them. Only
 * RLIMIT_NOFILE is enforced: its soft limit is the descriptor table's
 * bound (object/fd.c), so open, dup, pipe... say EMFILE above it,
 * F_DUPFD EINVAL and dup2 EBADF. The others are stored and reported.
 * Everyone is root, so raising a hard limit is allowed, except
 * RLIMIT_NOFILE beyond what a table can hold (FD_TABLE_MAX, Linux's
 * nr_open): EPERM.
 */
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/resource.h"
#include "proc/proc.h"
#include "syscall_table.h"

#define INF	LX_RLIM_INFINITY

/* Linux's init limits (include/asm-generic/resource.h); NPROC and SIGPENDING unbounded here. */
static const struct lx_rlimit init_limits[LX_RLIM_NLIMITS] = {
	[LX_RLIMIT_CPU] = { INF, INF },
	[LX_RLIMIT_FSIZE] = { INF, INF },
	[LX_RLIMIT_DATA] = { INF, INF },
	[LX_RLIMIT_STACK] = { 8u << 20, INF },
	[LX_RLIMIT_CORE] = { 0, INF },
	[LX_RLIMIT_RSS] = { INF, INF },
	[LX_RLIMIT_NPROC] = { INF, INF },
	[LX_RLIMIT_NOFILE] = { 1024, FD_TABLE_MAX },
	[LX_RLIMIT_MEMLOCK] = { 8u << 20, 8u << 20 },
	[LX_RLIMIT_AS] = { INF, INF },
	[LX_RLIMIT_LOCKS] = { INF, INF },
	[LX_RLIMIT_SIGPENDING] = { INF, INF },
	[LX_RLIMIT_MSGQUEUE] = { 819200, 819200 },
	[LX_RLIMIT_NICE] = { 0, 0 },
	[LX_RLIMIT_RTPRIO] = { 0, 0 },
	[LX_RLIMIT_RTTIME] = { INF, INF },
};

/* Makes the limits take effect in p (only RLIMIT_NOFILE has an effect). */
static void
apply_limits(struct proc *p)
{
	uint64_t n = p->rlim[LX_RLIMIT_NOFILE].cur;

	fd_table_set_max(&p->fds, n > FD_TABLE_MAX ? FD_TABLE_MAX : (int)n);
}

void
proc_limits_init(struct proc *p, const struct proc *parent)
{
	for (int i = 0; i < LX_RLIM_NLIMITS; i++) {
		p->rlim[i] = parent != NULL ? parent->rlim[i] : init_limits[i];
	}
	apply_limits(p);
}

/* Linux's do_prlimit: reads the old value into *old, then sets *new when given; 0 or -errno. */
static long
do_prlimit(struct proc *p, unsigned int res, const struct lx_rlimit *new, struct lx_rlimit *old)
{
	struct lx_rlimit *cur;

	if (res >= LX_RLIM_NLIMITS) {
		return -LX_EINVAL;
	}
	cur = &p->rlim[res];
	if (new != NULL) {
		if (new->cur > new->max) {
			return -LX_EINVAL;
		}
		if (res == LX_RLIMIT_NOFILE && new->max > FD_TABLE_MAX) {
			return -LX_EPERM;	/* above nr_open, even for root */
		}
	}
	if (old != NULL) {
		*old = *cur;
	}
	if (new != NULL) {
		*cur = *new;	/* root may raise the hard limit */
		apply_limits(p);
	}
	return 0;
}

long
lx_getrlimit(long res, long ulim, long a2, long a3, long a4, long a5)
{
	struct lx_rlimit old;
	long r = do_prlimit(curproc(), (unsigned int)res, NULL, &old);

	if (r == 0 && copyout((uint64_t)ulim, &old, sizeof(old)) != 0) {
		r = -LX_EFAULT;
	}
	return r;
}

long
lx_setrlimit(long res, long ulim, long a2, long a3, long a4, long a5)
{
	struct lx_rlimit new;

	if (copyin(&new, (uint64_t)ulim, sizeof(new)) != 0) {
		return -LX_EFAULT;
	}
	return do_prlimit(curproc(), (unsigned int)res, &new, NULL);
}

long
lx_prlimit64(long pid, long res, long unew, long uold, long a4, long a5)
{
	struct lx_rlimit new, old;
	struct proc *p;
	long r;

	if (unew != 0 && copyin(&new, (uint64_t)unew, sizeof(new)) != 0) {
		return -LX_EFAULT;
	}
	p = (int)pid == 0 ? curproc() : proc_by_tid((int)pid);	/* any thread's id names it */
	if (p == NULL || (int)pid < 0) {
		return -LX_ESRCH;
	}
	r = do_prlimit(p, (unsigned int)res, unew != 0 ? &new : NULL, uold != 0 ? &old : NULL);
	if (r == 0 && uold != 0 && copyout((uint64_t)uold, &old, sizeof(old)) != 0) {
		r = -LX_EFAULT;
	}
	return r;
}

/* Everyone is root without supplementary groups: nothing to list, whatever the size. */
long
lx_getgroups(long size, long ulist, long a2, long a3, long a4, long a5)
{
	return (int)size < 0 ? -LX_EINVAL : 0;
}
