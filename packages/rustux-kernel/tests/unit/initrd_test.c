/* initrd_test.c - unit tests of fs/initrd.c: a cpio archive becomes a tree */
/* SPDX-License-Identifier: MIT */
#include "cpio_build.h"
#include "fs/initrd.h"
#include "kalloc_host.h"
#include "t.h"
#include "vfs_fixture.h"

static struct cpio_buf b;

T_TEST(unpacks_dirs_files_symlinks_and_modes)
{
	struct initrd_stats st;
	struct vnode *vn;

	fx_setup();
	b.len = 0;
	cb_add(&b, ".", 040755, 1, 2, "", 0);
	cb_add(&b, "./etc", 040755, 2, 2, "", 0);
	cb_add(&b, "./etc/hostname", 0100644, 3, 1, "rustica\n", 8);
	cb_add(&b, "usr/bin/tool", 0100755, 4, 1, "ELF", 3);	/* parents made */
	cb_add(&b, "bin", 0120777, 5, 1, "usr/bin", 7);
	cb_add(&b, "dev/console", 020600, 6, 1, "", 0);		/* skipped */
	cb_trailer(&b);
	T_EXPECT_EQ(initrd_unpack(&fx, b.data, b.len, &st), 0);
	T_EXPECT_EQ(st.files, 2);
	T_EXPECT_EQ(st.symlinks, 1);
	T_EXPECT_EQ(st.dirs, 1);
	T_EXPECT_EQ(st.skipped, 1);
	T_EXPECT_EQ(st.bytes, 11);
	T_EXPECT_STR_EQ(fx_read("/etc/hostname"), "rustica\n");
	T_EXPECT_STR_EQ(fx_read("/bin/tool"), "ELF");
	T_ASSERT(vfs_lookup(&fx, NULL, "/usr/bin/tool", 0, &vn) == 0);
	T_EXPECT_EQ(vn->mode, LX_S_IFREG | 0755);
	T_EXPECT_EQ(vn->mtime, 1700000000ll * 1000000000);
	vnode_unref(vn);
}

T_TEST(hard_links_share_an_inode_either_convention)
{
	struct initrd_stats st;
	struct vnode *a, *c;

	fx_setup();
	b.len = 0;
	cb_add(&b, "a", 0100644, 7, 2, "", 0);		/* GNU: data on the last link */
	cb_add(&b, "b", 0100644, 7, 2, "shared", 6);
	cb_add(&b, "c", 0100644, 8, 2, "first", 5);	/* libarchive style: data first */
	cb_add(&b, "d", 0100644, 8, 2, "", 0);
	cb_trailer(&b);
	T_EXPECT_EQ(initrd_unpack(&fx, b.data, b.len, &st), 0);
	T_EXPECT_EQ(st.links, 2);
	T_EXPECT_STR_EQ(fx_read("/a"), "shared");
	T_EXPECT_STR_EQ(fx_read("/d"), "first");
	T_ASSERT(vfs_lookup(&fx, NULL, "/a", 0, &a) == 0);
	T_ASSERT(vfs_lookup(&fx, NULL, "/c", 0, &c) == 0);
	T_EXPECT_EQ(a->nlink, 2);
	T_EXPECT_EQ(c->nlink, 2);
	vnode_unref(a);
	vnode_unref(c);
}

T_TEST(dotdot_and_malformed_archives_are_refused)
{
	struct initrd_stats st;

	fx_setup();
	b.len = 0;
	cb_add(&b, "ok", 0100644, 1, 1, "", 0);
	cb_add(&b, "a/../../escape", 0100644, 2, 1, "x", 1);
	cb_trailer(&b);
	T_EXPECT_EQ(initrd_unpack(&fx, b.data, b.len, &st), -LX_EINVAL);
	T_EXPECT_STR_EQ(st.err_name, "a/../../escape");
	T_EXPECT_EQ(fx_lookup("/escape"), -LX_ENOENT);
	b.len = 0;
	cb_add(&b, "f", 0100644, 1, 1, "", 0);
	T_EXPECT_EQ(initrd_unpack(&fx, b.data, b.len, &st), -LX_EINVAL);
	T_EXPECT_STR_EQ(st.err_name, "archive ends without TRAILER!!!");
	T_EXPECT_EQ(st.err_offset, 112);	/* right after the one entry */
}

T_TEST(conflicting_entries_report_the_path)
{
	struct initrd_stats st;

	fx_setup();
	b.len = 0;
	cb_add(&b, "x", 0100644, 1, 1, "file", 4);
	cb_add(&b, "x/y", 0100644, 2, 1, "", 0);
	cb_trailer(&b);
	T_EXPECT_EQ(initrd_unpack(&fx, b.data, b.len, &st), -LX_ENOTDIR);
	T_EXPECT_STR_EQ(st.err_name, "x/y");
}

T_TEST(unpack_frees_its_scratch)
{
	struct initrd_stats st;
	long live;

	fx_setup();
	b.len = 0;
	cb_add(&b, "a", 0100644, 7, 2, "data", 4);
	cb_add(&b, "b", 0100644, 7, 2, "", 0);
	cb_trailer(&b);
	live = kalloc_live;
	T_EXPECT_EQ(initrd_unpack(&fx, b.data, b.len, &st), 0);
	/* Two entries, one node, one data page, one page array remain. */
	T_EXPECT_EQ(kalloc_live - live, 5);
}
