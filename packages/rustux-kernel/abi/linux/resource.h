/* resource.h - Linux x86_64 resource limits (getrlimit, prlimit64) and robust futex list words */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_ABI_LINUX_RESOURCE_H
#define RUSTUX_ABI_LINUX_RESOURCE_H

#include <stdint.h>

/* Resources, as <asm-generic/resource.h> numbers them. */
#define LX_RLIMIT_CPU		0
#define LX_RLIMIT_FSIZE		1
#define LX_RLIMIT_DATA		2
#define LX_RLIMIT_STACK		3
#define LX_RLIMIT_CORE		4
#define LX_RLIMIT_RSS		5
#define LX_RLIMIT_NPROC		6
#define LX_RLIMIT_NOFILE	7
#define LX_RLIMIT_MEMLOCK	8
#define LX_RLIMIT_AS		9
#define LX_RLIMIT_LOCKS		10
#define LX_RLIMIT_SIGPENDING	11
#define LX_RLIMIT_MSGQUEUE	12
#define LX_RLIMIT_NICE		13
#define LX_RLIMIT_RTPRIO	14
#define LX_RLIMIT_RTTIME	15
#define LX_RLIM_NLIMITS		16
#define LX_RLIM_INFINITY	UINT64_MAX

/* struct rlimit and struct rlimit64 are the same on x86_64: two unsigned longs. */
struct lx_rlimit {
	uint64_t	cur;
	uint64_t	max;
};

/* Robust futexes: struct robust_list_head is { next, futex_offset, list_op_pending }. */
#define LX_ROBUST_HEAD_SIZE	24
#define LX_ROBUST_LIST_LIMIT	2048		/* entries walked at most (Linux's ROBUST_LIST_LIMIT) */
#define LX_FUTEX_WAITERS	0x80000000u
#define LX_FUTEX_OWNER_DIED	0x40000000u
#define LX_FUTEX_TID_MASK	0x3fffffffu

#endif
