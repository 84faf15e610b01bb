/* wallclock.h - kernel: the wall clock (CLOCK_REALTIME): the RTC's date plus the monotonic clock */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_KERNEL_WALLCLOCK_H
#define RUSTUX_KERNEL_WALLCLOCK_H

#include <stdint.h>

/*
 * Nanoseconds since the Unix epoch. The CMOS clock is read once, at the
 * first call; from then on the time advances with arch_clock_ns, so it
 * never jumps back. Without a sane RTC it counts from the epoch at boot.
 */
int64_t	wallclock_ns(void);

#endif
