/* file.c - kernel: open file descriptions: offsets, append, devices, directory reads */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "fs/devfs.h"
#include "fs/file.h"
#include "lib/kalloc.h"
#include "lib/string.h"

/* Flags an open file remembers; O_CREAT, O_EXCL, O_TRUNC, O_NOCTTY act at open only. */
#define KEPT_FLAGS	(LX_O_ACCMODE | LX_O_APPEND | LX_O_NONBLOCK | LX_O_DIRECTORY | \
			 LX_O_CLOEXEC | LX_O_NOFOLLOW | LX_O_SYNC | LX_O_DSYNC | LX_O_PATH)
#define SETFL_FLAGS	(LX_O_APPEND | LX_O_NONBLOCK)

static void
file_destroy(struct object *obj)
{
	struct file *f = OBJECT_CONTAINER(obj, struct file, obj);

	vnode_unref(f->vn);
	kfree(f);
}

static const struct object_ops file_ops = { file_destroy };

static int
is_dev(const struct vnode *vn)
{
	return (vn->mode & LX_S_IFMT) == LX_S_IFCHR || (vn->mode & LX_S_IFMT) == LX_S_IFBLK;
}

/* The block driver behind f, or NULL (files, character devices). */
static const struct dev_block *
blk(const struct file *f)
{
	if (f->dev == NULL || f->dev->seekable != DEVFS_BLOCK ||
	    (f->vn->mode & LX_S_IFMT) != LX_S_IFBLK)
		return NULL;
	return (const struct dev_block *)f->dev;
}

/* A character device: the driver keeps no offset. */
static int
is_stream(const struct file *f)
{
	return f->dev != NULL && blk(f) == NULL;
}

int
file_open(struct vnode *vn, int flags, struct file **out)
{
	const struct dev_driver *dev = NULL;
	struct file *f;

	if (is_dev(vn) && (dev = devfs_driver(vn->rdev)) == NULL)
		return -LX_ENXIO;
	if ((f = kzalloc(sizeof(*f))) == NULL)
		return -LX_ENOMEM;
	object_init(&f->obj, RX_OBJ_FILE, &file_ops);
	vnode_ref(vn);
	f->vn = vn;
	f->dev = dev;
	f->flags = (uint32_t)flags & KEPT_FLAGS;
	*out = f;
	return 0;
}

static int
readable(const struct file *f)
{
	return (f->flags & LX_O_PATH) == 0 && (f->flags & LX_O_ACCMODE) != LX_O_WRONLY;
}

static int
writable(const struct file *f)
{
	uint32_t acc = f->flags & LX_O_ACCMODE;

	return (f->flags & LX_O_PATH) == 0 && (acc == LX_O_WRONLY || acc == LX_O_RDWR);
}

/* Reads at off without touching f->off; shared by read and pread. */
static long
read_at(struct file *f, void *buf, size_t n, uint64_t off)
{
	if (!readable(f))
		return -LX_EBADF;
	if (VFS_ISDIR(f->vn))
		return -LX_EISDIR;
	if (blk(f) != NULL)
		return blk(f)->pread(f->dev->ctx, buf, n, off);
	if (f->dev != NULL)
		return f->dev->read != NULL ? f->dev->read(f->dev->ctx, buf, n, f->flags) :
		    -LX_EINVAL;
	if (f->vn->ops->read == NULL)
		return -LX_EINVAL;
	return f->vn->ops->read(f->vn, buf, n, off);
}

static long
write_at(struct file *f, const void *buf, size_t n, uint64_t off)
{
	if (!writable(f))
		return -LX_EBADF;
	if (blk(f) != NULL)
		return blk(f)->pwrite(f->dev->ctx, buf, n, off);
	if (f->dev != NULL)
		return f->dev->write != NULL ? f->dev->write(f->dev->ctx, buf, n, f->flags) :
		    -LX_EINVAL;
	if (f->vn->ops->write == NULL)
		return -LX_EINVAL;
	return f->vn->ops->write(f->vn, buf, n, off);
}

