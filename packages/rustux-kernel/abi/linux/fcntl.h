/* fcntl.h - Linux x86_64 open flags, fcntl commands, *at flags, seek and access modes */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_ABI_LINUX_FCNTL_H
#define RUSTUX_ABI_LINUX_FCNTL_H

/* open(2) flags (octal, as in asm-generic/fcntl.h). */
#define LX_O_ACCMODE	00000003
#define LX_O_RDONLY	00000000
#define LX_O_WRONLY	00000001
#define LX_O_RDWR	00000002
#define LX_O_CREAT	00000100
#define LX_O_EXCL	00000200
#define LX_O_NOCTTY	00000400
#define LX_O_TRUNC	00001000
#define LX_O_APPEND	00002000
#define LX_O_NONBLOCK	00004000
#define LX_O_DSYNC	00010000
#define LX_O_DIRECT	00040000
#define LX_O_LARGEFILE	00100000
#define LX_O_DIRECTORY	00200000
#define LX_O_NOFOLLOW	00400000
#define LX_O_NOATIME	01000000
#define LX_O_CLOEXEC	02000000
#define LX_O_SYNC	04010000
#define LX_O_PATH	010000000

/* fcntl(2) commands and descriptor flags. */
#define LX_F_DUPFD		0
#define LX_F_GETFD		1
#define LX_F_SETFD		2
#define LX_F_GETFL		3
#define LX_F_SETFL		4
#define LX_F_DUPFD_CLOEXEC	1030
#define LX_FD_CLOEXEC		1

/* The *at(2) family. */
#define LX_AT_FDCWD		(-100)
#define LX_AT_SYMLINK_NOFOLLOW	0x100
#define LX_AT_REMOVEDIR		0x200
#define LX_AT_EACCESS		0x200
#define LX_AT_SYMLINK_FOLLOW	0x400
#define LX_AT_EMPTY_PATH	0x1000

/* renameat2(2) flags. */
#define LX_RENAME_NOREPLACE	1
#define LX_RENAME_EXCHANGE	2

/* lseek(2) whence. */
#define LX_SEEK_SET	0
#define LX_SEEK_CUR	1
#define LX_SEEK_END	2

/* access(2) modes. */
#define LX_F_OK	0
#define LX_X_OK	1
#define LX_W_OK	2
#define LX_R_OK	4

/* utimensat(2) special nanosecond values. */
#define LX_UTIME_NOW	((1l << 30) - 1l)
#define LX_UTIME_OMIT	((1l << 30) - 2l)

/* Limits. */
#define LX_PATH_MAX	4096
#define LX_NAME_MAX	255
#define LX_PIPE_BUF	4096

#endif
