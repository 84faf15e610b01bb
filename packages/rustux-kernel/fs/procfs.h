/* procfs.h - kernel: the /proc file system (processes and system text, made on each read) */
/* SPDX-License-Identifier: MIT */
/*
 * /proc holds self (a symlink to the caller's pid), one directory per
 * process (stat, status, cmdline, maps, the exe and cwd symlinks, and fd/
 * with a symlink per descriptor) and the system files cmdline, meminfo,
 * uptime, version, mounts and loadavg. Nothing is stored: a read formats
 * the current values with fs/procfmt.c (names of files and the mount list
 * come from fs/procfs_walk.c), and a vnode lives as long as someone holds it.
 */
#ifndef RUSTUX_FS_PROCFS_H
#define RUSTUX_FS_PROCFS_H

#include "fs/vfs.h"

/* Creates the directory path (if missing) and mounts procfs on it: 0 or -LX_Exxx. */
int	procfs_mount(const struct vfs_ctx *ctx, const char *path);
/* The kernel command line (kmain.c keeps it). */
const char *kernel_cmdline(void);

#endif
