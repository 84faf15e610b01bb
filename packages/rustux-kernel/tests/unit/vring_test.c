/* vring_test.c - unit tests: drivers/virtio_ring.h, the split virtqueue arithmetic */
/* SPDX-License-Identifier: MIT */
#include "drivers/virtio_ring.h"
#include "t.h"

T_TEST(layout_256)
{
	T_EXPECT_EQ(vring_avail_off(256), 4096);
	T_EXPECT_EQ(vring_used_off(256), 8192);
	T_EXPECT_EQ(vring_bytes(256), 12288);
}

T_TEST(layout_128)
{
	T_EXPECT_EQ(vring_used_off(128), 4096);
	T_EXPECT_EQ(vring_bytes(128), 8192);
}

T_TEST(layout_small_queue)
{
	/* virtio 0.9.5: used ring aligned to 4096 even for tiny queues. */
	T_EXPECT_EQ(vring_used_off(8), 4096);
	T_EXPECT_EQ(vring_bytes(8), 8192);
}

T_TEST(descriptor_is_16_bytes)
{
	T_EXPECT_EQ(sizeof(struct vring_desc), 16);
	T_EXPECT_EQ(sizeof(struct vring_used_elem), 8);
}

T_TEST(pending_wraps)
{
	T_EXPECT_EQ(vring_pending(5, 5), 0);
	T_EXPECT_EQ(vring_pending(5, 7), 2);
	T_EXPECT_EQ(vring_pending(65535, 1), 2);
}

T_TEST(slot_wraps)
{
	T_EXPECT_EQ(vring_slot(255, 256), 255);
	T_EXPECT_EQ(vring_slot(256, 256), 0);
	T_EXPECT_EQ(vring_slot(65535, 128), 127);
}
