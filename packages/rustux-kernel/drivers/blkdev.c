/* blkdev.c - kernel: block devices and partitions as devfs drivers, /dev/vdX nodes */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "drivers/blkdev.h"
#include "drivers/gpt_scan.h"
#include "fs/devfs.h"
#include "kernel/printk.h"
#include "lib/kalloc.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "sched/sched.h"

void	virtio_blk_probe(void);

struct disk {
	const struct blkdev_ops	*ops;
	void			*ctx;
	uint64_t		 sectors;
};

/* A whole disk (first = 0) or one partition: what a /dev node opens. */
struct blkdev {
	struct dev_block	 blk;
	struct disk		*disk;
	uint64_t		 first;		/* LBA */
	uint64_t		 sectors;
	char			 name[16];
};

static struct blkdev *devs[BLKDEV_MAX];
static unsigned ndevs, ndisks;
static int busy;
static uint8_t sector[BLKDEV_SECTOR];

static void
lock(void)
{
	while (__atomic_exchange_n(&busy, 1, __ATOMIC_ACQUIRE))
		sched_yield();
}

static void
unlock(void)
{
	__atomic_store_n(&busy, 0, __ATOMIC_RELEASE);
}

/* n bytes at byte offset off of the device; the caller holds the lock. */
static long
xfer(struct blkdev *b, int write, uint8_t *buf, size_t n, uint64_t off)
{
	struct disk *d = b->disk;
	size_t done = 0;

	while (done < n) {
		uint64_t lba = b->first + (off + done) / BLKDEV_SECTOR;
		size_t in = (off + done) % BLKDEV_SECTOR, c;

		if (in == 0 && n - done >= BLKDEV_SECTOR) {
			uint64_t cnt = (n - done) / BLKDEV_SECTOR;

			if (cnt > d->ops->max_sectors)
				cnt = d->ops->max_sectors;
			if (d->ops->rw(d->ctx, write, lba, buf + done, (uint32_t)cnt) != 0)
				return done != 0 ? (long)done : -LX_EIO;
			done += cnt * BLKDEV_SECTOR;
			continue;
		}
		c = BLKDEV_SECTOR - in < n - done ? BLKDEV_SECTOR - in : n - done;
		if (d->ops->rw(d->ctx, 0, lba, sector, 1) != 0)
			return done != 0 ? (long)done : -LX_EIO;
		if (!write) {
			memcpy(buf + done, sector + in, c);
		} else {
			memcpy(sector + in, buf + done, c);
			if (d->ops->rw(d->ctx, 1, lba, sector, 1) != 0)
				return done != 0 ? (long)done : -LX_EIO;
		}
		done += c;
	}
	return (long)done;
}

static long
clamp_xfer(struct blkdev *b, int write, void *buf, size_t n, uint64_t off)
{
	uint64_t size = b->sectors * BLKDEV_SECTOR;
	long r;

	if (off >= size)
		return write && n != 0 ? -LX_ENOSPC : 0;
	if (n > size - off)
		n = (size_t)(size - off);
	lock();
	r = xfer(b, write, buf, n, off);
	unlock();
	return r;
}

static long
blk_pread(void *ctx, void *buf, size_t n, uint64_t off)
{
	return clamp_xfer(ctx, 0, buf, n, off);
}

static long
blk_pwrite(void *ctx, const void *buf, size_t n, uint64_t off)
{
	return clamp_xfer(ctx, 1, (void *)buf, n, off);
}

static int
blk_fsync(void *ctx)
{
	struct blkdev *b = ctx;
	int r;

	lock();
	r = b->disk->ops->flush(b->disk->ctx);
	unlock();
	return r;
}

static int
blk_ioctl(void *ctx, unsigned int cmd, unsigned long arg)
{
	struct blkdev *b = ctx;
	uint64_t bytes = b->sectors * BLKDEV_SECTOR;
	unsigned long sectors = (unsigned long)b->sectors;
	int ssz = BLKDEV_SECTOR;

	switch (cmd) {
	case LX_BLKGETSIZE64:
		return copyout(arg, &bytes, sizeof(bytes));
	case LX_BLKGETSIZE:
		return copyout(arg, &sectors, sizeof(sectors));
	case LX_BLKSSZGET:
		return copyout(arg, &ssz, sizeof(ssz));
	case LX_BLKFLSBUF:
		return blk_fsync(b);
	default:
		return -LX_ENOTTY;
	}
}

