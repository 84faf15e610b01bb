/* pipe_test.c - unit tests of ipc/pipe.c: capacity, PIPE_BUF atomicity, EOF, EPIPE, wakeups */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "abi/linux/fcntl.h"
#include "abi/linux/process.h"
#include "ipc/pipe.h"
#include "kalloc_host.h"
#include "t.h"

static char big[PIPE_CAPACITY + 100];
static int wakes[3];

static void
count_wake(void *ctx, int what)
{
	(void)ctx;
	wakes[what]++;
}

T_TEST(bytes_flow_in_order)
{
	struct pipe_end *r, *w;
	char buf[16];

	T_ASSERT(pipe_create(0, &r, &w) == 0);
	T_EXPECT_EQ(r->obj.type, RX_OBJ_PIPE);
	T_EXPECT_EQ(pipe_write(w, "hello ", 6), 6);
	T_EXPECT_EQ(pipe_write(w, "world", 5), 5);
	T_EXPECT_EQ(pipe_available(r), 11);
	T_EXPECT_EQ(pipe_read(r, buf, 4), 4);
	T_EXPECT(memcmp(buf, "hell", 4) == 0);
	T_EXPECT_EQ(pipe_read(r, buf, sizeof(buf)), 7);
	T_EXPECT(memcmp(buf, "o world", 7) == 0);
	T_EXPECT_EQ(pipe_read(r, buf, sizeof(buf)), -LX_EAGAIN);	/* writer alive: wait */
	T_EXPECT_EQ(pipe_read(w, buf, 1), -LX_EBADF);
	T_EXPECT_EQ(pipe_write(r, "x", 1), -LX_EBADF);
	object_unref(&r->obj);
	object_unref(&w->obj);
}

T_TEST(capacity_is_64k_and_small_writes_are_atomic)
{
	struct pipe_end *r, *w;

	T_ASSERT(pipe_create(0, &r, &w) == 0);
	T_EXPECT_EQ(pipe_write(w, big, PIPE_CAPACITY - 100), PIPE_CAPACITY - 100);
	T_EXPECT_EQ(pipe_write(w, big, 200), -LX_EAGAIN);	/* <= PIPE_BUF: all or nothing */
	T_EXPECT_EQ(pipe_write(w, big, 100), 100);
	T_EXPECT_EQ(pipe_poll(w) & LX_POLLOUT, 0);
	T_EXPECT_EQ(pipe_read(r, big, 5000), 5000);
	T_EXPECT_EQ(pipe_poll(w) & LX_POLLOUT, LX_POLLOUT);
	T_EXPECT_EQ(pipe_write(w, big, 8000), 5000);		/* > PIPE_BUF: partial */
	T_EXPECT_EQ(pipe_write(w, big, 8000), -LX_EAGAIN);
	object_unref(&r->obj);
	object_unref(&w->obj);
}

T_TEST(eof_after_the_last_writer)
{
	struct pipe_end *r, *w;
	char buf[8];

	T_ASSERT(pipe_create(0, &r, &w) == 0);
	object_ref(&w->obj);			/* a second descriptor (dup/fork) */
	T_EXPECT_EQ(pipe_write(w, "bye", 3), 3);
	object_unref(&w->obj);
	T_EXPECT_EQ(pipe_poll(r), LX_POLLIN);
	object_unref(&w->obj);			/* the last writer */
	T_EXPECT_EQ(pipe_poll(r), LX_POLLIN | LX_POLLHUP);
	T_EXPECT_EQ(pipe_read(r, buf, sizeof(buf)), 3);	/* data first */
	T_EXPECT_EQ(pipe_read(r, buf, sizeof(buf)), 0);	/* then EOF */
	T_EXPECT_EQ(pipe_read(r, buf, sizeof(buf)), 0);
	object_unref(&r->obj);
}

T_TEST(epipe_without_readers)
{
	struct pipe_end *r, *w;

	T_ASSERT(pipe_create(0, &r, &w) == 0);
	object_unref(&r->obj);
	T_EXPECT_EQ(pipe_write(w, "x", 1), -LX_EPIPE);
	T_EXPECT_EQ(pipe_poll(w), LX_POLLERR);
	object_unref(&w->obj);
}

T_TEST(wake_hook_sees_data_space_and_hangups)
{
	struct pipe_end *r, *w;
	char c;

	wakes[1] = wakes[2] = 0;
	T_ASSERT(pipe_create(0, &r, &w) == 0);
	pipe_set_wake(r, count_wake, NULL);
	T_EXPECT_EQ(pipe_write(w, "x", 1), 1);
	T_EXPECT_EQ(wakes[PIPE_WAKE_READERS], 1);
	T_EXPECT_EQ(pipe_read(r, &c, 1), 1);
	T_EXPECT_EQ(wakes[PIPE_WAKE_WRITERS], 1);
	object_unref(&w->obj);
	T_EXPECT_EQ(wakes[PIPE_WAKE_READERS], 2);
	object_unref(&r->obj);
}

T_TEST(nothing_leaks_and_enomem_is_clean)
{
	struct pipe_end *r, *w;
	long live = kalloc_live;
	int i;

	for (i = 0; i < 3; i++) {
		kalloc_fail_after = i;
		T_EXPECT_EQ(pipe_create(0, &r, &w), -LX_ENOMEM);
		kalloc_fail_after = -1;
		T_EXPECT_EQ(kalloc_live, live);
	}
	T_ASSERT(pipe_create(LX_O_NONBLOCK, &r, &w) == 0);
	T_EXPECT_EQ(w->flags, LX_O_NONBLOCK);
	object_unref(&w->obj);
	object_unref(&r->obj);
	T_EXPECT_EQ(kalloc_live, live);
}
