/* file_test.c - unit tests of fs/file.c and fs/devfs.c: offsets, append, seek, devices */
/* SPDX-License-Identifier: MIT */
#include "fs/devfs.h"
#include "kalloc_host.h"
#include "t.h"
#include "vfs_fixture.h"

static struct file *
open_file(const char *path, int flags)
{
	struct vnode *vn;
	struct file *f = NULL;

	if (vfs_open(&fx, NULL, path, flags, 0644, &vn) != 0)
		return NULL;
	if (file_open(vn, flags, &f) != 0)
		f = NULL;
	vnode_unref(vn);
	return f;
}

T_TEST(read_write_share_one_offset)
{
	struct file *f;
	char buf[16];

	fx_setup();
	T_ASSERT((f = open_file("/f", LX_O_CREAT | LX_O_RDWR)) != NULL);
	T_EXPECT_EQ(file_write(f, "hello world", 11), 11);
	T_EXPECT_EQ(file_read(f, buf, sizeof(buf)), 0);		/* at the end */
	T_EXPECT_EQ(file_lseek(f, 6, LX_SEEK_SET), 6);
	T_EXPECT_EQ(file_read(f, buf, 5), 5);
	T_EXPECT(memcmp(buf, "world", 5) == 0);
	T_EXPECT_EQ(file_lseek(f, -5, LX_SEEK_END), 6);
	T_EXPECT_EQ(file_lseek(f, -1, LX_SEEK_SET), -LX_EINVAL);
	T_EXPECT_EQ(file_lseek(f, 0, 9), -LX_EINVAL);
	T_EXPECT_EQ(file_pread(f, buf, 5, 0), 5);
	T_EXPECT(memcmp(buf, "hello", 5) == 0);
	T_EXPECT_EQ(file_lseek(f, 0, LX_SEEK_CUR), 6);		/* pread kept the offset */
	T_EXPECT_EQ(file_lseek(f, 100, LX_SEEK_SET), 100);	/* past the end is fine */
	T_EXPECT_EQ(file_write(f, "!", 1), 1);
	T_EXPECT_EQ(f->vn->size, 101);
	object_unref(&f->obj);
}

T_TEST(access_mode_is_enforced)
{
	struct file *f;
	char buf[4];

	fx_setup();
	T_EXPECT_EQ(fx_write("/f", "data"), 0);
	T_ASSERT((f = open_file("/f", LX_O_RDONLY)) != NULL);
	T_EXPECT_EQ(file_write(f, "x", 1), -LX_EBADF);
	object_unref(&f->obj);
	T_ASSERT((f = open_file("/f", LX_O_WRONLY)) != NULL);
	T_EXPECT_EQ(file_read(f, buf, 4), -LX_EBADF);
	object_unref(&f->obj);
	T_ASSERT((f = open_file("/", LX_O_RDONLY)) != NULL);
	T_EXPECT_EQ(file_read(f, buf, 4), -LX_EISDIR);
	T_EXPECT_EQ(file_ioctl(f, 0x5401, 0), -LX_ENOTTY);
	object_unref(&f->obj);
}

T_TEST(append_writes_at_the_end)
{
	struct file *a, *b;

	fx_setup();
	T_ASSERT((a = open_file("/log", LX_O_CREAT | LX_O_WRONLY | LX_O_APPEND)) != NULL);
	T_ASSERT((b = open_file("/log", LX_O_WRONLY | LX_O_APPEND)) != NULL);
	T_EXPECT_EQ(file_write(a, "one\n", 4), 4);
	T_EXPECT_EQ(file_write(b, "two\n", 4), 4);
	T_EXPECT_EQ(file_write(a, "three\n", 6), 6);
	T_EXPECT_STR_EQ(fx_read("/log"), "one\ntwo\nthree\n");
	T_EXPECT_EQ(file_get_flags(a), LX_O_WRONLY | LX_O_APPEND);
	file_set_flags(a, LX_O_NONBLOCK | LX_O_RDWR);		/* access mode cannot change */
	T_EXPECT_EQ(file_get_flags(a), LX_O_WRONLY | LX_O_NONBLOCK);
	object_unref(&a->obj);
	object_unref(&b->obj);
}

