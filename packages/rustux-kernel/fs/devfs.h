/* devfs.h - kernel: character device drivers by device number, and the /dev nodes */
/* SPDX-License-Identifier: MIT */
/*
 * A device node is a ramfs vnode of type S_IFCHR with a Linux device
 * number; opening it finds the driver registered for that number here.
 * null, zero, full and urandom are built in; the console and ttys are
 * registered by their drivers (devfs_register) with these hooks.
 */
#ifndef RUSTUX_FS_DEVFS_H
#define RUSTUX_FS_DEVFS_H

#include <stddef.h>
#include <stdint.h>

#include "fs/vfs.h"

#define DEVFS_MAX_DRIVERS	32

/* Linux's new_encode_dev(): what st_rdev shows. */
#define DEV_MKDEV(major, minor) \
	((uint64_t)(((minor) & 0xffu) | ((major) << 8) | (((minor) & ~0xffu) << 12)))

struct dev_driver {
	const char	*name;
	uint64_t	 rdev;
	/* fflags are the open file's LX_O_* (O_NONBLOCK). -LX_EAGAIN: wait and retry. */
	long	(*read)(void *ctx, void *buf, size_t n, uint32_t fflags);
	long	(*write)(void *ctx, const void *buf, size_t n, uint32_t fflags);
	int	(*ioctl)(void *ctx, unsigned int cmd, unsigned long arg);
	int	 seekable;	/* lseek returns 0 instead of -ESPIPE; DEVFS_BLOCK: see below */
	void	*ctx;
};

/*
 * A block device (S_IFBLK node): registered by its dev member, whose
 * seekable is DEVFS_BLOCK. The open file keeps an offset and does I/O at
 * it; size is what SEEK_END counts from.
 */
#define DEVFS_BLOCK	2
struct dev_block {
	struct dev_driver dev;
	long	(*pread)(void *ctx, void *buf, size_t n, uint64_t off);
	long	(*pwrite)(void *ctx, const void *buf, size_t n, uint64_t off);
	int	(*fsync)(void *ctx);
	uint64_t size;
};

/* Registers d (kept by pointer) for d->rdev: -LX_EEXIST, -LX_ENOSPC. */
int	devfs_register(const struct dev_driver *d);
/* The driver for rdev, or NULL. */
const struct dev_driver *devfs_driver(uint64_t rdev);
/* Where /dev/urandom's bytes come from (the kernel's RDRAND-seeded generator). */
void	devfs_set_random(void (*fill)(void *buf, size_t n));
/*
 * Creates the standard nodes (console, tty, ttyS0, null, zero, full,
 * random, urandom; fd, stdin, stdout, stderr symlinks) in the directory
 * at path, registering the built-in drivers first. Returns 0 or -LX_Exxx.
 */
int	devfs_populate(const struct vfs_ctx *ctx, const char *path);

#endif
