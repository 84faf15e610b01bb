/* stat.h - Linux x86_64 struct stat, file type and mode bits, linux_dirent64 */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_ABI_LINUX_STAT_H
#define RUSTUX_ABI_LINUX_STAT_H

#include <stdint.h>

#define LX_S_IFMT	0170000
#define LX_S_IFSOCK	0140000
#define LX_S_IFLNK	0120000
#define LX_S_IFREG	0100000
#define LX_S_IFBLK	0060000
#define LX_S_IFDIR	0040000
#define LX_S_IFCHR	0020000
#define LX_S_IFIFO	0010000
#define LX_S_ISUID	0004000
#define LX_S_ISGID	0002000
#define LX_S_ISVTX	0001000

/* struct stat as x86_64 Linux lays it out (asm/stat.h): 144 bytes. */
struct lx_stat {
	uint64_t	st_dev;
	uint64_t	st_ino;
	uint64_t	st_nlink;
	uint32_t	st_mode;
	uint32_t	st_uid;
	uint32_t	st_gid;
	uint32_t	pad0;
	uint64_t	st_rdev;
	int64_t		st_size;
	int64_t		st_blksize;
	int64_t		st_blocks;
	uint64_t	st_atime_sec;
	uint64_t	st_atime_nsec;
	uint64_t	st_mtime_sec;
	uint64_t	st_mtime_nsec;
	uint64_t	st_ctime_sec;
	uint64_t	st_ctime_nsec;
	int64_t		unused[3];
};

/* getdents64(2) record; d_reclen rounds the record up to 8 bytes. */
struct lx_dirent64 {
	uint64_t	d_ino;
	int64_t		d_off;
	uint16_t	d_reclen;
	uint8_t		d_type;
	char		d_name[];
};

#define LX_DT_UNKNOWN	0
#define LX_DT_FIFO	1
#define LX_DT_CHR	2
#define LX_DT_DIR	4
#define LX_DT_BLK	6
#define LX_DT_REG	8
#define LX_DT_LNK	10
#define LX_DT_SOCK	12

#endif
