/* procfs_walk.h - kernel: names for vnodes and the mount list, found by walking the tree */
/* SPDX-License-Identifier: MIT */
/*
 * Open files keep a vnode, not the path they were opened by, and the VFS
 * records mounts only on the mount points. /proc needs both as text, so
 * it walks the tree from the root (mount crossing included, /proc itself
 * skipped): a file's name is where the walk meets its vnode, and the mount
 * list is every mounted root the walk crosses. A walk is bounded in depth
 * and only runs when /proc/N/fd, /proc/N/cwd or /proc/mounts is read.
 */
#ifndef RUSTUX_FS_PROCFS_WALK_H
#define RUSTUX_FS_PROCFS_WALK_H

#include <stddef.h>

#include "fs/vfs.h"

/* An absolute path of vn under ctx->root into buf (n bytes, NUL-ended): its length or -LX_ENOENT. */
long	procfs_vnode_path(const struct vfs_ctx *ctx, struct vnode *vn, char *buf, size_t n);
/* Calls fn(arg, fs, path) for every file system mounted under ctx->root, in walk order. */
void	procfs_walk_mounts(const struct vfs_ctx *ctx,
	    void (*fn)(void *arg, const struct vfs_fs *fs, const char *path), void *arg);

#endif
