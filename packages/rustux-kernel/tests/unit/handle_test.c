/* handle_test.c - unit tests of object/object.c and object/handle.c */
/* SPDX-License-Identifier: MIT */
#include "kalloc_host.h"
#include "object/handle.h"
#include "t.h"

static int destroyed;

static void
count_destroy(struct object *obj)
{
	(void)obj;
	destroyed++;
}

static const struct object_ops test_ops = { count_destroy };

T_TEST(object_destroyed_by_last_unref)
{
	struct object o;

	destroyed = 0;
	object_init(&o, RX_OBJ_EVENT, &test_ops);
	object_ref(&o);
	object_unref(&o);
	T_EXPECT_EQ(destroyed, 0);
	object_unref(&o);
	T_EXPECT_EQ(destroyed, 1);
	object_unref(NULL);
}

T_TEST(object_koids_are_unique_and_types_named)
{
	struct object a, b;

	object_init(&a, RX_OBJ_CHANNEL, NULL);
	object_init(&b, RX_OBJ_CHANNEL, NULL);
	T_EXPECT(a.koid != b.koid);
	T_EXPECT_STR_EQ(object_type_name(RX_OBJ_CHANNEL), "CHANNEL");
	T_EXPECT_STR_EQ(object_type_name(0), "NONE");
	T_EXPECT_STR_EQ(object_type_name(9999), "UNKNOWN");
}

T_TEST(handle_alloc_get_close)
{
	struct handle_table t;
	struct object o, *got = NULL;
	rx_handle_t h;

	destroyed = 0;
	handle_table_init(&t, 0);
	object_init(&o, RX_OBJ_EVENT, &test_ops);
	T_EXPECT_EQ(handle_alloc(&t, &o, RX_RIGHT_READ | RX_RIGHT_WAIT, &h), RX_OK);
	T_EXPECT(h != RX_HANDLE_INVALID);
	T_EXPECT_EQ(o.refs, 2);
	T_EXPECT_EQ(handle_get(&t, h, RX_OBJ_EVENT, RX_RIGHT_READ, &got), RX_OK);
	T_EXPECT(got == &o);
	object_unref(got);
	T_EXPECT_EQ(handle_rights(&t, h), RX_RIGHT_READ | RX_RIGHT_WAIT);
	T_EXPECT_EQ(handle_close(&t, h), RX_OK);
	T_EXPECT_EQ(handle_close(&t, h), RX_ERR_BAD_HANDLE);
	T_EXPECT_EQ(o.refs, 1);
	object_unref(&o);
	T_EXPECT_EQ(destroyed, 1);
	handle_table_destroy(&t);
}

T_TEST(handle_get_checks_type_before_rights)
{
	struct handle_table t;
	struct object o;
	rx_handle_t h;

	handle_table_init(&t, 0);
	object_init(&o, RX_OBJ_EVENT, NULL);
	T_EXPECT_EQ(handle_alloc(&t, &o, RX_RIGHT_READ, &h), RX_OK);
	T_EXPECT_EQ(handle_get(&t, h, RX_OBJ_CHANNEL, RX_RIGHT_WRITE, NULL), RX_ERR_WRONG_TYPE);
	T_EXPECT_EQ(handle_get(&t, h, RX_OBJ_EVENT, RX_RIGHT_WRITE, NULL), RX_ERR_ACCESS_DENIED);
	T_EXPECT_EQ(handle_get(&t, h, RX_OBJ_NONE, RX_RIGHT_READ, NULL), RX_OK);
	T_EXPECT_EQ(handle_get(&t, h + 2, RX_OBJ_EVENT, 0, NULL), RX_ERR_BAD_HANDLE);
	T_EXPECT_EQ(handle_get(&t, 0, RX_OBJ_EVENT, 0, NULL), RX_ERR_BAD_HANDLE);
	T_EXPECT_EQ(handle_get(&t, h & ~1u, RX_OBJ_EVENT, 0, NULL), RX_ERR_BAD_HANDLE);
	T_EXPECT_EQ(handle_get(&t, 0xffffffffu, RX_OBJ_EVENT, 0, NULL), RX_ERR_BAD_HANDLE);
	handle_table_destroy(&t);
	T_EXPECT_EQ(o.refs, 1);
}

T_TEST(stale_handle_fails_after_slot_reuse)
{
	struct handle_table t;
	struct object a, b;
	rx_handle_t ha, hb;

	handle_table_init(&t, 0);
	object_init(&a, RX_OBJ_EVENT, NULL);
	object_init(&b, RX_OBJ_EVENT, NULL);
	T_EXPECT_EQ(handle_alloc(&t, &a, RX_RIGHT_READ, &ha), RX_OK);
	T_EXPECT_EQ(handle_close(&t, ha), RX_OK);
	T_EXPECT_EQ(handle_alloc(&t, &b, RX_RIGHT_READ, &hb), RX_OK);
	T_EXPECT(ha != hb);			/* same slot, new generation */
	T_EXPECT_EQ(handle_get(&t, ha, RX_OBJ_NONE, 0, NULL), RX_ERR_BAD_HANDLE);
	T_EXPECT_EQ(handle_close(&t, ha), RX_ERR_BAD_HANDLE);
	T_EXPECT_EQ(handle_get(&t, hb, RX_OBJ_NONE, 0, NULL), RX_OK);
	handle_table_destroy(&t);
}

