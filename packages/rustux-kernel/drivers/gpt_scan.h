/* gpt_scan.h - kernel: reading a GUID partition table, CRCs checked (pure) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_DRIVERS_GPT_SCAN_H
#define RUSTUX_DRIVERS_GPT_SCAN_H

#include <stddef.h>
#include <stdint.h>

struct gpt_info {
	uint64_t	entries_lba;
	uint32_t	nentries;
	uint32_t	entry_size;
	uint32_t	entries_crc;
};

struct gpt_part {
	unsigned	index;		/* 1-based entry number: the partition's minor */
	uint64_t	first_lba;
	uint64_t	sectors;
};

uint32_t gpt_crc32(const void *p, size_t n);
/* Checks the header sector (LBA 1, 512 bytes) against a disk of sectors: 0 or -1. */
int	gpt_parse_header(const uint8_t *sec, uint64_t sectors, struct gpt_info *gi);
/*
 * Checks the entry array's CRC and returns the used entries (at most max,
 * inside the disk) in out: the count, or -1 on a bad CRC.
 */
int	gpt_parse_entries(const struct gpt_info *gi, const uint8_t *ents, uint64_t sectors,
	    struct gpt_part *out, int max);

#endif
