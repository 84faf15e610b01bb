/* fault.c - kernel: exceptions from user mode and user-copy fault recovery */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "abi/linux/signal.h"
#include "arch/x86_64/x86.h"
#include "arch/cpu.h"
#include "kernel/printk.h"
#include "proc/proc.h"

extern const uint64_t usercopy_fixups[];
extern const uint64_t usercopy_fixups_count;

/* The signal Linux raises for an exception vector. */
static int
vector_signal(uint64_t v)
{
	switch (v) {
	case 0: case 16: case 19: return LX_SIGFPE;
	case 6: return LX_SIGILL;
	case 3: case 1: return LX_SIGTRAP;
	case 17: return LX_SIGBUS;
	default: return LX_SIGSEGV;
	}
}

int
trap_fault_hook(struct trapframe *tf)
{
	struct proc *p = current != NULL ? current->proc : NULL;
	int user = (tf->cs & 3) == 3;

	if (tf->vector == 14 && p != NULL && p->as != NULL) {
		uint64_t addr = read_cr2();

		if (addr < USER_TOP && as_fault(p->as, addr, (tf->error & 2) != 0,
		    (tf->error & 16) != 0) == 0) {
			return 1;
		}
	}
	if (!user && tf->vector == 14) {
		for (uint64_t i = 0; i < usercopy_fixups_count; i++) {
			const uint64_t *f = &usercopy_fixups[3 * i];

			if (tf->rip >= f[0] && tf->rip < f[1]) {
				tf->rip = f[2];
				return 1;
			}
		}
	}
	if (!user || p == NULL) {
		return 0;
	}
	if (proc_fault_signal(tf, vector_signal(tf->vector), read_cr2()) == 0) {
		return 1;	/* the process's handler runs */
	}
	kprintf("RUSTUX: pid %d (%s): signal %d: vector %llu at rip %#llx addr %#llx\n",
	    p->pid, p->comm, vector_signal(tf->vector), (unsigned long long)tf->vector,
	    (unsigned long long)tf->rip, (unsigned long long)read_cr2());
	arch_irq_enable();
	proc_exit(vector_signal(tf->vector));
}
