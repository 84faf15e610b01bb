/* vfs_test.c - unit tests of fs/vfs.c and fs/ramfs.c: walking, symlinks, links, rename, errors */
/* SPDX-License-Identifier: MIT */
#include "kalloc_host.h"
#include "t.h"
#include "vfs_fixture.h"

T_TEST(mkdir_create_and_read_back)
{
	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/etc", 0777), 0);
	T_EXPECT_EQ(fx_write("/etc/hostname", "rustica\n"), 0);
	T_EXPECT_STR_EQ(fx_read("/etc/hostname"), "rustica\n");
	T_EXPECT_STR_EQ(fx_read("etc//hostname"), "rustica\n");
	T_EXPECT_STR_EQ(fx_read("/./etc/../etc/./hostname"), "rustica\n");
	T_EXPECT_STR_EQ(fx_read("/../../etc/hostname"), "rustica\n");	/* .. stops at / */
}

T_TEST(mkdir_applies_umask_and_counts_links)
{
	struct vnode *vn;
	struct lx_stat st;

	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d", 0777), 0);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d/e", 0777), 0);
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/d", 0, &vn), 0);
	vfs_stat(vn, &st);
	T_EXPECT_EQ(st.st_mode, LX_S_IFDIR | 0755);
	T_EXPECT_EQ(st.st_nlink, 3);
	T_EXPECT_EQ(st.st_dev, fx_fs->dev);
	vnode_unref(vn);
	T_EXPECT_EQ(fx_fs->root->nlink, 3);
}

T_TEST(lookup_errors_follow_linux)
{
	char longname[300], longpath[4200];

	fx_setup();
	T_EXPECT_EQ(fx_write("/f", "x"), 0);
	T_EXPECT_EQ(fx_lookup(""), -LX_ENOENT);
	T_EXPECT_EQ(fx_lookup("/missing"), -LX_ENOENT);
	T_EXPECT_EQ(fx_lookup("/missing/x"), -LX_ENOENT);
	T_EXPECT_EQ(fx_lookup("/f/x"), -LX_ENOTDIR);
	T_EXPECT_EQ(fx_lookup("/f/"), -LX_ENOTDIR);
	T_EXPECT_EQ(fx_lookup("/f/."), -LX_ENOTDIR);
	memset(longname, 'a', 256);
	longname[256] = '\0';
	T_EXPECT_EQ(fx_lookup(longname), -LX_ENAMETOOLONG);
	longname[255] = '\0';
	T_EXPECT_EQ(fx_lookup(longname), -LX_ENOENT);
	memset(longpath, '/', 4100);
	longpath[4100] = '\0';
	T_EXPECT_EQ(fx_lookup(longpath), -LX_ENAMETOOLONG);
	longpath[4095] = '\0';
	T_EXPECT_EQ(fx_lookup(longpath), 0);
}

T_TEST(exclusive_create_and_open_flags)
{
	struct vnode *vn;

	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d", 0755), 0);
	T_EXPECT_EQ(fx_write("/f", "hello"), 0);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/f", LX_O_CREAT | LX_O_EXCL | LX_O_WRONLY, 0644, &vn),
	    -LX_EEXIST);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/f", LX_O_DIRECTORY, 0, &vn), -LX_ENOTDIR);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/d", LX_O_WRONLY, 0, &vn), -LX_EISDIR);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/d", LX_O_CREAT | LX_O_WRONLY, 0644, &vn), -LX_EISDIR);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/new/", LX_O_CREAT | LX_O_WRONLY, 0644, &vn),
	    -LX_EISDIR);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/nodir/f", LX_O_CREAT | LX_O_WRONLY, 0644, &vn),
	    -LX_ENOENT);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/d", LX_O_RDONLY | LX_O_DIRECTORY, 0, &vn), 0);
	vnode_unref(vn);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/f", LX_O_WRONLY | LX_O_TRUNC, 0, &vn), 0);
	T_EXPECT_EQ(vn->size, 0);
	vnode_unref(vn);
}

