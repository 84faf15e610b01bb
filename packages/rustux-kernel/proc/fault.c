/* fault.c - kernel: exceptions from user mode and user-copy fault recovery */
/* SPDX-License-Identifier: MIT */
#include "arch/x86_64/x86.h"

int
trap_fault_hook(struct trapframe *tf)
{
	(void)tf;
	return 0;
}
