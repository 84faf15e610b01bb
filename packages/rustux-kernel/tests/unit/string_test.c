/* string_test.c - kernel unit tests: lib/string.c */
/* SPDX-License-Identifier: MIT */
#include "lib/string.h"
#include "t.h"

T_TEST(string_memmove_overlaps_both_ways)
{
	char b[16] = "abcdefgh";

	memmove(b + 2, b, 6);
	T_EXPECT(memcmp(b, "ababcdef", 8) == 0);
	memmove(b, b + 2, 6);
	T_EXPECT(memcmp(b, "abcdefef", 8) == 0);
}

T_TEST(string_compare_and_search)
{
	T_EXPECT_EQ(strlen(""), 0);
	T_EXPECT_EQ(strlen("rustux"), 6);
	T_EXPECT_EQ(strnlen("rustux", 3), 3);
	T_EXPECT(strcmp("a", "b") < 0);
	T_EXPECT(strcmp("b", "a") > 0);
	T_EXPECT_EQ(strcmp("same", "same"), 0);
	T_EXPECT_EQ(strncmp("abcx", "abcy", 3), 0);
	T_EXPECT(strncmp("abcx", "abcy", 4) < 0);
	T_EXPECT(strcmp("\xff", "a") > 0);
	T_EXPECT(strchr("hello", 'l') != NULL && *strchr("hello", 'l') == 'l');
	T_EXPECT(strchr("hello", 'z') == NULL);
	T_EXPECT(memcmp("ab", "ac", 2) < 0);
}

T_TEST(string_strlcpy_truncates_and_terminates)
{
	char b[4];

	T_EXPECT_EQ(strlcpy(b, "kernel", sizeof(b)), 6);
	T_EXPECT_STR_EQ(b, "ker");
	T_EXPECT_EQ(strlcpy(b, "ok", sizeof(b)), 2);
	T_EXPECT_STR_EQ(b, "ok");
	memset(b, 'x', sizeof(b));
	T_EXPECT_EQ(b[3], 'x');
}
