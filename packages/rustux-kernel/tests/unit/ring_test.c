/* ring_test.c - unit tests of lib/ring.c: wrap-around, full and empty, unwrite */
/* SPDX-License-Identifier: MIT */
#include "lib/ring.h"
#include "t.h"

T_TEST(rejects_non_power_of_two)
{
	struct ring r;
	char buf[12];

	T_EXPECT_EQ(ring_init(&r, buf, 12), -1);
	T_EXPECT_EQ(ring_init(&r, buf, 0), -1);
	T_EXPECT_EQ(ring_init(&r, buf, 8), 0);
}

T_TEST(wraps_and_keeps_order)
{
	struct ring r;
	char buf[8], out[8];
	int round, bad = 0;

	ring_init(&r, buf, 8);
	for (round = 0; round < 100; round++) {
		char in[5];

		sprintf(in, "%04d", round);
		if (ring_write(&r, in, 5) != 5 || ring_read(&r, out, 5) != 5 || memcmp(in, out, 5))
			bad++;
	}
	T_EXPECT_EQ(bad, 0);
	T_EXPECT_EQ(ring_used(&r), 0);
}

T_TEST(full_and_empty_limits)
{
	struct ring r;
	char buf[8], out[16];

	ring_init(&r, buf, 8);
	r.head = r.tail = 0xfffffffcu;		/* counters about to wrap */
	T_EXPECT_EQ(ring_write(&r, "0123456789", 10), 8);
	T_EXPECT_EQ(ring_space(&r), 0);
	T_EXPECT_EQ(ring_write(&r, "x", 1), 0);
	T_EXPECT_EQ(ring_peek(&r, out, 3), 3);
	T_EXPECT(memcmp(out, "012", 3) == 0);
	T_EXPECT_EQ(ring_unwrite(&r, 2), 2);
	T_EXPECT_EQ(ring_read(&r, out, 16), 6);
	T_EXPECT(memcmp(out, "012345", 6) == 0);
	T_EXPECT_EQ(ring_read(&r, out, 16), 0);
	T_EXPECT_EQ(ring_unwrite(&r, 5), 0);
}
