/* civil.c - pure: calendar dates and times of day to seconds since the Unix epoch */
/* SPDX-License-Identifier: MIT */
#include "lib/civil.h"

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return days[m - 1] + (m == 2 && leap(y));
}

/* Days from 1970-01-01 to y-m-d: whole years, then whole months, then days. */
static int64_t
days_since_epoch(int y, int m, int d)
{
	int64_t n = 0;

	/* Leap days before year y, counted from year 1 and rebased to 1970. */
	n += (int64_t)(y - 1970) * 365;
	n += ((y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400) - (1969 / 4 - 1969 / 100 + 1969 / 400);
	for (int i = 1; i < m; i++)
		n += month_days(y, i);
	return n + d - 1;
}

int64_t
civil_to_epoch(const struct civil_time *t)
{
	if (t->year < 1970 || t->year > 9999 || t->month < 1 || t->month > 12 ||
	    t->day < 1 || t->day > month_days(t->year, t->month) ||
	    t->hour < 0 || t->hour > 23 || t->min < 0 || t->min > 59 || t->sec < 0 || t->sec > 60)
		return -1;
	return days_since_epoch(t->year, t->month, t->day) * 86400 +
	    (int64_t)t->hour * 3600 + t->min * 60 + t->sec;
}
