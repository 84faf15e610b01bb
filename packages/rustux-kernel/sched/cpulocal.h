/* cpulocal.h - kernel: the per-CPU block %gs points at (offsets used by syscall.S) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_SCHED_CPULOCAL_H
#define RUSTUX_SCHED_CPULOCAL_H

#include <stdint.h>

struct cpu_local {
	uint64_t kstack_top;	/* %gs:0 - the running thread's kernel stack */
	uint64_t user_rsp;	/* %gs:8 - scratch for the syscall entry */
};

extern struct cpu_local cpu_local;

#endif
