/* rtc.c - kernel: the PC's CMOS real-time clock (MC146818 registers), read once for the wall clock */
/* SPDX-License-Identifier: MIT */
#include "arch/cpu.h"
#include "arch/x86_64/portio.h"
#include "drivers/rtc.h"
#include "lib/civil.h"

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define NMI_OFF		0x80	/* keep NMIs masked while the index is set, as the BIOS does */

enum { R_SEC = 0x00, R_MIN = 0x02, R_HOUR = 0x04, R_DAY = 0x07, R_MONTH = 0x08,
	R_YEAR = 0x09, R_A = 0x0a, R_B = 0x0b, R_CENTURY = 0x32 };

#define A_UPDATING	0x80	/* an update cycle is in progress: values may be torn */
#define B_24H		0x02
#define B_BINARY	0x04
#define HOUR_PM		0x80	/* 12-hour mode */

static uint8_t
cmos(uint8_t reg)
{
	outb(CMOS_INDEX, NMI_OFF | reg);
	return inb(CMOS_DATA);
}

static int
bcd(uint8_t v, int binary)
{
	return binary ? v : (v >> 4) * 10 + (v & 15);
}

/* One snapshot of the registers, taken outside an update cycle. */
static void
snapshot(uint8_t r[8])
{
	for (int spins = 0; spins < 100000 && (cmos(R_A) & A_UPDATING); spins++) {
	}
	r[0] = cmos(R_SEC);
	r[1] = cmos(R_MIN);
	r[2] = cmos(R_HOUR);
	r[3] = cmos(R_DAY);
	r[4] = cmos(R_MONTH);
	r[5] = cmos(R_YEAR);
	r[6] = cmos(R_CENTURY);
	r[7] = cmos(R_B);
}

int64_t
rtc_read_epoch(void)
{
	unsigned long irq = arch_irq_save();
	uint8_t a[8], b[8];
	struct civil_time t;
	int bin, same, century;

	/* Read until two snapshots agree: a tick between reads would tear them. */
	for (int tries = 0; tries < 5; tries++) {
		snapshot(a);
		snapshot(b);
		same = 1;
		for (int i = 0; i < 8; i++)
			same &= a[i] == b[i];
		if (same)
			break;
	}
	arch_irq_restore(irq);
	bin = (b[7] & B_BINARY) != 0;
	t.sec = bcd(b[0], bin);
	t.min = bcd(b[1], bin);
	t.hour = bcd(b[2] & (uint8_t)~HOUR_PM, bin);
	if (!(b[7] & B_24H)) {
		t.hour %= 12;
		if (b[2] & HOUR_PM)
			t.hour += 12;
	}
	t.day = bcd(b[3], bin);
	t.month = bcd(b[4], bin);
	century = bcd(b[6], bin);
	t.year = (century >= 19 && century <= 99 ? century : 20) * 100 + bcd(b[5], bin);
	return civil_to_epoch(&t);
}
