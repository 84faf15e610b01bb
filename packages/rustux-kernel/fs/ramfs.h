/* ramfs.h - kernel: the writable RAM file system (the root, unpacked from the initrd) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_FS_RAMFS_H
#define RUSTUX_FS_RAMFS_H

#include "fs/vfs.h"

#define RAMFS_PAGE	VFS_PAGE	/* file data lives in whole pages (lib/kalloc.h kpage) */
#define RAMFS_MAX_FILE	(1ull << 32)	/* bytes: EFBIG beyond */

/*
 * A new, empty ramfs of the given type name ("ramfs", "devfs"): *out has
 * a referenced root directory (mode 0755). Returns 0 or -LX_ENOMEM.
 */
int	ramfs_create(const char *type, struct vfs_fs **out);
/*
 * Frees the whole fs, every node included. Only when nothing refers to it
 * any more: no open files, cwds or mounts (unmount, or a test's teardown).
 */
void	ramfs_destroy(struct vfs_fs *fs);
/* Pages holding file data in this fs (for /proc/meminfo and tests). */
uint64_t ramfs_pages(const struct vfs_fs *fs);

#endif
