/* sched.c - kernel: threads, the run queue, context switches, wait queues */
/* SPDX-License-Identifier: MIT */
#include "arch/x86_64/x86.h"

void
trap_irq_exit(struct trapframe *tf)
{
	(void)tf;
}
