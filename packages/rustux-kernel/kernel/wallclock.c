/* wallclock.c - kernel: the wall clock (CLOCK_REALTIME): the RTC's date plus the monotonic clock */
/* SPDX-License-Identifier: MIT */
#include "arch/cpu.h"
#include "arch/timer.h"
#include "drivers/rtc.h"
#include "kernel/wallclock.h"

#define NS	1000000000LL

int64_t
wallclock_ns(void)
{
	static int64_t offset;	/* wall time minus monotonic time */
	static int known;

	if (!known) {
		int64_t epoch = rtc_read_epoch();

		offset = epoch > 0 ? epoch * NS - (int64_t)arch_clock_ns() : 0;
		known = 1;
	}
	return offset + (int64_t)arch_clock_ns();
}
