/* civil_test.c - kernel unit tests: lib/civil.c, the RTC's date to Unix time */
/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE	/* timegm */
#include <time.h>

#include "lib/civil.h"
#include "t.h"

static int64_t
at(int y, int mo, int d, int h, int mi, int s)
{
	struct civil_time t = { y, mo, d, h, mi, s };

	return civil_to_epoch(&t);
}

T_TEST(civil_known_instants)
{
	T_EXPECT_EQ(at(1970, 1, 1, 0, 0, 0), 0);
	T_EXPECT_EQ(at(2000, 3, 1, 0, 0, 0), 951868800);	/* after a 400-year leap day */
	T_EXPECT_EQ(at(2026, 11, 24, 22, 40, 5), 1795560005);
	T_EXPECT_EQ(at(2100, 3, 1, 0, 0, 0), 4107542400);	/* 2100 is not a leap year */
	T_EXPECT_EQ(at(2024, 2, 29, 12, 0, 0), 1709208000);
}

/* Against the host's timegm for the first day of every month over two centuries. */
T_TEST(civil_matches_timegm)
{
	int bad = 0;

	for (int y = 1970; y < 2170; y++) {
		for (int m = 1; m <= 12; m++) {
			struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = 28,
			    .tm_hour = 23, .tm_min = 59, .tm_sec = 59 };

			bad += at(y, m, 28, 23, 59, 59) != (int64_t)timegm(&tm);
		}
	}
	T_EXPECT_EQ(bad, 0);
}

T_TEST(civil_rejects_nonsense)
{
	T_EXPECT_EQ(at(2023, 2, 29, 0, 0, 0), -1);
	T_EXPECT_EQ(at(2024, 13, 1, 0, 0, 0), -1);
	T_EXPECT_EQ(at(2024, 0, 1, 0, 0, 0), -1);
	T_EXPECT_EQ(at(2024, 4, 31, 0, 0, 0), -1);
	T_EXPECT_EQ(at(2024, 1, 1, 24, 0, 0), -1);
	T_EXPECT_EQ(at(1969, 12, 31, 23, 59, 59), -1);
	T_EXPECT_EQ(at(2024, 1, 0, 0, 0, 0), -1);
}
