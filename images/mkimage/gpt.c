/* gpt.c - rustica-mkimage: GUID partition tables, written and read in memory (pure) */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "gpt.h"

/* Offsets inside the 92-byte header (UEFI 2.10, 5.3.2). */
enum {
	H_SIG = 0, H_REV = 8, H_SIZE = 12, H_CRC = 16, H_MY = 24, H_ALT = 32,
	H_FIRST = 40, H_LAST = 48, H_GUID = 56, H_ARRAY = 72, H_COUNT = 80,
	H_ESIZE = 84, H_ACRC = 88, H_LEN = 92
};

/* Offsets inside a 128-byte entry. */
enum {
	E_TYPE = 0, E_UUID = 16, E_FIRST = 32, E_LAST = 40, E_ATTRS = 48, E_NAME = 56
};

#define GPT_REVISION 0x00010000u
#define MBR_ENTRY 446u

const struct gpt_guid gpt_type_esp = { {
	0x28, 0x73, 0x2a, 0xc1, 0x1f, 0xf8, 0xd2, 0x11,
	0xba, 0x4b, 0x00, 0xa0, 0xc9, 0x3e, 0xc9, 0x3b
} };

static const char *const gpt_messages[] = {
	[0] = "success",
	[1] = "disk too small or partition outside the usable range",
	[2] = "partitions overlap",
	[3] = "no GPT signature or protective MBR",
	[4] = "GPT CRC32 mismatch",
	[5] = "GPT header field out of range",
	[6] = "no such partition",
	[7] = "GPT data lies beyond what was read"
};

const char *
gpt_strerror(int status)
{
	if (status > 0 || -status >= (int)(sizeof(gpt_messages) / sizeof(gpt_messages[0]))) {
		return "unknown GPT error";
	}
	return gpt_messages[-status];
}

uint32_t
gpt_crc32(uint32_t crc, const void *buf, size_t len)
{
	static uint32_t table[256];
	const uint8_t *p = buf;
	uint32_t c;
	size_t i;
	int k;

	/* Built on first use; the same values every time, so this stays pure. */
	if (table[1] == 0) {
		for (i = 0; i < 256; i++) {
			c = (uint32_t)i;
			for (k = 0; k < 8; k++) {
				c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
			}
			table[i] = c;
		}
	}
	crc = ~crc;
	for (i = 0; i < len; i++) {
		crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
	}
	return ~crc;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static void
put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t
get64(const uint8_t *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/* Byte i of the text form goes to on-disk byte guid_order[i]. */
static const uint8_t guid_order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };

int
gpt_guid_parse(const char *s, struct gpt_guid *g)
{
	int i, hi, lo;

	if (strlen(s) != 36) {
		return GPT_E_FORMAT;
	}
	for (i = 0; i < 16; i++) {
		if (*s == '-') {
			s++;
		}
		hi = hexval(s[0]);
		lo = hexval(s[1]);
		if (hi < 0 || lo < 0) {
			return GPT_E_FORMAT;
		}
		g->b[guid_order[i]] = (uint8_t)(hi << 4 | lo);
		s += 2;
	}
	return *s == '\0' ? GPT_OK : GPT_E_FORMAT;
}

void
gpt_guid_format(const struct gpt_guid *g, char out[37])
{
	char *p = out;
	int i;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10) {
			*p++ = '-';
		}
		snprintf(p, 3, "%02X", g->b[guid_order[i]]);
		p += 2;
	}
	*p = '\0';
}

void
gpt_guid_from_hash(const uint8_t hash[16], struct gpt_guid *g)
{
	uint8_t t[16];
	int i;

	memcpy(t, hash, 16);
	t[6] = (uint8_t)((t[6] & 0x0f) | 0x40);	/* version 4 */
	t[8] = (uint8_t)((t[8] & 0x3f) | 0x80);	/* RFC 4122 variant */
	for (i = 0; i < 16; i++) {
		g->b[guid_order[i]] = t[i];
	}
}

uint64_t
gpt_first_usable(void)
{
	return GPT_HEAD_SECTORS;
}

uint64_t
gpt_last_usable(uint64_t sectors)
{
	return sectors - GPT_TAIL_SECTORS - 1;
}

static int
guid_is_zero(const struct gpt_guid *g)
{
	static const struct gpt_guid zero;

	return memcmp(g, &zero, sizeof(zero)) == 0;
}

static int
part_validate(const struct gpt_disk *d, const struct gpt_part *p)
{
	size_t i, n = strnlen(p->name, sizeof(p->name));

	if (n > GPT_NAME_MAX) {
		return GPT_E_FORMAT;
	}
	for (i = 0; i < n; i++) {
		if ((unsigned char)p->name[i] >= 0x80) {
			return GPT_E_FORMAT;
		}
	}
	if (guid_is_zero(&p->type)) {
		return GPT_E_FORMAT;
	}
	if (p->first_lba < gpt_first_usable() || p->last_lba < p->first_lba ||
	    p->last_lba > gpt_last_usable(d->sectors)) {
		return GPT_E_SIZE;
	}
	return GPT_OK;
}

