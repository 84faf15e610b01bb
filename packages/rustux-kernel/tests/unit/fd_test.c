/* fd_test.c - unit tests of object/fd.c: lowest-free allocation, dup/dup2/dup3, CLOEXEC, fork copies */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "abi/linux/fcntl.h"
#include "kalloc_host.h"
#include "object/fd.h"
#include "t.h"

static int destroyed;

static void
count_destroy(struct object *obj)
{
	(void)obj;
	destroyed++;
}

static const struct object_ops ops = { count_destroy };

T_TEST(alloc_takes_lowest_free)
{
	struct fd_table t;
	struct object o;

	fd_table_init(&t, 0);
	object_init(&o, RX_OBJ_FILE, NULL);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 0), 0);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 0), 1);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 0), 2);
	T_EXPECT_EQ(fd_close(&t, 1), 0);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 0), 1);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 100), 100);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 3), 3);
	T_EXPECT_EQ(fd_count(&t), 5);
	T_EXPECT_EQ(o.refs, 6);
	fd_table_destroy(&t);
	T_EXPECT_EQ(o.refs, 1);
}

T_TEST(bad_descriptors_are_ebadf)
{
	struct fd_table t;
	struct object *got;

	fd_table_init(&t, 0);
	T_EXPECT_EQ(fd_close(&t, 0), -LX_EBADF);
	T_EXPECT_EQ(fd_close(&t, -1), -LX_EBADF);
	T_EXPECT_EQ(fd_close(&t, 5000), -LX_EBADF);
	T_EXPECT_EQ(fd_get(&t, 3, &got), -LX_EBADF);
	T_EXPECT_EQ(fd_dup(&t, 3), -LX_EBADF);
	T_EXPECT_EQ(fd_dup2(&t, 3, 3), -LX_EBADF);
	T_EXPECT_EQ(fd_get_flags(&t, 0), -LX_EBADF);
	fd_table_destroy(&t);
}

T_TEST(emfile_when_full)
{
	struct fd_table t;
	struct object o;
	int i, ok = 1;

	fd_table_init(&t, 8);
	object_init(&o, RX_OBJ_FILE, NULL);
	for (i = 0; i < 8; i++)
		ok &= fd_alloc(&t, &o, 0, 0) == i;
	T_EXPECT(ok);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 0), -LX_EMFILE);
	T_EXPECT_EQ(fd_dup(&t, 0), -LX_EMFILE);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 8), -LX_EINVAL);
	T_EXPECT_EQ(fd_dup2(&t, 0, 8), -LX_EBADF);
	fd_table_destroy(&t);
}

T_TEST(dup2_replaces_and_same_fd_is_a_check)
{
	struct fd_table t;
	struct object a, b, *got = NULL;

	destroyed = 0;
	fd_table_init(&t, 0);
	object_init(&a, RX_OBJ_FILE, &ops);
	object_init(&b, RX_OBJ_FILE, &ops);
	T_EXPECT_EQ(fd_alloc(&t, &a, FD_CLOEXEC_FLAG, 0), 0);
	T_EXPECT_EQ(fd_alloc(&t, &b, 0, 0), 1);
	object_unref(&b);			/* now only fd 1 holds b */
	T_EXPECT_EQ(fd_dup2(&t, 0, 0), 0);
	T_EXPECT_EQ(fd_dup2(&t, 0, 1), 1);
	T_EXPECT_EQ(destroyed, 1);		/* b went with fd 1 */
	T_EXPECT_EQ(fd_get(&t, 1, &got), 0);
	T_EXPECT(got == &a);
	object_unref(got);
	T_EXPECT_EQ(fd_get_flags(&t, 1), 0);	/* the copy has no CLOEXEC */
	T_EXPECT_EQ(fd_get_flags(&t, 0), FD_CLOEXEC_FLAG);
	T_EXPECT_EQ(fd_dup2(&t, 0, 600), 600);
	fd_table_destroy(&t);
	T_EXPECT_EQ(a.refs, 1);
}

T_TEST(dup3_flags_and_same_fd)
{
	struct fd_table t;
	struct object o;

	fd_table_init(&t, 0);
	object_init(&o, RX_OBJ_FILE, NULL);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 0), 0);
	T_EXPECT_EQ(fd_dup3(&t, 0, 0, 0), -LX_EINVAL);
	T_EXPECT_EQ(fd_dup3(&t, 0, 4, LX_O_NONBLOCK), -LX_EINVAL);
	T_EXPECT_EQ(fd_dup3(&t, 0, 4, LX_O_CLOEXEC), 4);
	T_EXPECT_EQ(fd_get_flags(&t, 4), FD_CLOEXEC_FLAG);
	T_EXPECT_EQ(fd_dup3(&t, 2, 5, 0), -LX_EBADF);
	fd_table_destroy(&t);
}

