/* apic.c - kernel x86_64: legacy PIC masked, local APIC, I/O APIC, HPET registers */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "arch/mmu.h"
#include "x86.h"

#define LAPIC_ID	0x020
#define LAPIC_TPR	0x080
#define LAPIC_EOI	0x0b0
#define LAPIC_SVR	0x0f0
#define LAPIC_LVT_TIMER	0x320
#define LAPIC_LVT_LINT0	0x350
#define LAPIC_LVT_LINT1	0x360
#define LAPIC_LVT_ERROR	0x370
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR	0x390
#define LAPIC_TIMER_DIV	0x3e0
#define LVT_MASKED	(1u << 16)
#define LVT_PERIODIC	(1u << 17)

#define HPET_CAP	0x000
#define HPET_CONFIG	0x010
#define HPET_COUNTER	0x0f0

static volatile uint32_t *lapic;
static volatile uint8_t *hpet;
static uint64_t hpet_period_fs;

static uint32_t
lapic_read(unsigned reg)
{
	return lapic[reg / 4];
}

static void
lapic_write(unsigned reg, uint32_t v)
{
	lapic[reg / 4] = v;
	(void)lapic[LAPIC_ID / 4];	/* wait for the write to land */
}

void
pic_disable(void)
{
	/* Remap both 8259s above the exceptions (0x20/0x28), then mask every line. */
	outb(0x20, 0x11);
	outb(0xa0, 0x11);
	outb(0x21, 0x20);
	outb(0xa1, 0x28);
	outb(0x21, 0x04);
	outb(0xa1, 0x02);
	outb(0x21, 0x01);
	outb(0xa1, 0x01);
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

void
lapic_init(uint64_t base)
{
	if (base == 0) {
		base = rdmsr(MSR_APIC_BASE) & ~0xfffULL;
	}
	wrmsr(MSR_APIC_BASE, (rdmsr(MSR_APIC_BASE) & 0xfff) | base | (1u << 11));
	lapic = phys_to_virt(base);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, LVT_MASKED);
	lapic_write(LAPIC_LVT_ERROR, LVT_MASKED);
	lapic_write(LAPIC_SVR, 0x100 | VEC_SPURIOUS);	/* software enable */
}

void
lapic_eoi(void)
{
	if (lapic != NULL) {
		lapic_write(LAPIC_EOI, 0);
	}
}

/* Starts the timer: one-shot when vector is 0 (masked, for calibration), else periodic. */
void
lapic_timer_start(uint32_t initial, unsigned vector)
{
	lapic_write(LAPIC_TIMER_DIV, 0x3);	/* divide by 16 */
	lapic_write(LAPIC_LVT_TIMER, vector == 0 ? LVT_MASKED : (vector | LVT_PERIODIC));
	lapic_write(LAPIC_TIMER_INIT, initial);
}

uint32_t
lapic_timer_current(void)
{
	return lapic_read(LAPIC_TIMER_CUR);
}

static uint32_t
ioapic_read(volatile uint32_t *io, uint32_t reg)
{
	io[0] = reg;
	return io[4];
}

static void
ioapic_write(volatile uint32_t *io, uint32_t reg, uint32_t v)
{
	io[0] = reg;
	io[4] = v;
}

void
ioapic_mask_all(void)
{
	uint64_t base;
	uint32_t gsi;

	for (unsigned i = 0; acpi_ioapic(i, &base, &gsi) == 0; i++) {
		volatile uint32_t *io = phys_to_virt(base);
		unsigned n = ((ioapic_read(io, 1) >> 16) & 0xff) + 1;

		for (unsigned e = 0; e < n; e++) {
			ioapic_write(io, 0x10 + 2 * e, LVT_MASKED);
			ioapic_write(io, 0x11 + 2 * e, 0);
		}
	}
}

/*
 * Points GSI gsi at vector on the boot CPU (LAPIC ID 0), with the MPS
 * polarity/trigger flags from the MADT (0 = bus default: ISA is active
 * high, edge). Returns -1 if no I/O APIC serves gsi.
 */
int
ioapic_route(uint32_t gsi, unsigned vector, uint16_t flags, int masked)
{
	uint64_t base;
	uint32_t first;

	for (unsigned i = 0; acpi_ioapic(i, &base, &first) == 0; i++) {
		volatile uint32_t *io = phys_to_virt(base);
		unsigned n = ((ioapic_read(io, 1) >> 16) & 0xff) + 1;
		uint32_t low = vector;

		if (gsi < first || gsi >= first + n) {
			continue;
		}
		if ((flags & 3) == 3) {
			low |= 1u << 13;	/* active low */
		}
		if (((flags >> 2) & 3) == 3) {
			low |= 1u << 15;	/* level triggered */
		}
		if (masked) {
			low |= LVT_MASKED;
		}
		ioapic_write(io, 0x11 + 2 * (gsi - first), 0);	/* destination: APIC ID 0 */
		ioapic_write(io, 0x10 + 2 * (gsi - first), low);
		return 0;
	}
	return -1;
}

int
hpet_init(uint64_t base)
{
	uint64_t cap;

	if (base == 0) {
		return -1;
	}
	hpet = phys_to_virt(base);
	cap = *(volatile uint64_t *)(hpet + HPET_CAP);
	hpet_period_fs = cap >> 32;
	if (hpet_period_fs == 0 || hpet_period_fs > 100000000ULL) {
		hpet = NULL;
		return -1;
	}
	*(volatile uint64_t *)(hpet + HPET_CONFIG) |= 1;	/* enable the main counter */
	return 0;
}

/* HPET time in ns (its own epoch), 0 without an HPET. */
uint64_t
hpet_now_ns(void)
{
	uint64_t c;

	if (hpet == NULL) {
		return 0;
	}
	/* period = q * 1e6 + r femtoseconds; no 128-bit division in the kernel. */
	c = *(volatile uint64_t *)(hpet + HPET_COUNTER);
	return c * (hpet_period_fs / 1000000U) + c * (hpet_period_fs % 1000000U) / 1000000U;
}
