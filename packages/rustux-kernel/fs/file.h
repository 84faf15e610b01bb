/* file.h - kernel: open file descriptions (struct file), the objects descriptors point to */
/* SPDX-License-Identifier: MIT */
/*
 * A struct file is what open(2) creates: a vnode, an offset and the open
 * flags, shared by every descriptor dup'ed or inherited from it. Character
 * device nodes route I/O to their driver (fs/devfs.h). Results follow
 * Linux: counts, or -LX_Exxx. Blocking (a tty read with no input) is the
 * driver's business; -LX_EAGAIN tells the caller to wait and retry.
 */
#ifndef RUSTUX_FS_FILE_H
#define RUSTUX_FS_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "fs/vfs.h"
#include "object/object.h"

struct dev_driver;

struct file {
	struct object			 obj;	/* RX_OBJ_FILE */
	struct vnode			*vn;	/* referenced */
	const struct dev_driver		*dev;	/* character devices */
	uint64_t			 off;	/* bytes, or the getdents cookie */
	uint32_t			 flags;	/* LX_O_* as opened (no O_CREAT etc.) */
};

/* A new open file on vn (the file takes its own reference). -LX_ENXIO for
 * a device without a driver, -LX_ENOMEM. */
int	file_open(struct vnode *vn, int flags, struct file **out);
long	file_read(struct file *f, void *buf, size_t n);
long	file_write(struct file *f, const void *buf, size_t n);
long	file_pread(struct file *f, void *buf, size_t n, int64_t off);
long	file_pwrite(struct file *f, const void *buf, size_t n, int64_t off);
/*
 * Where file_read_direct copies to: put(ctx, at, src, len) stores len
 * bytes (zeros when src is NULL) at offset at of the caller's buffer, and
 * returns non-zero when it cannot (a bad user address).
 */
typedef int (*file_put_fn)(void *ctx, size_t at, const void *src, size_t len);
/*
 * read (off < 0: at f->off, advancing it) or pread (off >= 0) straight
 * from the file system's pages into put(), without a bounce buffer: the
 * count, -LX_EFAULT when put() failed before any byte, or -LX_EOPNOTSUPP
 * when the file keeps no pages (devices, procfs): then use file_read.
 */
long	file_read_direct(struct file *f, int64_t off, size_t n, file_put_fn put, void *ctx);
/* lseek(2): the new offset, -LX_EINVAL, -LX_ESPIPE (devices without seek). */
int64_t	file_lseek(struct file *f, int64_t off, int whence);
/* ioctl(2): the driver's answer, or -LX_ENOTTY. */
int	file_ioctl(struct file *f, unsigned int cmd, unsigned long arg);
/* fsync(2): block devices flush their write cache; everything else is in RAM. */
int	file_fsync(struct file *f);
long	file_getdents64(struct file *f, void *buf, size_t n);
/* F_GETFL / F_SETFL (only O_APPEND and O_NONBLOCK change). */
int	file_get_flags(const struct file *f);
void	file_set_flags(struct file *f, int flags);

#endif