T_TEST(dupfd_cloexec_and_setfd)
{
	struct fd_table t;
	struct object o;

	fd_table_init(&t, 0);
	object_init(&o, RX_OBJ_FILE, NULL);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 0), 0);
	T_EXPECT_EQ(fd_dupfd(&t, 0, 10, FD_CLOEXEC_FLAG), 10);
	T_EXPECT_EQ(fd_get_flags(&t, 10), FD_CLOEXEC_FLAG);
	T_EXPECT_EQ(fd_set_flags(&t, 10, 0xff), 0);
	T_EXPECT_EQ(fd_get_flags(&t, 10), FD_CLOEXEC_FLAG);
	T_EXPECT_EQ(fd_set_flags(&t, 10, 0), 0);
	T_EXPECT_EQ(fd_get_flags(&t, 10), 0);
	T_EXPECT_EQ(fd_dup(&t, 10), 1);
	fd_table_destroy(&t);
}

T_TEST(close_on_exec_closes_only_marked)
{
	struct fd_table t;
	struct object o;

	fd_table_init(&t, 0);
	object_init(&o, RX_OBJ_FILE, NULL);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 0), 0);
	T_EXPECT_EQ(fd_alloc(&t, &o, FD_CLOEXEC_FLAG, 0), 1);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 0), 2);
	fd_close_on_exec(&t);
	T_EXPECT_EQ(fd_count(&t), 2);
	T_EXPECT_EQ(fd_get_flags(&t, 1), -LX_EBADF);
	fd_table_destroy(&t);
	T_EXPECT_EQ(o.refs, 1);
}

T_TEST(clone_shares_objects_for_fork)
{
	struct fd_table t, c;
	struct object o;
	long live = kalloc_live;

	fd_table_init(&t, 0);
	fd_table_init(&c, 0);
	object_init(&o, RX_OBJ_FILE, NULL);
	T_EXPECT_EQ(fd_alloc(&t, &o, FD_CLOEXEC_FLAG, 3), 3);
	T_EXPECT_EQ(fd_table_clone(&c, &t), 0);
	T_EXPECT_EQ(o.refs, 3);
	T_EXPECT_EQ(fd_get_flags(&c, 3), FD_CLOEXEC_FLAG);
	T_EXPECT_EQ(fd_close(&c, 3), 0);
	T_EXPECT_EQ(fd_get_flags(&t, 3), FD_CLOEXEC_FLAG);
	fd_table_destroy(&c);
	fd_table_destroy(&t);
	T_EXPECT_EQ(o.refs, 1);
	T_EXPECT_EQ(kalloc_live, live);
}

T_TEST(alloc_failure_is_enomem)
{
	struct fd_table t;
	struct object o;

	fd_table_init(&t, 0);
	object_init(&o, RX_OBJ_FILE, NULL);
	kalloc_fail_after = 0;
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 0), -LX_ENOMEM);
	kalloc_fail_after = -1;
	T_EXPECT_EQ(o.refs, 1);
	fd_table_destroy(&t);
}

/* RLIMIT_NOFILE lowered below open descriptors: they stay, new ones obey, fork copies all. */
T_TEST(lowered_limit_keeps_open_descriptors)
{
	struct fd_table t, c;
	struct object o;

	fd_table_init(&t, 0);
	fd_table_init(&c, 0);
	object_init(&o, RX_OBJ_FILE, NULL);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 40), 40);
	fd_table_set_max(&t, 4);
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 4), -LX_EINVAL);
	T_EXPECT_EQ(fd_dup2(&t, 40, 5), -LX_EBADF);
	T_EXPECT_EQ(fd_dup(&t, 40), 0);
	T_EXPECT_EQ(fd_table_clone(&c, &t), 0);
	T_EXPECT_EQ(fd_get_flags(&c, 40), 0);
	T_EXPECT_EQ(fd_close(&c, 40), 0);
	T_EXPECT_EQ(fd_alloc(&c, &o, 0, 0), 1);
	fd_table_set_max(&t, 0);	/* ulimit -n 0: nothing new opens */
	T_EXPECT_EQ(fd_alloc(&t, &o, 0, 0), -LX_EMFILE);
	T_EXPECT_EQ(fd_dup(&t, 40), -LX_EMFILE);
	T_EXPECT_EQ(fd_dupfd(&t, 40, 0, 0), -LX_EINVAL);
	fd_table_set_max(&t, 1 << 20);
	T_EXPECT_EQ(t.max, FD_TABLE_MAX);
	fd_table_destroy(&c);
	fd_table_destroy(&t);
	T_EXPECT_EQ(o.refs, 1);
}
