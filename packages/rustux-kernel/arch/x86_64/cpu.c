/* cpu.c - kernel x86_64: CPU control: interrupts, idle, halt, reset, power off, backtrace */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "arch/cpu.h"
#include "arch/mmu.h"
#include "x86.h"

const char arch_name[] = "x86_64";

void
arch_cpu_init(void)
{
	serial_init();
	gdt_init();
	idt_init();
}

void
arch_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

void
arch_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

unsigned long
arch_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

void
arch_irq_restore(unsigned long state)
{
	if (state & (1u << 9)) {
		__asm__ volatile("sti" : : : "memory");
	}
}

void
arch_idle(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

void
arch_halt(void)
{
	for (;;) {
		__asm__ volatile("cli; hlt");
	}
}

uint64_t
arch_cycles(void)
{
	return rdtsc();
}

void
arch_reboot(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) null_idt = { 0, 0 };

	arch_irq_disable();
	outb(0xcf9, 0x02);	/* PCI reset control: hard reset */
	outb(0xcf9, 0x06);
	for (int i = 0; i < 100000 && (inb(0x64) & 0x02); i++) {
	}
	outb(0x64, 0xfe);	/* keyboard controller reset line */
	/* Last resort: a triple fault. */
	__asm__ volatile("lidt %0; int3" : : "m"(null_idt));
	arch_halt();
}

void
arch_poweroff(int status)
{
	arch_irq_disable();
	/* QEMU isa-debug-exit: the host sees (status << 1) | 1. */
	outb(0xf4, (uint8_t)(status != 0));
	/* QEMU's ACPI PM1a control with SLP_EN (q35 at 0x604, piix4 at 0xb004). */
	__asm__ volatile("outw %0, %1" : : "a"((uint16_t)0x2000), "Nd"((uint16_t)0x604));
	__asm__ volatile("outw %0, %1" : : "a"((uint16_t)0x2000), "Nd"((uint16_t)0xb004));
	arch_halt();
}

/* Follows saved %rbp links while they stay inside the kernel's higher half. */
void
arch_backtrace(uint64_t fp, void (*fn)(uint64_t pc, void *arg), void *arg, int max)
{
	uint64_t frame[2];

	if (fp == 0) {
		fp = (uint64_t)__builtin_frame_address(0);
	}
	for (int i = 0; i < max && fp >= DIRECT_MAP_BASE && (fp & 7) == 0; i++) {
		if (arch_probe_read64((void *)fp, &frame[0]) != 0 ||
		    arch_probe_read64((void *)(fp + 8), &frame[1]) != 0) {
			return;
		}
		if (frame[1] < KERNEL_VMA) {
			return;
		}
		fn(frame[1], arg);
		if (frame[0] <= fp) {
			return;
		}
		fp = frame[0];
	}
}
