/* sys_robust.c - Linux personality: set_robust_list and get_robust_list */
/* SPDX-License-Identifier: MIT */
/*
 * The list head is only remembered per thread (a new thread or a forked
 * child starts without one); proc/futex.c walks it when the thread exits
 * or execs.
 */
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/resource.h"
#include "proc/proc.h"
#include "syscall_table.h"

long
lx_set_robust_list(long head, long len, long a2, long a3, long a4, long a5)
{
	if ((uint64_t)len != LX_ROBUST_HEAD_SIZE) {
		return -LX_EINVAL;
	}
	current->robust_list = (uint64_t)head;
	return 0;
}

long
lx_get_robust_list(long tid, long uhead, long ulen, long a3, long a4, long a5)
{
	struct thread *t = current;
	struct proc *p;
	uint64_t len = LX_ROBUST_HEAD_SIZE;

	if ((int)tid != 0 && ((int)tid < 0 || (t = proc_thread_by_tid((int)tid, &p)) == NULL)) {
		return -LX_ESRCH;
	}
	if (copyout((uint64_t)ulen, &len, sizeof(len)) != 0 ||
	    copyout((uint64_t)uhead, &t->robust_list, sizeof(t->robust_list)) != 0) {
		return -LX_EFAULT;
	}
	return 0;
}
