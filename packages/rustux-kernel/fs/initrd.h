/* initrd.h - kernel: unpack the loader's newc cpio initrd into a file system */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_FS_INITRD_H
#define RUSTUX_FS_INITRD_H

#include <stddef.h>

#include "fs/vfs.h"

struct initrd_stats {
	size_t	files, dirs, symlinks, links, skipped;
	size_t	bytes;			/* file data copied */
	size_t	err_offset;		/* where a failure happened */
	const char *err_name;		/* what failed: the archive or an entry's path */
};

/*
 * Creates every entry of the archive under ctx's root: directories (and
 * missing parents), regular files with their data, symlinks and hard
 * links (newc entries sharing an inode number). Device nodes, fifos and
 * sockets are skipped (devfs provides /dev). Paths are taken relative to
 * the root ("./a", "/a" and "a" are the same); ".." components are refused.
 * Returns 0, or -LX_EINVAL for a malformed archive (st says where) or the
 * errno of the failing file operation.
 */
int	initrd_unpack(const struct vfs_ctx *ctx, const void *archive, size_t len,
	    struct initrd_stats *st);

#endif