int
gpt_validate(const struct gpt_disk *d)
{
	unsigned i, j;
	int rc;

	if (d->sectors < GPT_HEAD_SECTORS + GPT_TAIL_SECTORS + 1 || d->nparts > GPT_MAX_PARTS) {
		return GPT_E_SIZE;
	}
	for (i = 0; i < d->nparts; i++) {
		if ((rc = part_validate(d, &d->parts[i])) != GPT_OK) {
			return rc;
		}
		for (j = 0; j < i; j++) {
			if (d->parts[i].first_lba <= d->parts[j].last_lba &&
			    d->parts[j].first_lba <= d->parts[i].last_lba) {
				return GPT_E_OVERLAP;
			}
		}
	}
	return GPT_OK;
}

static void
write_mbr(const struct gpt_disk *d, uint8_t *mbr)
{
	uint8_t *e = mbr + MBR_ENTRY;
	uint64_t n = d->sectors - 1;

	memset(mbr, 0, GPT_SECTOR);
	e[1] = 0x00;		/* CHS of LBA 1: head 0, sector 2, cylinder 0 */
	e[2] = 0x02;
	e[3] = 0x00;
	e[4] = 0xee;		/* GPT protective */
	e[5] = 0xff;		/* CHS end: as large as CHS goes */
	e[6] = 0xff;
	e[7] = 0xff;
	put32(e + 8, 1);
	put32(e + 12, n > 0xffffffffu ? 0xffffffffu : (uint32_t)n);
	mbr[510] = 0x55;
	mbr[511] = 0xaa;
}

static void
write_entries(const struct gpt_disk *d, uint8_t *array)
{
	const struct gpt_part *p;
	uint8_t *e;
	unsigned i;
	size_t k;

	memset(array, 0, GPT_ARRAY_SECTORS * GPT_SECTOR);
	for (i = 0; i < d->nparts; i++) {
		p = &d->parts[i];
		e = array + i * GPT_ENTRY_SIZE;
		memcpy(e + E_TYPE, p->type.b, 16);
		memcpy(e + E_UUID, p->uuid.b, 16);
		put64(e + E_FIRST, p->first_lba);
		put64(e + E_LAST, p->last_lba);
		put64(e + E_ATTRS, p->attrs);
		for (k = 0; k < GPT_NAME_MAX && p->name[k] != '\0'; k++) {
			put16(e + E_NAME + 2 * k, (uint8_t)p->name[k]);
		}
	}
}

static void
write_header(const struct gpt_disk *d, uint8_t *h, uint64_t my, uint64_t alt, uint64_t array,
    uint32_t acrc)
{
	memset(h, 0, GPT_SECTOR);
	memcpy(h + H_SIG, "EFI PART", 8);
	put32(h + H_REV, GPT_REVISION);
	put32(h + H_SIZE, H_LEN);
	put64(h + H_MY, my);
	put64(h + H_ALT, alt);
	put64(h + H_FIRST, gpt_first_usable());
	put64(h + H_LAST, gpt_last_usable(d->sectors));
	memcpy(h + H_GUID, d->uuid.b, 16);
	put64(h + H_ARRAY, array);
	put32(h + H_COUNT, GPT_ENTRIES);
	put32(h + H_ESIZE, GPT_ENTRY_SIZE);
	put32(h + H_ACRC, acrc);
	put32(h + H_CRC, gpt_crc32(0, h, H_LEN));
}

int
gpt_write(const struct gpt_disk *d, uint8_t head[GPT_HEAD_BYTES], uint8_t tail[GPT_TAIL_BYTES])
{
	uint64_t last = d->sectors - 1;
	uint32_t acrc;
	int rc;

	if ((rc = gpt_validate(d)) != GPT_OK) {
		return rc;
	}
	write_mbr(d, head);
	write_entries(d, head + 2 * GPT_SECTOR);
	acrc = gpt_crc32(0, head + 2 * GPT_SECTOR, GPT_ARRAY_SECTORS * GPT_SECTOR);
	write_header(d, head + GPT_SECTOR, 1, last, 2, acrc);
	memcpy(tail, head + 2 * GPT_SECTOR, GPT_ARRAY_SECTORS * GPT_SECTOR);
	write_header(d, tail + GPT_ARRAY_SECTORS * GPT_SECTOR, last, 1, last - GPT_ARRAY_SECTORS,
	    acrc);
	return GPT_OK;
}

static int
check_mbr(const uint8_t *mbr)
{
	int i;

	if (mbr[510] != 0x55 || mbr[511] != 0xaa) {
		return GPT_E_MAGIC;
	}
	/* Any of the four MBR slots may hold the 0xEE entry (hybrid MBRs exist). */
	for (i = 0; i < 4; i++) {
		if (mbr[MBR_ENTRY + 16 * i + 4] == 0xee) {
			return GPT_OK;
		}
	}
	return GPT_E_MAGIC;
}

