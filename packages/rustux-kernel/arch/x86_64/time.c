/* time.c - kernel x86_64: TSC calibration (HPET, else PIT), the APIC timer tick, the ns clock */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "abi/bootinfo.h"
#include "arch/cpu.h"
#include "arch/timer.h"
#include "kernel/printk.h"
#include "x86.h"

#define CALIBRATE_NS	5000000ULL	/* 5 ms of reference time */

static uint64_t tsc_hz;
static uint64_t tsc_base;
static uint64_t ns_mult;	/* ns = (cycles * ns_mult) >> 32 */
static uint64_t apic_hz;	/* APIC timer counts per second (divide by 16) */
static unsigned tick_hz;
static volatile uint64_t ticks;
static const char *source = "none";

uint64_t
arch_cycles_to_ns(uint64_t cycles)
{
	return (uint64_t)(((unsigned __int128)cycles * ns_mult) >> 32);
}

uint64_t
arch_clock_ns(void)
{
	if (ns_mult == 0) {
		return 0;
	}
	return arch_cycles_to_ns(rdtsc() - tsc_base);
}

uint64_t
arch_cycles_hz(void)
{
	return tsc_hz;
}

uint64_t
arch_ticks(void)
{
	return ticks;
}

unsigned
arch_tick_hz(void)
{
	return tick_hz;
}

const char *
arch_clock_source(void)
{
	return source;
}

struct sample {
	uint64_t hpet_ns;
	uint64_t tsc;
	uint32_t apic;
};

/*
 * Reads HPET, TSC and APIC counter as close together as possible: the
 * reads are bracketed by TSC reads and the tightest of a few tries wins,
 * so a vCPU descheduled mid-sample (TCG on a busy host) does not skew the
 * calibration.
 */
static void
take_sample(struct sample *best)
{
	uint64_t span = UINT64_MAX;

	for (int i = 0; i < 5; i++) {
		uint64_t ta = rdtsc();
		uint64_t h = hpet_now_ns();
		uint32_t a = lapic_timer_current();
		uint64_t tb = rdtsc();

		if (tb - ta < span) {
			span = tb - ta;
			best->hpet_ns = h;
			best->apic = a;
			best->tsc = ta + (tb - ta) / 2;
		}
	}
}

/* Runs the APIC timer masked over a reference interval; returns TSC and APIC deltas. */
static int
measure_hpet(uint64_t *dtsc, uint64_t *dapic, uint64_t *dns)
{
	struct sample s0, s1;

	lapic_timer_start(0xffffffffu, 0);
	take_sample(&s0);
	do {
		take_sample(&s1);
	} while (s1.hpet_ns - s0.hpet_ns < CALIBRATE_NS);
	*dtsc = s1.tsc - s0.tsc;
	*dapic = s0.apic - s1.apic;
	*dns = s1.hpet_ns - s0.hpet_ns;
	return 0;
}

static int
measure_pit(uint64_t *dtsc, uint64_t *dapic, uint64_t *dns)
{
	uint16_t count = 5966;		/* 1193182 Hz / 200 = 5 ms */
	uint64_t t0, t1;
	uint32_t a0, a1;
	unsigned long spins = 0;

	outb(0x61, (uint8_t)((inb(0x61) & ~0x02) | 0x01));
	outb(0x43, 0xb0);		/* channel 2, lo/hi, mode 0 */
	outb(0x42, count & 0xff);
	outb(0x42, count >> 8);
	lapic_timer_start(0xffffffffu, 0);
	t0 = rdtsc();
	a0 = lapic_timer_current();
	while (!(inb(0x61) & 0x20)) {
		if (++spins > 100000000UL) {
			return -1;
		}
	}
	t1 = rdtsc();
	a1 = lapic_timer_current();
	*dtsc = t1 - t0;
	*dapic = a0 - a1;
	*dns = (uint64_t)count * 1000000000ULL / 1193182ULL;
	return 0;
}

static void
tick_handler(struct trapframe *tf)
{
	(void)tf;
	ticks++;
	lapic_eoi();
	timer_tick(arch_clock_ns());
}

int
arch_time_init(const struct rx_bootinfo *bi, unsigned hz)
{
	uint64_t dtsc, dapic, dns;
	int rc;

	pic_disable();
	if (acpi_init(bi->acpi_rsdp) != 0) {
		klog(KLOG_WARN, "acpi: no usable RSDP; assuming default APIC addresses\n");
	}
	lapic_init(acpi_lapic_base());
	ioapic_mask_all();
	if (hpet_init(acpi_hpet_base()) == 0) {
		source = "hpet";
		rc = measure_hpet(&dtsc, &dapic, &dns);
	} else {
		source = "pit";
		rc = measure_pit(&dtsc, &dapic, &dns);
	}
	if (rc != 0 || dns == 0 || dtsc == 0 || dapic == 0) {
		return -1;
	}
	tsc_hz = dtsc * 1000000000ULL / dns;
	apic_hz = dapic * 1000000000ULL / dns;
	ns_mult = (1000000000ULL << 32) / tsc_hz;
	tsc_base = bi->tsc_loader_start != 0 ? bi->tsc_loader_start : rdtsc();
	if (hz < 10 || hz > 10000) {
		hz = 1000;
	}
	tick_hz = hz;
	idt_set_handler(VEC_TIMER, tick_handler);
	lapic_timer_start((uint32_t)(apic_hz / hz), VEC_TIMER);
	arch_irq_enable();
	klog(KLOG_INFO, "time: tsc %llu kHz, apic timer %llu kHz (via %s), tick %u Hz\n",
	    (unsigned long long)(tsc_hz / 1000), (unsigned long long)(apic_hz / 1000),
	    source, hz);
	return 0;
}
