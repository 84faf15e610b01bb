/* esp.h - rustica-mkimage: lay out the FAT EFI System Partition with mtools */
/* SPDX-License-Identifier: MIT */
#ifndef MKIMAGE_ESP_H
#define MKIMAGE_ESP_H

#include <stdint.h>

/*
 * Make out a FAT32 file system of size_mib MiB (mkfs.fat --invariant,
 * volume serial and label given) holding a copy of the tree under stage:
 * directories and regular files only, created parents first in bytewise
 * order with mcopy, every timestamp epoch. scratch is a directory the
 * function may use. Same inputs, same bytes. 0 or mk_fail.
 */
int mk_esp_build(const char *stage, const char *out, unsigned size_mib, const char *label,
    uint32_t serial, int64_t epoch, const char *scratch);

#endif
