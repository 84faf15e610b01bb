/* printf_test.c - kernel unit tests: lib/printf.c against the C library's printf */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "lib/printf.h"
#include "t.h"

#define SAME(...) do { \
	char a[128], b[128]; \
	int na = fmt_snprintf(a, sizeof(a), __VA_ARGS__); \
	int nb = snprintf(b, sizeof(b), __VA_ARGS__); \
	T_EXPECT_STR_EQ(a, b); \
	T_EXPECT_EQ(na, nb); \
} while (0)

T_TEST(printf_integers_match_libc)
{
	SAME("%d %i %u", -42, 7, 3000000000u);
	SAME("%x %X %#x %#o %o", 0xbeefu, 0xbeefu, 0x1fu, 8u, 0u);
	SAME("[%5d] [%-5d] [%05d] [%+d] [% d]", 42, 42, -42, 5, 5);
	SAME("[%.3d] [%8.3d] [%.0d]", 7, -7, 0);
	SAME("%lld %llu %llx", (long long)INT64_MIN, (unsigned long long)UINT64_MAX, 0x123456789abcULL);
	SAME("%ld %lu %zu %zd", -1L, 1UL << 40, (size_t)12345, (ptrdiff_t)-3);
	SAME("%hhd %hd %hhu", 300, 70000, 257);
	SAME("%*d|%-*d|%.*d", 6, 1, 4, 2, 3, 3);
	SAME("%#x %#X", 0u, 255u);
}

T_TEST(printf_strings_chars_and_percent)
{
	SAME("[%s] [%10s] [%-10s] [%.2s]", "abc", "abc", "abc", "abc");
	SAME("%c%c%c %% done", 'o', 'k', '!');
	SAME("%5c|%-3c|", 'x', 'y');
	SAME("%p", (void *)0xffffffff80100000ULL);
}

T_TEST(printf_truncates_and_reports_full_length)
{
	char b[8];

	T_EXPECT_EQ(fmt_snprintf(b, sizeof(b), "%s", "0123456789"), 10);
	T_EXPECT_STR_EQ(b, "0123456");
	T_EXPECT_EQ(fmt_snprintf(b, 0, "%d", 12345), 5);
	T_EXPECT_EQ(fmt_snprintf(b, 1, "%d", 12345), 5);
	T_EXPECT_STR_EQ(b, "");
}

T_TEST(printf_null_string_is_marked)
{
	char b[16];
	const char *volatile null = NULL;

	fmt_snprintf(b, sizeof(b), "%s", null);
	T_EXPECT_STR_EQ(b, "(null)");
}