T_TEST(devices_null_zero_full_urandom)
{
	struct file *f;
	char buf[8] = "xxxxxxx";
	struct vnode *vn;
	struct lx_stat st;

	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/dev", 0755), 0);
	T_EXPECT_EQ(devfs_populate(&fx, "/dev"), 0);
	T_EXPECT_EQ(devfs_populate(&fx, "/dev"), 0);		/* idempotent */
	T_ASSERT((f = open_file("/dev/null", LX_O_RDWR)) != NULL);
	T_EXPECT_EQ(file_read(f, buf, 8), 0);
	T_EXPECT_EQ(file_write(f, "gone", 4), 4);
	T_EXPECT_EQ(file_lseek(f, 10, LX_SEEK_SET), 0);
	object_unref(&f->obj);
	T_ASSERT((f = open_file("/dev/zero", LX_O_RDONLY)) != NULL);
	T_EXPECT_EQ(file_read(f, buf, 8), 8);
	T_EXPECT(memcmp(buf, "\0\0\0\0\0\0\0\0", 8) == 0);
	object_unref(&f->obj);
	T_ASSERT((f = open_file("/dev/full", LX_O_WRONLY)) != NULL);
	T_EXPECT_EQ(file_write(f, "x", 1), -LX_ENOSPC);
	object_unref(&f->obj);
	T_ASSERT((f = open_file("/dev/urandom", LX_O_RDONLY)) != NULL);
	T_EXPECT_EQ(file_read(f, buf, 8), 8);
	object_unref(&f->obj);
	T_EXPECT_EQ(vfs_lookup(&fx, NULL, "/dev/null", 0, &vn), 0);
	vfs_stat(vn, &st);
	T_EXPECT_EQ(st.st_rdev, 0x103);				/* Linux's 1:3 */
	T_EXPECT_EQ(st.st_mode, LX_S_IFCHR | 0644);		/* 0666 under umask 022 */
	vnode_unref(vn);
	T_EXPECT_EQ(fx_lookup("/dev/stdin"), -LX_ENOENT);	/* needs /proc */
}

static char tty_out[64];
static size_t tty_len;

static long
tty_write(void *ctx, const void *buf, size_t n, uint32_t fflags)
{
	(void)ctx, (void)fflags;
	memcpy(tty_out + tty_len, buf, n);
	tty_len += n;
	return (long)n;
}

static int
tty_ioctl(void *ctx, unsigned int cmd, unsigned long arg)
{
	(void)ctx, (void)arg;
	return cmd == 0x5401 ? 0 : -LX_ENOTTY;
}

T_TEST(driver_hooks_and_missing_driver)
{
	static const struct dev_driver console = {
		"console", DEV_MKDEV(5, 1), NULL, tty_write, tty_ioctl, 0, NULL
	};
	struct vnode *vn;
	struct file *f;
	char buf[4];

	fx_setup();
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/dev", 0755), 0);
	T_EXPECT_EQ(devfs_populate(&fx, "/dev"), 0);
	T_EXPECT_EQ(vfs_open(&fx, NULL, "/dev/ttyS0", LX_O_RDWR, 0, &vn), 0);
	T_EXPECT_EQ(file_open(vn, LX_O_RDWR, &f), -LX_ENXIO);
	vnode_unref(vn);
	T_EXPECT_EQ(devfs_register(&console), 0);
	T_EXPECT_EQ(devfs_register(&console), 0);
	T_ASSERT((f = open_file("/dev/console", LX_O_RDWR)) != NULL);
	T_EXPECT_EQ(file_write(f, "hi", 2), 2);
	T_EXPECT_EQ(tty_len, 2);
	T_EXPECT_EQ(file_read(f, buf, 4), -LX_EINVAL);
	T_EXPECT_EQ(file_ioctl(f, 0x5401, 0), 0);
	T_EXPECT_EQ(file_lseek(f, 0, LX_SEEK_SET), -LX_ESPIPE);
	T_EXPECT_EQ(file_pread(f, buf, 1, 0), -LX_ESPIPE);
	object_unref(&f->obj);
}

T_TEST(getdents_through_a_file_and_rewind)
{
	struct file *f;
	char buf[256];
	long n1, n2;

	fx_setup();
	T_EXPECT_EQ(fx_write("/a", "1"), 0);
	T_ASSERT((f = open_file("/", LX_O_RDONLY | LX_O_DIRECTORY)) != NULL);
	n1 = file_getdents64(f, buf, sizeof(buf));
	T_EXPECT(n1 > 0);
	T_EXPECT_EQ(file_getdents64(f, buf, sizeof(buf)), 0);
	T_EXPECT_EQ(file_lseek(f, 0, LX_SEEK_SET), 0);
	n2 = file_getdents64(f, buf, sizeof(buf));
	T_EXPECT_EQ(n1, n2);
	T_EXPECT_EQ(file_lseek(f, 0, LX_SEEK_END), -LX_EINVAL);
	object_unref(&f->obj);
}