T_TEST(duplicate_reduces_rights_only)
{
	struct handle_table t;
	struct object o;
	rx_handle_t h, d, nodup;

	handle_table_init(&t, 0);
	object_init(&o, RX_OBJ_VMO, NULL);
	T_EXPECT_EQ(handle_alloc(&t, &o, RX_RIGHT_DUPLICATE | RX_RIGHT_READ | RX_RIGHT_WRITE, &h),
	    RX_OK);
	T_EXPECT_EQ(handle_duplicate(&t, h, RX_RIGHT_READ, &d), RX_OK);
	T_EXPECT_EQ(handle_rights(&t, d), RX_RIGHT_READ);
	T_EXPECT_EQ(handle_get(&t, d, RX_OBJ_VMO, RX_RIGHT_WRITE, NULL), RX_ERR_ACCESS_DENIED);
	/* No DUPLICATE right on d: it cannot be duplicated, even to fewer rights. */
	T_EXPECT_EQ(handle_duplicate(&t, d, RX_RIGHT_READ, &nodup), RX_ERR_ACCESS_DENIED);
	/* Rights cannot grow. */
	T_EXPECT_EQ(handle_duplicate(&t, h, RX_RIGHT_EXECUTE, &nodup), RX_ERR_INVALID_ARGS);
	T_EXPECT_EQ(handle_duplicate(&t, h, RX_RIGHT_SAME_RIGHTS, &nodup), RX_OK);
	T_EXPECT_EQ(handle_rights(&t, nodup), handle_rights(&t, h));
	T_EXPECT_EQ(o.refs, 4);
	handle_table_destroy(&t);
	T_EXPECT_EQ(o.refs, 1);
}

T_TEST(replace_closes_old_and_keeps_it_on_failure)
{
	struct handle_table t;
	struct object o;
	rx_handle_t h, r, junk;

	handle_table_init(&t, 0);
	object_init(&o, RX_OBJ_VMO, NULL);
	T_EXPECT_EQ(handle_alloc(&t, &o, RX_RIGHT_READ | RX_RIGHT_WRITE, &h), RX_OK);
	T_EXPECT_EQ(handle_replace(&t, h, RX_RIGHT_EXECUTE, &junk), RX_ERR_INVALID_ARGS);
	T_EXPECT_EQ(handle_rights(&t, h), RX_RIGHT_READ | RX_RIGHT_WRITE);
	T_EXPECT_EQ(handle_replace(&t, h, RX_RIGHT_READ, &r), RX_OK);
	T_EXPECT_EQ(handle_get(&t, h, RX_OBJ_NONE, 0, NULL), RX_ERR_BAD_HANDLE);
	T_EXPECT_EQ(handle_rights(&t, r), RX_RIGHT_READ);
	T_EXPECT_EQ(t.count, 1);
	T_EXPECT_EQ(o.refs, 2);
	handle_table_destroy(&t);
}

T_TEST(take_needs_transfer_and_moves_the_reference)
{
	struct handle_table t;
	struct object o, *obj = NULL;
	rx_handle_t h, n;
	rx_rights_t rights = 0;

	handle_table_init(&t, 0);
	object_init(&o, RX_OBJ_CHANNEL, NULL);
	T_EXPECT_EQ(handle_alloc(&t, &o, RX_RIGHT_READ, &n), RX_OK);
	T_EXPECT_EQ(handle_take(&t, n, &obj, &rights), RX_ERR_ACCESS_DENIED);
	T_EXPECT_EQ(handle_alloc(&t, &o, RX_RIGHT_READ | RX_RIGHT_TRANSFER, &h), RX_OK);
	T_EXPECT_EQ(handle_take(&t, h, &obj, &rights), RX_OK);
	T_EXPECT(obj == &o);
	T_EXPECT_EQ(rights, RX_RIGHT_READ | RX_RIGHT_TRANSFER);
	T_EXPECT_EQ(o.refs, 3);		/* ours, n's, and the taken one */
	object_unref(obj);
	handle_table_destroy(&t);
	T_EXPECT_EQ(o.refs, 1);
}

T_TEST(table_limit_and_growth)
{
	struct handle_table t;
	struct object o;
	rx_handle_t h[40], x;
	int i, ok = 1;

	handle_table_init(&t, 40);
	object_init(&o, RX_OBJ_EVENT, NULL);
	for (i = 0; i < 40; i++)
		ok &= handle_alloc(&t, &o, RX_RIGHT_READ, &h[i]) == RX_OK;
	T_EXPECT(ok);
	T_EXPECT_EQ(handle_alloc(&t, &o, RX_RIGHT_READ, &x), RX_ERR_NO_RESOURCES);
	for (i = 0; i < 40; i++)
		ok &= handle_get(&t, h[i], RX_OBJ_EVENT, RX_RIGHT_READ, NULL) == RX_OK;
	T_EXPECT(ok);
	T_EXPECT_EQ(handle_close(&t, h[17]), RX_OK);
	T_EXPECT_EQ(handle_alloc(&t, &o, RX_RIGHT_READ, &x), RX_OK);
	T_EXPECT_EQ(o.refs, 41);
	handle_table_destroy(&t);
	T_EXPECT_EQ(o.refs, 1);
}

T_TEST(alloc_reports_no_memory)
{
	struct handle_table t;
	struct object o;
	rx_handle_t h;
	long live = kalloc_live;

	handle_table_init(&t, 0);
	object_init(&o, RX_OBJ_EVENT, NULL);
	kalloc_fail_after = 0;
	T_EXPECT_EQ(handle_alloc(&t, &o, RX_RIGHT_READ, &h), RX_ERR_NO_MEMORY);
	kalloc_fail_after = -1;
	T_EXPECT_EQ(o.refs, 1);
	handle_table_destroy(&t);
	T_EXPECT_EQ(kalloc_live, live);
}
