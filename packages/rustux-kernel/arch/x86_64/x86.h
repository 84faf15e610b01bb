/* x86.h - kernel x86_64: private CPU helpers (port I/O, MSRs, control registers) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_X86_H
#define RUSTUX_X86_H

#include <stdint.h>

#include "arch/x86_64/portio.h"

#define MSR_EFER		0xc0000080u
#define MSR_APIC_BASE		0x1bu
#define EFER_NXE		(1u << 11)

#define SEL_KCODE		0x08
#define SEL_KDATA		0x10
#define SEL_TSS			0x28

#define IST_DOUBLE_FAULT	1
#define IST_NMI			2
#define IST_MACHINE_CHECK	3

#define VEC_TIMER		0x20
#define VEC_ISA_BASE		0x30	/* ISA IRQ n arrives on 0x30 + n */
#define VEC_SPURIOUS		0xff

static inline uint64_t
rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void
wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t
read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t
read_cr3(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void
write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline void
invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void
cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
	    : "a"(leaf), "c"(sub));
}

/* The register state the interrupt stubs (isr.S) save; order matches the pushes. */
struct trapframe {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

/* Private x86_64 entry points, called in this order by arch_cpu_init/arch_time_init. */
void	gdt_init(void);
void	idt_init(void);
void	serial_init(void);
typedef void (*irq_handler_fn)(struct trapframe *tf);
void	idt_set_handler(unsigned vector, irq_handler_fn fn);
void	trap_dispatch(struct trapframe *tf);
/* Hooks of sched/ and proc/: after an interrupt handler; for an exception (1: handled). */
void	trap_irq_exit(struct trapframe *tf);
int	trap_fault_hook(struct trapframe *tf);
/* The stack the CPU switches to on an interrupt from user mode (TSS.rsp0). */
void	gdt_set_kernel_stack(uint64_t rsp0);

int	acpi_init(uint64_t rsdp_phys);
uint64_t acpi_lapic_base(void);
uint64_t acpi_hpet_base(void);
int	acpi_ioapic(unsigned i, uint64_t *base, uint32_t *gsi_base);
int	acpi_isa_irq(unsigned irq, uint32_t *gsi, uint16_t *flags);
int	ioapic_route(uint32_t gsi, unsigned vector, uint16_t flags, int masked);
void	pic_disable(void);
void	lapic_init(uint64_t base);
void	lapic_eoi(void);
void	lapic_timer_start(uint32_t initial, unsigned divide_code);
uint32_t lapic_timer_current(void);
void	ioapic_mask_all(void);
int	hpet_init(uint64_t base);
uint64_t hpet_now_ns(void);

#endif