/* A sink like the kernel's user copy; fails at a chosen offset like a bad page. */
struct sink {
	unsigned char	buf[3 * VFS_PAGE];
	size_t		fail_at;
};

static int
sink_put(void *ctx, size_t at, const void *src, size_t len)
{
	struct sink *s = ctx;

	if (at >= s->fail_at)
		return -1;
	if (src != NULL)
		memcpy(s->buf + at, src, len);
	else
		memset(s->buf + at, 0, len);
	return 0;
}

T_TEST(read_direct_crosses_pages_and_holes)
{
	static struct sink s;
	struct file *f;

	fx_setup();
	T_ASSERT((f = open_file("/f", LX_O_CREAT | LX_O_RDWR)) != NULL);
	T_EXPECT_EQ(file_pwrite(f, "head", 4, VFS_PAGE - 2), 4);	/* straddles pages 0 and 1 */
	T_EXPECT_EQ(file_pwrite(f, "tail", 4, 2 * VFS_PAGE + 100), 4);
	memset(s.buf, 0xee, sizeof(s.buf));
	s.fail_at = sizeof(s.buf);
	/* pread: everything up to the end, holes as zeros, the offset kept. */
	T_EXPECT_EQ(file_read_direct(f, 0, sizeof(s.buf), sink_put, &s), 2 * VFS_PAGE + 104);
	T_EXPECT(s.buf[0] == 0 && s.buf[VFS_PAGE - 3] == 0);
	T_EXPECT(memcmp(s.buf + VFS_PAGE - 2, "head", 4) == 0);
	T_EXPECT(s.buf[2 * VFS_PAGE + 99] == 0);
	T_EXPECT(memcmp(s.buf + 2 * VFS_PAGE + 100, "tail", 4) == 0);
	T_EXPECT(s.buf[2 * VFS_PAGE + 104] == 0xee);		/* nothing past the end */
	T_EXPECT_EQ(file_lseek(f, 0, LX_SEEK_CUR), 0);		/* pread and pwrite keep it */
	/* read: from f->off, advancing it; at the end, 0. */
	T_EXPECT_EQ(file_lseek(f, VFS_PAGE - 2, LX_SEEK_SET), VFS_PAGE - 2);
	T_EXPECT_EQ(file_read_direct(f, -1, 4, sink_put, &s), 4);
	T_EXPECT(memcmp(s.buf, "head", 4) == 0);
	T_EXPECT_EQ(file_lseek(f, 0, LX_SEEK_CUR), VFS_PAGE + 2);
	T_EXPECT_EQ(file_read_direct(f, 5 * VFS_PAGE, 10, sink_put, &s), 0);
	/* A sink that fails part way gives a short count; at once, EFAULT. */
	s.fail_at = VFS_PAGE;
	T_EXPECT_EQ(file_read_direct(f, 0, sizeof(s.buf), sink_put, &s), VFS_PAGE);
	s.fail_at = 0;
	T_EXPECT_EQ(file_read_direct(f, 0, 8, sink_put, &s), -LX_EFAULT);
	object_unref(&f->obj);
	/* Write-only files, directories and devices are refused or left to file_read. */
	T_ASSERT((f = open_file("/f", LX_O_WRONLY)) != NULL);
	T_EXPECT_EQ(file_read_direct(f, 0, 8, sink_put, &s), -LX_EBADF);
	object_unref(&f->obj);
	T_ASSERT((f = open_file("/", LX_O_RDONLY)) != NULL);
	T_EXPECT_EQ(file_read_direct(f, 0, 8, sink_put, &s), -LX_EOPNOTSUPP);
	object_unref(&f->obj);
	T_EXPECT_EQ(vfs_mkdir(&fx, NULL, "/dev", 0755), 0);
	T_EXPECT_EQ(devfs_populate(&fx, "/dev"), 0);
	T_ASSERT((f = open_file("/dev/zero", LX_O_RDONLY)) != NULL);
	T_EXPECT_EQ(file_read_direct(f, 0, 8, sink_put, &s), -LX_EOPNOTSUPP);
	object_unref(&f->obj);
}