T_TEST(symlinks_relative_absolute_and_final)
{
	char buf[64];
	struct vnode *vn;

	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/usr", 0755), 0);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/usr/bin", 0755), 0);
	T_EXPECT_EQ(fx_write("/usr/bin/sh", "#!sh"), 0);
	T_EXPECT_EQ(vfs_symlink(&fx, "usr/bin", NULL, "/bin"), 0);
	T_EXPECT_EQ(vfs_symlink(&fx, "/usr/bin/sh", NULL, "/usr/bin/ash"), 0);
	T_EXPECT_EQ(vfs_symlink(&fx, "../bin/sh", NULL, "/usr/bin/rel"), 0);
	T_EXPECT_STR_EQ(fx_read("/bin/sh"), "#!sh");
	T_EXPECT_STR_EQ(fx_read("/bin/ash"), "#!sh");
	T_EXPECT_STR_EQ(fx_read("/bin/rel"), "#!sh");	/* ../ from /usr/bin, not from / */
	T_EXPECT_EQ(vfs_readlink(&fx, NULL, "/bin", buf, sizeof(buf)), 7);
	T_EXPECT(memcmp(buf, "usr/bin", 7) == 0);
	T_EXPECT_EQ(vfs_readlink(&fx, NULL, "/bin/", buf, sizeof(buf)), -LX_EINVAL);
	T_EXPECT_EQ(vfs_readlink(&fx, NULL, "/usr", buf, sizeof(buf)), -LX_EINVAL);
	T_EXPECT_EQ(vfs_readlink(&fx, NULL, "/bin", buf, 3), 3);
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/bin", 0, &vn), 0);
	T_EXPECT(VFS_ISLNK(vn));
	vnode_unref(vn);
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/bin/", 0, &vn), 0);	/* a slash follows */
	T_EXPECT(VFS_ISDIR(vn));
	vnode_unref(vn);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/bin/ash", LX_O_RDONLY | LX_O_NOFOLLOW, 0, &vn),
	    -LX_ELOOP);
	T_EXPECT_EQ(vfs_symlink(&fx, "", NULL, "/empty"), -LX_ENOENT);
	T_EXPECT_EQ(vfs_symlink(&fx, "x", NULL, "/bin"), -LX_EEXIST);
}

T_TEST(ocreat_through_a_symlink_creates_its_target)
{
	struct vnode *vn;

	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d", 0755), 0);
	T_EXPECT_EQ(vfs_symlink(&fx, "target", NULL, "/d/link"), 0);
	T_EXPECT_EQ(vfs_symlink(&fx, "/d/link", NULL, "/abs"), 0);
	T_EXPECT_EQ(fx_write("/abs", "via two links"), 0);
	T_EXPECT_STR_EQ(fx_read("/d/target"), "via two links");	/* relative to /d */
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/abs", LX_O_CREAT | LX_O_EXCL | LX_O_WRONLY, 0644, &vn),
	    -LX_EEXIST);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/abs", LX_O_CREAT | LX_O_NOFOLLOW | LX_O_WRONLY, 0644,
	    &vn), -LX_ELOOP);
	T_EXPECT_EQ(vfs_symlink(&fx, "loop", NULL, "/loop"), 0);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/loop", LX_O_CREAT | LX_O_WRONLY, 0644, &vn), -LX_ELOOP);
	T_EXPECT_EQ(vfs_symlink(&fx, "/nodir/x", NULL, "/bad"), 0);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/bad", LX_O_CREAT | LX_O_WRONLY, 0644, &vn), -LX_ENOENT);
}

T_TEST(symlink_loops_are_eloop)
{
	fx_setup();
	T_EXPECT_EQ(vfs_symlink(&fx, "b", NULL, "/a"), 0);
	T_EXPECT_EQ(vfs_symlink(&fx, "a", NULL, "/b"), 0);
	T_EXPECT_EQ(vfs_symlink(&fx, "self/x", NULL, "/self"), 0);
	T_EXPECT_EQ(vfs_symlink(&fx, "nowhere", NULL, "/dangling"), 0);
	T_EXPECT_EQ(fx_lookup("/a"), -LX_ELOOP);
	T_EXPECT_EQ(fx_lookup("/self"), -LX_ELOOP);
	T_EXPECT_EQ(fx_lookup("/dangling"), -LX_ENOENT);
}

