/* disk.h - rustica-mkimage: wrap a FAT file system into a GPT disk image file */
/* SPDX-License-Identifier: MIT */
#ifndef MKIMAGE_DISK_H
#define MKIMAGE_DISK_H

#include <stdint.h>

/*
 * Write out (atomically: out.tmp, fsync, rename) as a GPT disk whose only
 * partition is the EFI System Partition holding the bytes of esp, starting
 * at 1 MiB. disk_bytes is the disk size, or 0 for the smallest that fits
 * (1 MiB before the ESP, the ESP rounded up to 1 MiB, 1 MiB after it).
 * The disk and partition GUIDs are derived from the SHA-256 of the ESP
 * bytes and seed, so the same inputs give the same disk. Also writes
 * out.sha256. 0 or mk_fail.
 */
int mk_disk_wrap(const char *esp, const char *out, uint64_t disk_bytes, const char *seed);

/* Find the ESP inside a disk image: its byte offset and size. 0 or mk_fail. */
int mk_disk_find_esp(const char *img, uint64_t *offset, uint64_t *size);

#endif