static int
check_header(const uint8_t *h, uint64_t sectors)
{
	uint8_t copy[H_LEN];
	uint32_t size = get32(h + H_SIZE);
	uint64_t first = get64(h + H_FIRST), last = get64(h + H_LAST);

	if (memcmp(h + H_SIG, "EFI PART", 8) != 0) {
		return GPT_E_MAGIC;
	}
	/* The CRC covers header-size bytes; only the 92 the spec defines are accepted. */
	if (size != H_LEN) {
		return GPT_E_FORMAT;
	}
	memcpy(copy, h, H_LEN);
	memset(copy + H_CRC, 0, 4);
	if (gpt_crc32(0, copy, H_LEN) != get32(h + H_CRC)) {
		return GPT_E_CRC;
	}
	if (get64(h + H_MY) != 1 || get64(h + H_ALT) >= sectors || first > last ||
	    last >= sectors || get32(h + H_ESIZE) != GPT_ENTRY_SIZE ||
	    get32(h + H_COUNT) == 0 || get32(h + H_COUNT) > 1024) {
		return GPT_E_FORMAT;
	}
	return GPT_OK;
}

static void
read_entry(const uint8_t *e, struct gpt_part *p)
{
	size_t k;
	unsigned c;

	memset(p, 0, sizeof(*p));
	memcpy(p->type.b, e + E_TYPE, 16);
	memcpy(p->uuid.b, e + E_UUID, 16);
	p->first_lba = get64(e + E_FIRST);
	p->last_lba = get64(e + E_LAST);
	p->attrs = get64(e + E_ATTRS);
	for (k = 0; k < GPT_NAME_MAX; k++) {
		c = (unsigned)e[E_NAME + 2 * k] | (unsigned)e[E_NAME + 2 * k + 1] << 8;
		if (c == 0) {
			break;
		}
		p->name[k] = c < 0x80 ? (char)c : '?';
	}
}

static int
read_entries(const uint8_t *array, uint32_t count, const uint8_t *h, struct gpt_disk *d)
{
	uint64_t first = get64(h + H_FIRST), last = get64(h + H_LAST);
	struct gpt_part p;
	uint32_t i;

	d->nparts = 0;
	for (i = 0; i < count; i++) {
		read_entry(array + (size_t)i * GPT_ENTRY_SIZE, &p);
		if (guid_is_zero(&p.type)) {
			continue;
		}
		if (p.first_lba < first || p.last_lba < p.first_lba || p.last_lba > last) {
			return GPT_E_FORMAT;
		}
		if (d->nparts < GPT_MAX_PARTS) {
			d->parts[d->nparts++] = p;
		}
	}
	return GPT_OK;
}

int
gpt_read(const uint8_t *buf, size_t len, uint64_t disk_bytes, struct gpt_disk *d)
{
	const uint8_t *h;
	uint64_t sectors = disk_bytes / GPT_SECTOR, array_lba, array_bytes;
	uint32_t count;
	int rc;

	memset(d, 0, sizeof(*d));
	if (len < 2 * GPT_SECTOR || sectors < GPT_HEAD_SECTORS + GPT_TAIL_SECTORS + 1) {
		return len < 2 * GPT_SECTOR ? GPT_E_SHORT : GPT_E_SIZE;
	}
	if ((rc = check_mbr(buf)) != GPT_OK) {
		return rc;
	}
	h = buf + GPT_SECTOR;
	if ((rc = check_header(h, sectors)) != GPT_OK) {
		return rc;
	}
	count = get32(h + H_COUNT);
	array_lba = get64(h + H_ARRAY);
	array_bytes = (uint64_t)count * GPT_ENTRY_SIZE;
	if (array_lba < 2 || array_lba >= sectors) {
		return GPT_E_FORMAT;
	}
	if (array_lba > len / GPT_SECTOR || array_bytes > len - array_lba * GPT_SECTOR) {
		return GPT_E_SHORT;
	}
	if (gpt_crc32(0, buf + array_lba * GPT_SECTOR, array_bytes) != get32(h + H_ACRC)) {
		return GPT_E_CRC;
	}
	d->sectors = sectors;
	memcpy(d->uuid.b, h + H_GUID, 16);
	return read_entries(buf + array_lba * GPT_SECTOR, count, h, d);
}

int
gpt_find(const struct gpt_disk *d, const struct gpt_guid *t)
{
	unsigned i;

	for (i = 0; i < d->nparts && i < GPT_MAX_PARTS; i++) {
		if (memcmp(&d->parts[i].type, t, sizeof(*t)) == 0) {
			return (int)i;
		}
	}
	return GPT_E_NOTFOUND;
}
