/* rtc.h - kernel: the PC's CMOS real-time clock, read once for the wall clock */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_DRIVERS_RTC_H
#define RUSTUX_DRIVERS_RTC_H

#include <stdint.h>

/* The RTC's date and time (it keeps UTC, as QEMU's and most PCs' do) in
 * seconds since the epoch, or -1 when it reads as nonsense. */
int64_t	rtc_read_epoch(void);

#endif