T_TEST(symlink_chain_of_forty_resolves_and_41_loops)
{
	char name[16], target[16];
	int i;

	fx_setup();
	T_EXPECT_EQ(fx_write("/l0", "end"), 0);
	for (i = 1; i <= 41; i++) {
		snprintf(name, sizeof(name), "/l%d", i);
		snprintf(target, sizeof(target), "l%d", i - 1);
		T_EXPECT_EQ(vfs_symlink(&fx, target, NULL, name), 0);
	}
	T_EXPECT_STR_EQ(fx_read("/l40"), "end");
	T_EXPECT_EQ(fx_lookup("/l41"), -LX_ELOOP);
}

T_TEST(at_lookups_and_chdir)
{
	struct vnode *dir, *vn;
	char buf[64];

	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/a", 0755), 0);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/a/b", 0755), 0);
	T_EXPECT_EQ(fx_write("/a/b/f", "deep"), 0);
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/a", VFS_DIRECTORY, &dir), 0);
	T_EXPECT_EQ(vfs_lookup(&fx, dir, "b/f", 0, &vn), 0);
	T_EXPECT_EQ(vn->size, 4);
	vnode_unref(vn);
	T_EXPECT_EQ(vfs_lookup(&fx, dir, "/a/b", 0, &vn), 0);	/* absolute ignores at */
	vnode_unref(vn);
	vnode_unref(dir);
	T_EXPECT_EQ(vfs_chdir(&fx, NULL, "/a/b"), 0);
	T_EXPECT_STR_EQ(fx_read("f"), "deep");
	T_EXPECT_STR_EQ(fx_read("../b/./f"), "deep");
	T_EXPECT_EQ(vfs_getcwd(&fx, buf, sizeof(buf)), 5);
	T_EXPECT_STR_EQ(buf, "/a/b");
	T_EXPECT_EQ(vfs_getcwd(&fx, buf, 4), -LX_ERANGE);
	T_EXPECT_EQ(vfs_chdir(&fx, NULL, "f"), -LX_ENOTDIR);
	T_EXPECT_EQ(vfs_chdir(&fx, NULL, "/"), 0);
	T_EXPECT_EQ(vfs_getcwd(&fx, buf, sizeof(buf)), 2);
	T_EXPECT_STR_EQ(buf, "/");
}

T_TEST(unlink_and_rmdir_rules)
{
	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d", 0755), 0);
	T_EXPECT_EQ(fx_write("/d/f", "x"), 0);
	T_EXPECT_EQ(vfs_rmdir(&fx, NULL, "/d"), -LX_ENOTEMPTY);
	T_EXPECT_EQ(vfs_unlink(&fx, NULL, "/d"), -LX_EISDIR);
	T_EXPECT_EQ(vfs_rmdir(&fx, NULL, "/d/f"), -LX_ENOTDIR);
	T_EXPECT_EQ(vfs_unlink(&fx, NULL, "/d/f/"), -LX_ENOTDIR);
	T_EXPECT_EQ(vfs_rmdir(&fx, NULL, "/d/."), -LX_EINVAL);
	T_EXPECT_EQ(vfs_rmdir(&fx, NULL, "/d/.."), -LX_ENOTEMPTY);
	T_EXPECT_EQ(vfs_rmdir(&fx, NULL, "/"), -LX_EBUSY);
	T_EXPECT_EQ(vfs_unlink(&fx, NULL, "/d/missing"), -LX_ENOENT);
	T_EXPECT_EQ(vfs_unlink(&fx, NULL, "/d/f"), 0);
	T_EXPECT_EQ(vfs_rmdir(&fx, NULL, "/d/"), 0);
	T_EXPECT_EQ(fx_lookup("/d"), -LX_ENOENT);
	T_EXPECT_EQ(fx_fs->root->nlink, 2);
}

