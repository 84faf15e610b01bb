/* civil.h - pure: calendar dates and times of day to seconds since the Unix epoch */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_LIB_CIVIL_H
#define RUSTUX_LIB_CIVIL_H

#include <stdint.h>

/* A UTC date and time as a clock chip keeps it. */
struct civil_time {
	int	year;		/* e.g. 2026 */
	int	month;		/* 1-12 */
	int	day;		/* 1-31 */
	int	hour, min, sec;	/* 0-23, 0-59, 0-59 (60 taken as a leap second) */
};

/*
 * Seconds since 1970-01-01 00:00:00 UTC (proleptic Gregorian calendar),
 * or -1 when a field is out of range (a day the month does not have, a
 * year before 1970 or after 9999).
 */
int64_t	civil_to_epoch(const struct civil_time *t);

#endif