static struct blkdev *
add_dev(struct disk *d, const char *name, unsigned minor, uint64_t first, uint64_t sectors)
{
	struct blkdev *b;

	if (ndevs == BLKDEV_MAX || (b = kzalloc(sizeof(*b))) == NULL)
		return NULL;
	b->disk = d;
	b->first = first;
	b->sectors = sectors;
	strlcpy(b->name, name, sizeof(b->name));
	b->blk.dev.name = b->name;
	b->blk.dev.rdev = DEV_MKDEV(BLKDEV_MAJOR, minor);
	b->blk.dev.ioctl = blk_ioctl;
	b->blk.dev.seekable = DEVFS_BLOCK;
	b->blk.dev.ctx = b;
	b->blk.pread = blk_pread;
	b->blk.pwrite = blk_pwrite;
	b->blk.fsync = blk_fsync;
	b->blk.size = sectors * BLKDEV_SECTOR;
	if (devfs_register(&b->blk.dev) != 0) {
		kfree(b);
		return NULL;
	}
	devs[ndevs++] = b;
	return b;
}

/* Adds the GPT partitions of disk b (nothing when it has no valid GPT). */
static void
scan_parts(struct blkdev *whole, unsigned minor0)
{
	struct gpt_part parts[BLKDEV_MAX_PARTS];
	struct gpt_info gi;
	uint8_t *ents;
	size_t bytes;
	int n;

	if (whole->sectors < 34 || xfer(whole, 0, sector, BLKDEV_SECTOR, BLKDEV_SECTOR) < 0 ||
	    gpt_parse_header(sector, whole->sectors, &gi) != 0)
		return;
	bytes = (size_t)gi.nentries * gi.entry_size;
	bytes = (bytes + BLKDEV_SECTOR - 1) / BLKDEV_SECTOR * BLKDEV_SECTOR;
	if ((ents = kmalloc(bytes)) == NULL)
		return;
	if (xfer(whole, 0, ents, bytes, gi.entries_lba * BLKDEV_SECTOR) == (long)bytes &&
	    (n = gpt_parse_entries(&gi, ents, whole->sectors, parts, BLKDEV_MAX_PARTS)) > 0) {
		for (int i = 0; i < n; i++) {
			char name[16];

			if (parts[i].index > BLKDEV_MAX_PARTS)
				continue;
			fmt_snprintf(name, sizeof(name), "%s%u", whole->name, parts[i].index);
			add_dev(whole->disk, name, minor0 + parts[i].index, parts[i].first_lba,
			    parts[i].sectors);
		}
	}
	kfree(ents);
}

int
blkdev_add(const char *prefix, uint64_t sectors, const struct blkdev_ops *ops, void *ctx)
{
	struct disk *d;
	struct blkdev *whole;
	char name[16];
	unsigned minor0 = ndisks * 16;

	if (ndisks == 16 || (d = kzalloc(sizeof(*d))) == NULL)
		return -LX_ENOSPC;
	d->ops = ops;
	d->ctx = ctx;
	d->sectors = sectors;
	fmt_snprintf(name, sizeof(name), "%s%c", prefix, 'a' + ndisks);
	if ((whole = add_dev(d, name, minor0, 0, sectors)) == NULL) {
		kfree(d);
		return -LX_ENOSPC;
	}
	ndisks++;
	lock();
	scan_parts(whole, minor0);
	unlock();
	klog(KLOG_INFO, "blk: %s: %llu sectors (%llu MiB)\n", name, (unsigned long long)sectors,
	    (unsigned long long)(sectors >> 11));
	return 0;
}

void
blkdev_init(void)
{
	static int done;

	if (done++)
		return;
	virtio_blk_probe();
}

int
blkdev_populate(const struct vfs_ctx *ctx, const char *path)
{
	char p[64];
	int r;

	for (unsigned i = 0; i < ndevs; i++) {
		fmt_snprintf(p, sizeof(p), "%s/%s", path, devs[i]->name);
		r = vfs_mknod(ctx, NULL, p, LX_S_IFBLK | 0660, devs[i]->blk.dev.rdev);
		if (r != 0 && r != -LX_EEXIST)
			return r;
	}
	return 0;
}
