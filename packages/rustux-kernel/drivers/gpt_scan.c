/* gpt_scan.c - kernel: GPT header and entry parsing with CRC32 checks (pure) */
/* SPDX-License-Identifier: MIT */
#include "drivers/gpt_scan.h"

static uint64_t
le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint32_t
gpt_crc32(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t c = 0xffffffffu;

	while (n--) {
		c ^= *b++;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1)));
	}
	return ~c;
}

int
gpt_parse_header(const uint8_t *sec, uint64_t sectors, struct gpt_info *gi)
{
	uint8_t h[512];
	uint32_t size;

	for (int i = 0; i < 8; i++)
		if (sec[i] != (uint8_t)"EFI PART"[i])
			return -1;
	size = le32(sec + 12);
	if (size < 92 || size > 512)
		return -1;
	for (uint32_t i = 0; i < size; i++)
		h[i] = sec[i];
	h[16] = h[17] = h[18] = h[19] = 0;
	if (gpt_crc32(h, size) != le32(sec + 16))
		return -1;
	gi->entries_lba = le64(sec + 72);
	gi->nentries = le32(sec + 80);
	gi->entry_size = le32(sec + 84);
	gi->entries_crc = le32(sec + 88);
	if (gi->entry_size < 128 || gi->entry_size % 8 != 0 || gi->nentries > 1024 ||
	    gi->entries_lba < 2 || gi->entries_lba >= sectors)
		return -1;
	return 0;
}

static int
used(const uint8_t *e)
{
	for (int i = 0; i < 16; i++)
		if (e[i] != 0)
			return 1;
	return 0;
}

int
gpt_parse_entries(const struct gpt_info *gi, const uint8_t *ents, uint64_t sectors,
    struct gpt_part *out, int max)
{
	int n = 0;

	if (gpt_crc32(ents, (size_t)gi->nentries * gi->entry_size) != gi->entries_crc)
		return -1;
	for (uint32_t i = 0; i < gi->nentries && n < max; i++) {
		const uint8_t *e = ents + (size_t)i * gi->entry_size;
		uint64_t first = le64(e + 32), last = le64(e + 40);

		if (!used(e) || last < first || last >= sectors)
			continue;
		out[n].index = i + 1;
		out[n].first_lba = first;
		out[n].sectors = last - first + 1;
		n++;
	}
	return n;
}
