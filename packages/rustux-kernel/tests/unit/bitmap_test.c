/* bitmap_test.c - kernel unit tests: lib/bitmap.c, the page allocator's bookkeeping */
/* SPDX-License-Identifier: MIT */
#include "lib/bitmap.h"
#include "t.h"

T_TEST(bitmap_allocates_until_exhausted_then_recovers)
{
	uint64_t w[BITMAP_WORDS(300)];
	struct bitmap b;
	size_t i, n = 0;

	bitmap_init_full(&b, w, 300);
	T_EXPECT_EQ(bitmap_count_set(&b), 300);
	bitmap_clear_range(&b, 10, 200);
	T_EXPECT_EQ(bitmap_count_set(&b), 100);
	while ((i = bitmap_alloc_run(&b, 1, 1)) != BITMAP_NONE) {
		T_ASSERT(i >= 10 && i < 210);
		n++;
	}
	T_EXPECT_EQ(n, 200);
	bitmap_clear_range(&b, 10, 200);
	T_EXPECT_EQ(bitmap_count_set(&b), 100);
}

T_TEST(bitmap_runs_respect_alignment)
{
	uint64_t w[BITMAP_WORDS(1024)];
	struct bitmap b;
	size_t i;

	bitmap_init_full(&b, w, 1024);
	bitmap_clear_range(&b, 3, 1000);
	i = bitmap_alloc_run(&b, 16, 16);
	T_EXPECT_EQ(i, 16);
	i = bitmap_alloc_run(&b, 5, 1);
	T_EXPECT_EQ(i, 32);
	T_EXPECT_EQ(bitmap_alloc_run(&b, 2000, 1), BITMAP_NONE);
	T_EXPECT_EQ(bitmap_alloc_run(&b, 4, 3), BITMAP_NONE);
	T_EXPECT(bitmap_test(&b, 16) && bitmap_test(&b, 31) && !bitmap_test(&b, 15));
}

T_TEST(bitmap_wraps_around_to_freed_space)
{
	uint64_t w[BITMAP_WORDS(128)];
	struct bitmap b;

	bitmap_init_full(&b, w, 128);
	bitmap_clear_range(&b, 0, 128);
	T_EXPECT_EQ(bitmap_alloc_run(&b, 120, 1), 0);
	T_EXPECT_EQ(bitmap_alloc_run(&b, 8, 1), 120);
	bitmap_clear_range(&b, 4, 2);
	T_EXPECT_EQ(bitmap_alloc_run(&b, 2, 1), 4);
	T_EXPECT_EQ(bitmap_alloc_run(&b, 1, 1), BITMAP_NONE);
}