long
file_read(struct file *f, void *buf, size_t n)
{
	long r = read_at(f, buf, n, f->off);

	if (r > 0 && !is_stream(f))
		f->off += (uint64_t)r;
	return r;
}

long
file_read_direct(struct file *f, int64_t off, size_t n, file_put_fn put, void *ctx)
{
	struct vnode *vn = f->vn;
	uint64_t at = off < 0 ? f->off : (uint64_t)off;
	size_t done = 0;

	if (f->dev != NULL || vn->ops->data_page == NULL || !VFS_ISREG(vn))
		return -LX_EOPNOTSUPP;
	if (!readable(f))
		return -LX_EBADF;
	if (at >= vn->size)
		return 0;
	if (n > vn->size - at)
		n = (size_t)(vn->size - at);
	while (done < n) {
		uint64_t pos = at + done;
		size_t in = (size_t)(pos % VFS_PAGE);
		size_t k = VFS_PAGE - in < n - done ? VFS_PAGE - in : n - done;
		const unsigned char *pg = vn->ops->data_page(vn, pos / VFS_PAGE);

		if (put(ctx, done, pg != NULL ? pg + in : NULL, k) != 0) {
			if (done == 0)
				return -LX_EFAULT;
			break;
		}
		done += k;
	}
	vn->atime = vfs_now();
	if (off < 0)
		f->off += done;
	return (long)done;
}

long
file_write(struct file *f, const void *buf, size_t n)
{
	long r;

	if (f->dev == NULL && (f->flags & LX_O_APPEND))
		f->off = f->vn->size;
	r = write_at(f, buf, n, f->off);
	if (r > 0 && !is_stream(f))
		f->off += (uint64_t)r;
	return r;
}

long
file_pread(struct file *f, void *buf, size_t n, int64_t off)
{
	if (off < 0)
		return -LX_EINVAL;
	if (f->dev != NULL && !f->dev->seekable)
		return -LX_ESPIPE;
	return read_at(f, buf, n, (uint64_t)off);
}

long
file_pwrite(struct file *f, const void *buf, size_t n, int64_t off)
{
	if (off < 0)
		return -LX_EINVAL;
	if (f->dev != NULL && !f->dev->seekable)
		return -LX_ESPIPE;
	return write_at(f, buf, n, (uint64_t)off);
}

int64_t
file_lseek(struct file *f, int64_t off, int whence)
{
	int64_t base;

	if (is_stream(f))
		return f->dev->seekable ? 0 : -LX_ESPIPE;
	if (whence == LX_SEEK_SET)
		base = 0;
	else if (whence == LX_SEEK_CUR)
		base = (int64_t)f->off;
	else if (whence == LX_SEEK_END)
		base = (int64_t)(blk(f) != NULL ? blk(f)->size : f->vn->size);
	else
		return -LX_EINVAL;
	if (VFS_ISDIR(f->vn) && !(whence == LX_SEEK_SET && off == 0) && whence != LX_SEEK_CUR)
		return -LX_EINVAL;	/* directories: rewind, or cookies via SEEK_CUR */
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -LX_EINVAL;
	f->off = (uint64_t)(base + off);
	return (int64_t)f->off;
}

int
file_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (f->dev == NULL || f->dev->ioctl == NULL)
		return -LX_ENOTTY;
	return f->dev->ioctl(f->dev->ctx, cmd, arg);
}

int
file_fsync(struct file *f)
{
	if (blk(f) != NULL && blk(f)->fsync != NULL)
		return blk(f)->fsync(f->dev->ctx);
	return 0;
}

long
file_getdents64(struct file *f, void *buf, size_t n)
{
	if (!VFS_ISDIR(f->vn))
		return -LX_ENOTDIR;
	return vfs_getdents64(f->vn, &f->off, buf, n);
}

int
file_get_flags(const struct file *f)
{
	return (int)(f->flags & ~(uint32_t)LX_O_CLOEXEC);
}

void
file_set_flags(struct file *f, int flags)
{
	f->flags = (f->flags & ~(uint32_t)SETFL_FLAGS) | ((uint32_t)flags & SETFL_FLAGS);
}
