/* blkdev.h - kernel: the block device registry, GPT partitions and the /dev/vdX nodes */
/* SPDX-License-Identifier: MIT */
/*
 * A disk driver registers a whole disk with blkdev_add; the registry reads
 * its GPT (gpt_scan.h) and makes one device per partition. Each becomes a
 * devfs driver (block major BLKDEV_MAJOR, minor disk * 16 + partition) with
 * byte-granular pread/pwrite, BLKGETSIZE64, BLKGETSIZE, BLKSSZGET and
 * BLKFLSBUF; blkdev_populate
 * creates the S_IFBLK nodes /dev/vda, /dev/vda1... All I/O is serialised.
 */
#ifndef RUSTUX_DRIVERS_BLKDEV_H
#define RUSTUX_DRIVERS_BLKDEV_H

#include <stdint.h>

#include "fs/vfs.h"

#define BLKDEV_SECTOR	512u
#define BLKDEV_MAJOR	254u
#define BLKDEV_MAX	32
#define BLKDEV_MAX_PARTS 15

#define LX_BLKGETSIZE	0x1260u		/* unsigned long: 512-byte sectors */
#define LX_BLKFLSBUF	0x1261u		/* flush */
#define LX_BLKSSZGET	0x1268u
#define LX_BLKGETSIZE64	0x80081272u

struct blkdev_ops {
	/* Transfers count sectors at lba from/to buf (kernel memory): 0 or -LX_EIO. */
	int	(*rw)(void *ctx, int write, uint64_t lba, void *buf, uint32_t count);
	int	(*flush)(void *ctx);
	uint32_t max_sectors;	/* per rw call */
};

/* Registers a disk named prefix + letter ("vd" -> vda, vdb...) and its partitions. */
int	blkdev_add(const char *prefix, uint64_t sectors, const struct blkdev_ops *ops, void *ctx);
/* Probes the block drivers (virtio-blk) once. */
void	blkdev_init(void);
/* Creates the device nodes in the directory at path. */
int	blkdev_populate(const struct vfs_ctx *ctx, const char *path);

#endif
