/* fat32.h - rustica-install: a small deterministic FAT32 writer (format, mkdir, write) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTICA_INSTALL_FAT32_H
#define RUSTICA_INSTALL_FAT32_H

#include <stddef.h>
#include <stdint.h>

/*
 * Writes a fresh FAT32 file system into bytes [offset, offset + size) of an
 * open file or block device, through pwrite() only. Nothing is random: the
 * volume serial is the caller's, every timestamp is the mtime the caller
 * gives (UTC), and clusters are handed out in call order, so the same calls
 * give the same bytes. Sectors are 512 bytes; file data is contiguous.
 *
 * Usage: fat32_format(), then fat32_mkdir() / fat32_write() in any order a
 * parent comes before its children, then fat32_close(), which writes the
 * FATs, the directories and the boot sectors. Until fat32_close() returns
 * 0 the region does not hold a valid file system (the boot sector is
 * written last).
 */

#define FAT32_SECTOR 512u
#define FAT32_MIN_CLUSTERS 65525u		/* fewer makes it FAT16 to every reader */
#define FAT32_MAX_CLUSTERS 0x0FFFFFF5u
#define FAT32_NAME_MAX 255u			/* one path component, bytes (ASCII) */
#define FAT32_PATH_MAX 1024u
#define FAT32_MAX_DIRS 256u
#define FAT32_MAX_FILE 0xFFFFFFFFull		/* the directory entry's size field */

struct fat32;

/*
 * Start a file system of size bytes at offset in fd. hidden is the LBA
 * where the partition starts (recorded in the boot sector), serial the
 * volume id, label up to 11 characters of [A-Z0-9 _-] (NULL: "NO NAME").
 * On failure returns NULL and writes a message into err.
 */
struct fat32 *fat32_format(int fd, uint64_t offset, uint64_t size, uint32_t hidden,
    uint32_t serial, const char *label, int64_t mtime, char *err, size_t errlen);

/* Create directory path ("EFI/BOOT": '/'-separated, parent must exist). 0 or -1. */
int fat32_mkdir(struct fat32 *f, const char *path, int64_t mtime);

/*
 * Create file path holding len bytes of data. If where is not NULL it gets
 * the byte offset in fd of the file's data (contiguous), for reading back.
 * 0 or -1.
 */
int fat32_write(struct fat32 *f, const char *path, const void *data, uint64_t len,
    int64_t mtime, uint64_t *where);

/* Write FATs, directories, FSInfo and boot sectors, then free f. 0, or -1 and a message in err. */
int fat32_close(struct fat32 *f, char *err, size_t errlen);
/* Free f without finishing (the region is left invalid). */
void fat32_abort(struct fat32 *f);

/* The message of the last failure of f. */
const char *fat32_error(const struct fat32 *f);

/* The 11-byte short name a long name gets when it is the n-th alias (n >= 1). */
int fat32_short_name(const char *name, unsigned n, uint8_t out[11], int *needs_lfn);

#endif
