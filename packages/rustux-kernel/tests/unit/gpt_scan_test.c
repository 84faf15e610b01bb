/* gpt_scan_test.c - unit tests: drivers/gpt_scan.c, the kernel's GPT reader */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "drivers/gpt_scan.c"
#include "t.h"

#define DISK	524288u		/* 256 MiB of sectors */

static uint8_t hdr[512];
static uint8_t ents[128 * 128];

static void
put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void
put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void
entry(unsigned i, uint64_t first, uint64_t last)
{
	uint8_t *e = ents + 128 * i;

	memset(e, 0, 128);
	e[0] = 0xaf;	/* any non-zero type GUID */
	put64(e + 32, first);
	put64(e + 40, last);
}

/* A GPT with partitions 1 and 3 used; size is the header's size field. */
static void
build(uint32_t size)
{
	memset(hdr, 0, sizeof(hdr));
	memset(ents, 0, sizeof(ents));
	entry(0, 2048, 67583);
	entry(2, 67584, DISK - 34);
	memcpy(hdr, "EFI PART", 8);
	put32(hdr + 8, 0x00010000);
	put32(hdr + 12, size);
	put64(hdr + 72, 2);
	put32(hdr + 80, 128);
	put32(hdr + 84, 128);
	put32(hdr + 88, gpt_crc32(ents, sizeof(ents)));
	put32(hdr + 16, gpt_crc32(hdr, size));
}

T_TEST(crc32_known_vector)
{
	T_EXPECT_EQ(gpt_crc32("123456789", 9), 0xcbf43926u);
}

T_TEST(reads_used_entries)
{
	struct gpt_info gi;
	struct gpt_part p[4];

	build(92);
	T_ASSERT(gpt_parse_header(hdr, DISK, &gi) == 0);
	T_EXPECT_EQ(gi.entries_lba, 2);
	T_ASSERT(gpt_parse_entries(&gi, ents, DISK, p, 4) == 2);
	T_EXPECT_EQ(p[0].index, 1);
	T_EXPECT_EQ(p[0].first_lba, 2048);
	T_EXPECT_EQ(p[0].sectors, 65536);
	T_EXPECT_EQ(p[1].index, 3);
	T_EXPECT_EQ(p[1].first_lba + p[1].sectors, DISK - 33);
}

T_TEST(rejects_bad_header_crc)
{
	struct gpt_info gi;

	build(92);
	hdr[72] ^= 1;
	T_EXPECT_EQ(gpt_parse_header(hdr, DISK, &gi), -1);
}

T_TEST(rejects_missing_signature)
{
	struct gpt_info gi;

	build(92);
	hdr[0] = 'X';
	T_EXPECT_EQ(gpt_parse_header(hdr, DISK, &gi), -1);
}

T_TEST(accepts_longer_header)
{
	struct gpt_info gi;

	build(128);
	T_EXPECT_EQ(gpt_parse_header(hdr, DISK, &gi), 0);
}

T_TEST(rejects_bad_entries_crc)
{
	struct gpt_info gi;
	struct gpt_part p[4];

	build(92);
	T_ASSERT(gpt_parse_header(hdr, DISK, &gi) == 0);
	ents[200] ^= 0x40;
	T_EXPECT_EQ(gpt_parse_entries(&gi, ents, DISK, p, 4), -1);
}

T_TEST(skips_entries_outside_the_disk)
{
	struct gpt_info gi;
	struct gpt_part p[4];

	build(92);
	T_ASSERT(gpt_parse_header(hdr, DISK, &gi) == 0);
	/* The same table on a disk too small for partition 3. */
	T_EXPECT_EQ(gpt_parse_entries(&gi, ents, 100000, p, 4), 1);
	T_EXPECT_EQ(gpt_parse_entries(&gi, ents, DISK, p, 1), 1);
}

T_TEST(rejects_entries_beyond_disk)
{
	struct gpt_info gi;

	build(92);
	T_EXPECT_EQ(gpt_parse_header(hdr, 2, &gi), -1);
}