T_TEST(mkdir_and_mknod_errors)
{
	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/", 0755), -LX_EEXIST);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d", 0755), 0);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d/", 0755), -LX_EEXIST);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d/.", 0755), -LX_EEXIST);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/x/y", 0755), -LX_ENOENT);
	T_EXPECT_EQ(vfs_symlink(&fx, "nowhere", NULL, "/dl"), 0);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/dl", 0755), -LX_EEXIST);
	T_EXPECT_EQ(vfs_mknod(&fx, NULL, "/dev", LX_S_IFSOCK | 0600, 0), -LX_EINVAL);
	T_EXPECT_EQ(vfs_mknod(&fx, NULL, "/null", LX_S_IFCHR | 0666, 0x103), 0);
}

T_TEST(unlinked_open_file_stays_readable)
{
	struct vnode *vn;
	char buf[8];
	long live = kalloc_live;

	fx_setup();
	live = kalloc_live;
	T_EXPECT_EQ(fx_write("/tmpfile", "still"), 0);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/tmpfile", LX_O_RDONLY, 0, &vn), 0);
	T_EXPECT_EQ(vfs_unlink(&fx, NULL, "/tmpfile"), 0);
	T_EXPECT_EQ(fx_lookup("/tmpfile"), -LX_ENOENT);
	T_EXPECT_EQ(vn->nlink, 0);
	T_EXPECT_EQ(vn->ops->read(vn, buf, sizeof(buf), 0), 5);
	T_EXPECT(memcmp(buf, "still", 5) == 0);
	vnode_unref(vn);			/* the last user frees it */
	T_EXPECT_EQ(kalloc_live, live);
}

T_TEST(hard_links_share_data)
{
	struct vnode *vn;

	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d", 0755), 0);
	T_EXPECT_EQ(fx_write("/a", "one"), 0);
	T_EXPECT_EQ(vfs_link(&fx, NULL, "/a", NULL, "/b", 0), 0);
	T_EXPECT_EQ(vfs_link(&fx, NULL, "/a", NULL, "/b", 0), -LX_EEXIST);
	T_EXPECT_EQ(vfs_link(&fx, NULL, "/d", NULL, "/e", 0), -LX_EPERM);
	T_EXPECT_EQ(vfs_link(&fx, NULL, "/zz", NULL, "/e", 0), -LX_ENOENT);
	T_EXPECT_EQ(fx_write("/b", "two"), 0);
	T_EXPECT_STR_EQ(fx_read("/a"), "two");
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/a", 0, &vn), 0);
	T_EXPECT_EQ(vn->nlink, 2);
	T_EXPECT_EQ(vfs_unlink(&fx, NULL, "/a"), 0);
	T_EXPECT_EQ(vn->nlink, 1);
	vnode_unref(vn);
	T_EXPECT_STR_EQ(fx_read("/b"), "two");
}

T_TEST(rename_files_and_replace)
{
	fx_setup();
	T_EXPECT_EQ(fx_write("/a", "A"), 0);
	T_EXPECT_EQ(fx_write("/b", "B"), 0);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/a", NULL, "/b", LX_RENAME_NOREPLACE), -LX_EEXIST);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/a", NULL, "/b", 0), 0);
	T_EXPECT_EQ(fx_lookup("/a"), -LX_ENOENT);
	T_EXPECT_STR_EQ(fx_read("/b"), "A");
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/b", NULL, "/b", 0), 0);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/missing", NULL, "/c", 0), -LX_ENOENT);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/b", NULL, "/nodir/c", 0), -LX_ENOENT);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/b", NULL, "/c", 7), -LX_EINVAL);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/b", NULL, "/c/", 0), -LX_ENOTDIR);
	T_EXPECT_EQ(vfs_link(&fx, NULL, "/b", NULL, "/b2", 0), 0);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/b", NULL, "/b2", 0), 0);	/* same inode: no-op */
	T_EXPECT_STR_EQ(fx_read("/b"), "A");
}

