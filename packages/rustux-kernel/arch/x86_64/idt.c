/* idt.c - kernel x86_64: the IDT, trap dispatch, exception reports and fault probes */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "arch/cpu.h"
#include "arch/mmu.h"
#include "kernel/printk.h"
#include "x86.h"

struct idt_gate {
	uint16_t off_lo;
	uint16_t sel;
	uint8_t ist;
	uint8_t type;
	uint16_t off_mid;
	uint32_t off_hi;
	uint32_t zero;
} __attribute__((packed));

extern const uint64_t isr_table[256];
extern const uint64_t probe_fixups[];
extern const uint64_t probe_fixups_count;

static struct idt_gate idt[256];
static irq_handler_fn handlers[256];

struct arch_fault_info arch_last_probe_fault;

/* One row per exception vector: its mnemonic and name. */
static const char *const exc_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
	"#BR bound range", "#UD invalid opcode", "#NM device not available",
	"#DF double fault", "coprocessor segment overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack fault", "#GP general protection",
	"#PF page fault", "reserved 15", "#MF x87 error", "#AC alignment check",
	"#MC machine check", "#XM SIMD error", "#VE virtualization", "#CP control protection",
	"reserved 22", "reserved 23", "reserved 24", "reserved 25", "reserved 26",
	"reserved 27", "#HV hypervisor injection", "#VC VMM communication",
	"#SX security", "reserved 31",
};

static void
set_gate(unsigned vec, uint64_t addr, unsigned ist)
{
	idt[vec].off_lo = addr & 0xffff;
	idt[vec].sel = SEL_KCODE;
	idt[vec].ist = (uint8_t)ist;
	idt[vec].type = 0x8e;		/* present, DPL0, interrupt gate */
	idt[vec].off_mid = (addr >> 16) & 0xffff;
	idt[vec].off_hi = (uint32_t)(addr >> 32);
	idt[vec].zero = 0;
}

void
idt_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) p = { sizeof(idt) - 1, (uint64_t)idt };

	for (unsigned v = 0; v < 256; v++) {
		set_gate(v, isr_table[v], 0);
	}
	idt[8].ist = IST_DOUBLE_FAULT;
	idt[2].ist = IST_NMI;
	idt[18].ist = IST_MACHINE_CHECK;
	__asm__ volatile("lidt %0" : : "m"(p));
}

void
idt_set_handler(unsigned vector, irq_handler_fn fn)
{
	handlers[vector & 0xff] = fn;
}

/* A page fault inside a probe resumes at the probe's fixup; returns 1 if so. */
static int
probe_fixup(struct trapframe *tf)
{
	for (uint64_t i = 0; i < probe_fixups_count; i++) {
		if (probe_fixups[2 * i] == tf->rip) {
			arch_last_probe_fault.addr = read_cr2();
			arch_last_probe_fault.error = tf->error;
			arch_last_probe_fault.pc = tf->rip;
			arch_last_probe_fault.count++;
			tf->rip = probe_fixups[2 * i + 1];
			return 1;
		}
	}
	return 0;
}

static void
print_frame_line(uint64_t pc, void *arg)
{
	(void)arg;
	printk_symbol_line(pc);
}

static void
report(const struct trapframe *tf)
{
	const char *name = tf->vector < 32 ? exc_names[tf->vector] : "interrupt";

	printk_emerg("exception %s (vector %llu) error=%#llx\n", name,
	    (unsigned long long)tf->vector, (unsigned long long)tf->error);
	if (tf->vector == 14) {
		printk_emerg("  fault address %#018llx (%s, %s, %s)\n",
		    (unsigned long long)read_cr2(),
		    (tf->error & 1) ? "protection" : "not present",
		    (tf->error & 2) ? "write" : ((tf->error & 16) ? "exec" : "read"),
		    (tf->error & 4) ? "user" : "kernel");
	}
	printk_emerg("  rip %#018llx cs %#llx rflags %#llx rsp %#018llx ss %#llx\n",
	    (unsigned long long)tf->rip, (unsigned long long)tf->cs,
	    (unsigned long long)tf->rflags, (unsigned long long)tf->rsp,
	    (unsigned long long)tf->ss);
	printk_emerg("  rax %016llx rbx %016llx rcx %016llx rdx %016llx\n",
	    (unsigned long long)tf->rax, (unsigned long long)tf->rbx,
	    (unsigned long long)tf->rcx, (unsigned long long)tf->rdx);
	printk_emerg("  rsi %016llx rdi %016llx rbp %016llx r8  %016llx\n",
	    (unsigned long long)tf->rsi, (unsigned long long)tf->rdi,
	    (unsigned long long)tf->rbp, (unsigned long long)tf->r8);
	printk_emerg("  r9  %016llx r10 %016llx r11 %016llx r12 %016llx\n",
	    (unsigned long long)tf->r9, (unsigned long long)tf->r10,
	    (unsigned long long)tf->r11, (unsigned long long)tf->r12);
	printk_emerg("  r13 %016llx r14 %016llx r15 %016llx cr3 %016llx\n",
	    (unsigned long long)tf->r13, (unsigned long long)tf->r14,
	    (unsigned long long)tf->r15, (unsigned long long)read_cr3());
	printk_emerg("  backtrace:\n");
	printk_symbol_line(tf->rip);
	arch_backtrace(tf->rbp, print_frame_line, NULL, 16);
}

void
trap_dispatch(struct trapframe *tf)
{
	if (tf->vector == 14 && probe_fixup(tf)) {
		return;
	}
	if (handlers[tf->vector] != NULL) {
		handlers[tf->vector](tf);
		trap_irq_exit(tf);	/* sched/: preemption point */
		return;
	}
	if (tf->vector == VEC_SPURIOUS) {
		return;
	}
	if (tf->vector >= 32) {
		printk_emerg("unexpected interrupt vector %llu\n", (unsigned long long)tf->vector);
		lapic_eoi();
		return;
	}
	if (trap_fault_hook(tf)) {	/* proc/: user faults, usercopy fixups */
		return;
	}
	report(tf);
	panic("unhandled %s in kernel", exc_names[tf->vector]);
}
