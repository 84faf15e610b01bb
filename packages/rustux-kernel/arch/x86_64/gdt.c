/* gdt.c - kernel x86_64: the GDT and the TSS with IST stacks for double fault, NMI, #MC */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "lib/string.h"
#include "x86.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

#define IST_STACK_SIZE	8192

static uint8_t ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));
static struct tss tss;

/*
 * 0x00 null, 0x08 kernel code, 0x10 kernel data, 0x18 user data,
 * 0x20 user code (sysret order), 0x28 TSS (two slots).
 */
static uint64_t gdt[7] = {
	0,
	0x00af9a000000ffffULL,	/* kernel code: P, DPL0, L */
	0x00cf92000000ffffULL,	/* kernel data */
	0x00cff2000000ffffULL,	/* user data: DPL3 */
	0x00affa000000ffffULL,	/* user code: DPL3, L */
	0,
	0,
};

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static void
set_tss_descriptor(void)
{
	uint64_t base = (uint64_t)&tss;
	uint64_t limit = sizeof(tss) - 1;

	gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
	    (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[6] = base >> 32;
}

void
gdt_set_kernel_stack(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}

void
gdt_init(void)
{
	struct desc_ptr p = { sizeof(gdt) - 1, (uint64_t)gdt };

	memset(&tss, 0, sizeof(tss));
	tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)&ist_stacks[0][IST_STACK_SIZE];
	tss.ist[IST_NMI - 1] = (uint64_t)&ist_stacks[1][IST_STACK_SIZE];
	tss.ist[IST_MACHINE_CHECK - 1] = (uint64_t)&ist_stacks[2][IST_STACK_SIZE];
	tss.iomap_base = sizeof(tss);
	set_tss_descriptor();

	__asm__ volatile(
	    "lgdt %0\n\t"
	    "pushq %1\n\t"
	    "leaq 1f(%%rip), %%rax\n\t"
	    "pushq %%rax\n\t"
	    "lretq\n"
	    "1:\n\t"
	    "movw %w2, %%ax\n\t"
	    "movw %%ax, %%ds\n\t"
	    "movw %%ax, %%es\n\t"
	    "movw %%ax, %%ss\n\t"
	    "xorl %%eax, %%eax\n\t"
	    "movw %%ax, %%fs\n\t"
	    "movw %%ax, %%gs\n\t"
	    "ltr %w3"
	    : : "m"(p), "i"(SEL_KCODE), "r"(SEL_KDATA), "r"(SEL_TSS) : "rax", "memory");
}