T_TEST(rename_directory_rules)
{
	struct vnode *vn;

	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/a", 0755), 0);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/a/sub", 0755), 0);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/empty", 0755), 0);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/full", 0755), 0);
	T_EXPECT_EQ(fx_write("/full/x", "x"), 0);
	T_EXPECT_EQ(fx_write("/file", "f"), 0);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/a", NULL, "/file", 0), -LX_ENOTDIR);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/file", NULL, "/a", 0), -LX_EISDIR);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/a", NULL, "/full", 0), -LX_ENOTEMPTY);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/a", NULL, "/a/sub/in", 0), -LX_EINVAL);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/a", NULL, "/a/in", 0), -LX_EINVAL);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/a/.", NULL, "/z", 0), -LX_EBUSY);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/", NULL, "/z", 0), -LX_EBUSY);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/a", NULL, "/empty", 0), 0);
	T_EXPECT_EQ(fx_lookup("/a"), -LX_ENOENT);
	T_EXPECT_EQ(fx_lookup("/empty/sub"), 0);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/empty/sub", NULL, "/full/sub", 0), 0);
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/full/sub/..", 0, &vn), 0);	/* parent moved */
	T_EXPECT_EQ(vn->nlink, 3);
	vnode_unref(vn);
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/empty", 0, &vn), 0);
	T_EXPECT_EQ(vn->nlink, 2);
	vnode_unref(vn);
	T_EXPECT_EQ(fx_fs->root->nlink, 4);	/* ".", "..", empty, full */
}

T_TEST(mounts_are_crossed_both_ways)
{
	struct vfs_fs *dev;
	struct vnode *mp, *vn;
	char buf[64];

	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/dev", 0755), 0);
	T_EXPECT_EQ(ramfs_create("devfs", &dev), 0);
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/dev", 0, &mp), 0);
	T_EXPECT_EQ(vfs_mount(mp, dev), 0);
	T_EXPECT_EQ(vfs_mount(mp, dev), -LX_EBUSY);
	vnode_unref(mp);
	T_EXPECT_EQ(fx_write("/dev/x", "on devfs"), 0);
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/dev/x", 0, &vn), 0);
	T_EXPECT(vn->fs == dev);
	vnode_unref(vn);
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/dev/..", 0, &vn), 0);
	T_EXPECT(vn == fx.root);
	vnode_unref(vn);
	T_EXPECT_EQ(vfs_rmdir(&fx, NULL, "/dev"), -LX_EBUSY);
	T_EXPECT_EQ(vfs_rename(&fx, NULL, "/dev/x", NULL, "/x", 0), -LX_EXDEV);
	T_EXPECT_EQ(vfs_link(&fx, NULL, "/dev/x", NULL, "/x", 0), -LX_EXDEV);
	T_EXPECT_EQ(vfs_chdir(&fx, NULL, "/dev"), 0);
	T_EXPECT_EQ(vfs_getcwd(&fx, buf, sizeof(buf)), 5);
	T_EXPECT_STR_EQ(buf, "/dev");
	T_EXPECT_EQ(vfs_chdir(&fx, NULL, "/"), 0);
	ramfs_destroy(dev);	/* no unmount yet: the test's teardown */
}

