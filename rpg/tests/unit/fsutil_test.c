/* fsutil_test.c - rpg: unit tests of the openat helpers that never leave the root */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "t.h"

static int
scratch(const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", T_TMPDIR(), name);
	mkdir(path, 0755);
	return open(path, O_RDONLY | O_DIRECTORY);
}

T_TEST(opendir_creates_and_refuses_links)
{
	struct rpg_ctx ctx = T_CTX();
	int root = scratch("fs1"), fd = -1;

	T_ASSERT(root >= 0);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "a/b/c", RPG_FS_CREATE, 0755, &fd), 0);
	close(fd);
	T_EXPECT_EQ(symlinkat("/etc", root, "a/evil"), 0);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "a/evil", 0, 0, &fd), RPG_E_UNSAFE);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "symbolic link");
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "a/evil/x", RPG_FS_CREATE, 0755, &fd), RPG_E_UNSAFE);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "a/../..", 0, 0, &fd), RPG_E_UNSAFE);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "nope", 0, 0, &fd), -ENOENT);
	close(root);
}

T_TEST(opendir_follows_relative_links_inside)
{
	struct rpg_ctx ctx = T_CTX();
	struct stat a, b;
	int root = scratch("fs4"), fd = -1, fd2 = -1;

	T_ASSERT(root >= 0);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "usr/lib/x", RPG_FS_CREATE, 0755, &fd), 0);
	close(fd);
	/* merged-usr: lib -> usr/lib, and a chain through a nested relative link */
	T_EXPECT_EQ(symlinkat("usr/lib", root, "lib"), 0);
	T_EXPECT_EQ(symlinkat("../usr/./lib", root, "usr/lib64"), 0);
	T_EXPECT_EQ(symlinkat("lib64", root, "usr/l"), 0);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "lib/x", 0, 0, &fd), 0);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "usr/l/x", 0, 0, &fd2), 0);
	T_EXPECT_EQ(fstat(fd, &a), 0);
	T_EXPECT_EQ(fstat(fd2, &b), 0);
	T_EXPECT(a.st_ino == b.st_ino);
	close(fd);
	close(fd2);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "lib/new", RPG_FS_CREATE, 0755, &fd), 0);
	close(fd);
	T_EXPECT_EQ(faccessat(root, "usr/lib/new", F_OK, 0), 0);
	/* out of the tree, absolute, or a loop: refused */
	T_EXPECT_EQ(symlinkat("../..", root, "usr/up"), 0);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "usr/up/x", 0, 0, &fd), RPG_E_UNSAFE);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "out of the root");
	T_EXPECT_EQ(symlinkat("/usr/lib", root, "abs"), 0);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "abs", 0, 0, &fd), RPG_E_UNSAFE);
	T_EXPECT_EQ(symlinkat("loop", root, "loop"), 0);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "loop/x", 0, 0, &fd), RPG_E_UNSAFE);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "too many");
	close(root);
}

T_TEST(openparent_gives_the_last_component)
{
	struct rpg_ctx ctx = T_CTX();
	const char *base = NULL;
	int root = scratch("fs2"), fd = -1;

	T_ASSERT(root >= 0);
	T_EXPECT_EQ(rpg_fs_openparent(&ctx, root, "x/y/file", RPG_FS_CREATE, &fd, &base), 0);
	T_EXPECT_STR_EQ(base, "file");
	close(fd);
	T_EXPECT_EQ(rpg_fs_openparent(&ctx, root, "x/..", 0, &fd, &base), RPG_E_UNSAFE);
	close(root);
}

T_TEST(write_atomic_then_read)
{
	struct rpg_ctx ctx = T_CTX();
	char *buf = NULL;
	size_t len = 0;
	int root = scratch("fs3");

	T_ASSERT(root >= 0);
	T_EXPECT_EQ(rpg_fs_write_atomic(&ctx, root, "f", "hello", 5, 0600), 0);
	T_EXPECT_EQ(rpg_fs_write_atomic(&ctx, root, "f", "bye", 3, 0600), 0);
	T_EXPECT_EQ(rpg_fs_read(&ctx, root, "f", 100, &buf, &len), 0);
	T_EXPECT_STR_EQ(buf, "bye");
	T_EXPECT_EQ(len, 3);
	free(buf);
	T_EXPECT_EQ(faccessat(root, "f.tmp", F_OK, 0), -1);
	T_EXPECT_EQ(rpg_fs_read(&ctx, root, "f", 2, &buf, &len), RPG_E_FORMAT);
	T_EXPECT_EQ(rpg_fs_read(&ctx, root, "missing", 2, &buf, &len), -ENOENT);
	close(root);
}

T_TEST(rmtree_does_not_follow_links)
{
	struct rpg_ctx ctx = T_CTX();
	int root = scratch("fs4"), fd = -1;

	T_ASSERT(root >= 0);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "keep", RPG_FS_CREATE, 0755, &fd), 0);
	close(fd);
	T_EXPECT_EQ(rpg_fs_write_atomic(&ctx, root, "keep/precious", "x", 1, 0644), 0);
	T_EXPECT_EQ(rpg_fs_opendir(&ctx, root, "gone/sub", RPG_FS_CREATE, 0755, &fd), 0);
	close(fd);
	T_EXPECT_EQ(symlinkat("../../keep", root, "gone/sub/link"), 0);
	T_EXPECT_EQ(rpg_fs_rmtree(&ctx, root, "gone"), 0);
	T_EXPECT_EQ(faccessat(root, "gone", F_OK, AT_SYMLINK_NOFOLLOW), -1);
	T_EXPECT_EQ(faccessat(root, "keep/precious", F_OK, 0), 0);
	T_EXPECT_EQ(rpg_fs_rmtree(&ctx, root, "gone"), 0);
	close(root);
}

T_TEST(link_inside_is_lexical)
{
	T_EXPECT(rpg_fs_link_inside("usr/bin/hi", "hello"));
	T_EXPECT(rpg_fs_link_inside("usr/bin/hi", "../lib/x"));
	T_EXPECT(rpg_fs_link_inside("usr/bin/hi", "../../etc/passwd"));
	T_EXPECT(!rpg_fs_link_inside("usr/bin/hi", "../../../etc/passwd"));
	T_EXPECT(!rpg_fs_link_inside("top", ".."));
	T_EXPECT(rpg_fs_link_inside("a/b", "./c/../d"));
	T_EXPECT(!rpg_fs_link_inside("a/b", "c/../../../x"));
	T_EXPECT(rpg_fs_link_inside("bin/sh", "/usr/bin/busybox"));
}

T_TEST(dirname_of_paths)
{
	char b[64];

	rpg_fs_dirname("a/b/c", b, sizeof(b));
	T_EXPECT_STR_EQ(b, "a/b");
	rpg_fs_dirname("top", b, sizeof(b));
	T_EXPECT_STR_EQ(b, "");
}
