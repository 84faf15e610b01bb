/* lx_errno_test.c - unit tests of linux/errno.c: every native status has a Linux errno */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "linux/lx_errno.h"
#include "t.h"

T_TEST(every_status_maps_to_a_negative_errno)
{
	int bad = 0;

#define RX_STATUS(value, name, doc) \
	bad += lx_errno(value) >= 0 || lx_errno(value) < -LX_MAX_ERRNO || \
	    (lx_errno(value) == -LX_EIO && (value) != RX_ERR_INTERNAL && (value) != RX_ERR_IO);
#include "abi/status.def"
#undef RX_STATUS
	T_EXPECT_EQ(bad, 0);
}

T_TEST(known_pairs)
{
	T_EXPECT_EQ(lx_errno(RX_OK), 0);
	T_EXPECT_EQ(lx_errno(RX_ERR_BAD_HANDLE), -LX_EBADF);
	T_EXPECT_EQ(lx_errno(RX_ERR_NO_MEMORY), -LX_ENOMEM);
	T_EXPECT_EQ(lx_errno(RX_ERR_SHOULD_WAIT), -LX_EAGAIN);
	T_EXPECT_EQ(lx_errno(RX_ERR_PEER_CLOSED), -LX_EPIPE);
	T_EXPECT_EQ(lx_errno(RX_ERR_ACCESS_DENIED), -LX_EACCES);
	T_EXPECT_EQ(lx_errno(-999), -LX_EIO);
}