T_TEST(getdents64_lists_dot_dotdot_and_entries)
{
	char buf[512];
	struct vnode *dir;
	struct lx_dirent64 *d;
	uint64_t cookie = 0;
	long n, off;
	int count = 0, saw_b = 0;

	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d", 0755), 0);
	T_EXPECT_EQ(fx_write("/d/a", "1"), 0);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d/b", 0755), 0);
	T_EXPECT_EQ(vfs_symlink(&fx, "a", NULL, "/d/c"), 0);
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/d", 0, &dir), 0);
	n = vfs_getdents64(dir, &cookie, buf, sizeof(buf));
	T_EXPECT(n > 0);
	for (off = 0; off < n; off += d->d_reclen) {
		d = (struct lx_dirent64 *)(buf + off);
		T_EXPECT_EQ(d->d_reclen % 8, 0);
		if (strcmp(d->d_name, "b") == 0) {
			saw_b = 1;
			T_EXPECT_EQ(d->d_type, LX_DT_DIR);
		}
		if (strcmp(d->d_name, "c") == 0)
			T_EXPECT_EQ(d->d_type, LX_DT_LNK);
		if (strcmp(d->d_name, "..") == 0)
			T_EXPECT_EQ(d->d_ino, fx.root->ino);
		count++;
	}
	T_EXPECT_EQ(count, 5);
	T_EXPECT(saw_b);
	T_EXPECT_EQ(vfs_getdents64(dir, &cookie, buf, sizeof(buf)), 0);
	cookie = 0;
	T_EXPECT_EQ(vfs_getdents64(dir, &cookie, buf, 10), -LX_EINVAL);
	T_EXPECT_EQ(vfs_getdents64(dir, &cookie, buf, 24), 24);	/* one record at a time */
	T_EXPECT_EQ(cookie, 1);
	vnode_unref(dir);
}

T_TEST(readdir_cookie_survives_removal)
{
	char buf[64];
	struct vnode *dir;
	struct lx_dirent64 *d = (struct lx_dirent64 *)buf;
	uint64_t cookie = 2;	/* past "." and ".." */

	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d", 0755), 0);
	T_EXPECT_EQ(fx_write("/d/one", "1"), 0);
	T_EXPECT_EQ(fx_write("/d/two", "2"), 0);
	T_EXPECT_EQ(fx_write("/d/three", "3"), 0);
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/d", 0, &dir), 0);
	T_EXPECT(vfs_getdents64(dir, &cookie, buf, 32) > 0);
	T_EXPECT_STR_EQ(d->d_name, "one");
	T_EXPECT_EQ(vfs_unlink(&fx, NULL, "/d/one"), 0);
	T_EXPECT(vfs_getdents64(dir, &cookie, buf, 32) > 0);
	T_EXPECT_STR_EQ(d->d_name, "two");
	vnode_unref(dir);
}

T_TEST(sparse_files_and_truncate)
{
	struct vnode *vn;
	char buf[16];

	fx_setup();
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/s", LX_O_CREAT | LX_O_RDWR, 0644, &vn), 0);
	T_EXPECT_EQ(vn->ops->write(vn, "end", 3, 3 * RAMFS_PAGE + 10), 3);
	T_EXPECT_EQ(vn->size, 3 * RAMFS_PAGE + 13);
	T_EXPECT_EQ(ramfs_pages(fx_fs), 1);		/* the holes cost nothing */
	T_EXPECT_EQ(vn->ops->read(vn, buf, 4, 100), 4);
	T_EXPECT(memcmp(buf, "\0\0\0\0", 4) == 0);
	T_EXPECT_EQ(vn->ops->write(vn, "abcdef", 6, 0), 6);
	T_EXPECT_EQ(vfs_truncate(vn, 2), 0);
	T_EXPECT_EQ(vfs_truncate(vn, 6), 0);
	T_EXPECT_EQ(vn->ops->read(vn, buf, 16, 0), 6);
	T_EXPECT(memcmp(buf, "ab\0\0\0\0", 6) == 0);	/* regrown bytes read as zero */
	T_EXPECT_EQ(ramfs_pages(fx_fs), 1);
	T_EXPECT_EQ(vn->ops->write(vn, "x", 1, RAMFS_MAX_FILE), -LX_EFBIG);
	vnode_unref(vn);
	T_EXPECT_EQ(vfs_truncate(fx.root, 0), -LX_EISDIR);
}

T_TEST(create_failure_leaves_no_trace)
{
	long live;

	fx_setup();
	live = kalloc_live;
	kalloc_fail_after = 1;		/* the walk buffer succeeds, the node fails */
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/d", 0755), -LX_ENOMEM);
	kalloc_fail_after = -1;
	T_EXPECT_EQ(fx_lookup("/d"), -LX_ENOENT);
	T_EXPECT_EQ(kalloc_live, live);
}
