/* irq.c - kernel x86_64: ISA device interrupts through the I/O APIC */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>

#include "arch/cpu.h"
#include "arch/irq.h"
#include "x86.h"

static struct {
	arch_irq_fn fn;
	void *arg;
} lines[16];

static void
dispatch(struct trapframe *tf)
{
	unsigned irq = (unsigned)(tf->vector - VEC_ISA_BASE);

	if (irq < 16 && lines[irq].fn != NULL) {
		lines[irq].fn(lines[irq].arg);
	}
	lapic_eoi();
}

int
arch_irq_attach(unsigned irq, arch_irq_fn fn, void *arg)
{
	uint32_t gsi;
	uint16_t flags;
	unsigned long s;
	int rc;

	if (irq >= 16 || fn == NULL || lines[irq].fn != NULL || acpi_isa_irq(irq, &gsi, &flags) != 0) {
		return -1;
	}
	s = arch_irq_save();
	lines[irq].fn = fn;
	lines[irq].arg = arg;
	idt_set_handler(VEC_ISA_BASE + irq, dispatch);
	if ((rc = ioapic_route(gsi, VEC_ISA_BASE + irq, flags, 0)) != 0) {
		lines[irq].fn = NULL;
	}
	arch_irq_restore(s);
	return rc;
}

void
arch_irq_detach(unsigned irq)
{
	uint32_t gsi;
	uint16_t flags;
	unsigned long s;

	if (irq >= 16 || acpi_isa_irq(irq, &gsi, &flags) != 0) {
		return;
	}
	s = arch_irq_save();
	ioapic_route(gsi, VEC_ISA_BASE + irq, flags, 1);
	lines[irq].fn = NULL;
	lines[irq].arg = NULL;
	arch_irq_restore(s);
}
