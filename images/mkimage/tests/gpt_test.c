/* gpt_test.c - rustica-mkimage: host unit tests of gpt.c, TAP output */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../gpt.h"

static int ntest, nfail;

#define CHECK(name, cond) check_one((name), (cond) ? 1 : 0, #cond)

static void
check_one(const char *name, int ok, const char *expr)
{
	ntest++;
	if (ok) {
		printf("ok %d gpt_%s\n", ntest, name);
	} else {
		nfail++;
		printf("not ok %d gpt_%s  # %s\n", ntest, name, expr);
	}
}

/* A 16 MiB disk: head, 14 MiB ESP at 1 MiB, tail; kept in one buffer. */
#define DISK_SECTORS (16u * 2048u)
static uint8_t disk[DISK_SECTORS * GPT_SECTOR];

static void
sample(struct gpt_disk *d)
{
	memset(d, 0, sizeof(*d));
	d->sectors = DISK_SECTORS;
	gpt_guid_parse("01234567-89AB-4DEF-8123-456789ABCDEF", &d->uuid);
	d->nparts = 1;
	d->parts[0].type = gpt_type_esp;
	gpt_guid_parse("FEDCBA98-7654-4321-8FED-CBA987654321", &d->parts[0].uuid);
	d->parts[0].first_lba = GPT_ALIGN_LBA;
	d->parts[0].last_lba = GPT_ALIGN_LBA + 14u * 2048u - 1;
	strcpy(d->parts[0].name, "EFI System Partition");
}

static int
build(const struct gpt_disk *d)
{
	memset(disk, 0, sizeof(disk));
	return gpt_write(d, disk, disk + sizeof(disk) - GPT_TAIL_BYTES);
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void
test_crc_and_guids(void)
{
	struct gpt_guid g;
	char s[37];
	uint8_t h[16];

	CHECK("crc32_check_value", gpt_crc32(0, "123456789", 9) == 0xcbf43926u);
	CHECK("crc32_incremental", gpt_crc32(gpt_crc32(0, "1234", 4), "56789", 5) == 0xcbf43926u);
	gpt_guid_format(&gpt_type_esp, s);
	CHECK("esp_type_text", strcmp(s, "C12A7328-F81F-11D2-BA4B-00A0C93EC93B") == 0);
	CHECK("guid_parse_lower", gpt_guid_parse("c12a7328-f81f-11d2-ba4b-00a0c93ec93b", &g) == 0 &&
	    memcmp(&g, &gpt_type_esp, 16) == 0);
	CHECK("guid_parse_rejects_short", gpt_guid_parse("C12A7328-F81F-11D2-BA4B-00A0C93EC93", &g) != 0);
	CHECK("guid_parse_rejects_junk", gpt_guid_parse("C12A7328-F81F-11D2-BA4B-00A0C93EC9XY", &g) != 0);
	CHECK("guid_parse_rejects_misplaced_dash",
	    gpt_guid_parse("C12A7328F-81F-11D2-BA4B-00A0C93EC93B", &g) != 0);
	memset(h, 0xff, sizeof(h));
	gpt_guid_from_hash(h, &g);
	gpt_guid_format(&g, s);
	CHECK("guid_from_hash_sets_version_and_variant", s[14] == '4' && s[19] == 'B');
}

static void
test_roundtrip(void)
{
	struct gpt_disk d, r;
	const uint8_t *bh = disk + sizeof(disk) - GPT_SECTOR;

	sample(&d);
	CHECK("write_ok", build(&d) == GPT_OK);
	CHECK("mbr_protective", disk[446 + 4] == 0xee && disk[510] == 0x55 && disk[511] == 0xaa &&
	    le32(disk + 446 + 8) == 1 && le32(disk + 446 + 12) == DISK_SECTORS - 1);
	CHECK("read_back", gpt_read(disk, GPT_HEAD_BYTES, sizeof(disk), &r) == GPT_OK);
	CHECK("read_back_fields", r.nparts == 1 && r.sectors == DISK_SECTORS &&
	    memcmp(&r.uuid, &d.uuid, 16) == 0 && r.parts[0].first_lba == d.parts[0].first_lba &&
	    r.parts[0].last_lba == d.parts[0].last_lba &&
	    strcmp(r.parts[0].name, "EFI System Partition") == 0);
	CHECK("find_esp", gpt_find(&r, &gpt_type_esp) == 0);
	CHECK("backup_header_signature", memcmp(bh, "EFI PART", 8) == 0);
	CHECK("backup_header_points_back", bh[32] == 1 && le32(bh + 72) == DISK_SECTORS - 33);
	CHECK("backup_array_crc_equals_primary", le32(bh + 88) == le32(disk + GPT_SECTOR + 88));
	CHECK("backup_array_equals_primary",
	    memcmp(disk + 2 * GPT_SECTOR, disk + sizeof(disk) - GPT_TAIL_BYTES, 32 * GPT_SECTOR) == 0);
}

static void
test_validate(void)
{
	struct gpt_disk d;

	sample(&d);
	d.parts[0].last_lba = DISK_SECTORS - 33;
	CHECK("validate_rejects_partition_over_backup", gpt_validate(&d) == GPT_E_SIZE);
	sample(&d);
	d.parts[0].first_lba = 33;
	CHECK("validate_rejects_partition_over_array", gpt_validate(&d) == GPT_E_SIZE);
	sample(&d);
	d.nparts = 2;
	d.parts[1] = d.parts[0];
	d.parts[1].first_lba = d.parts[0].last_lba;
	d.parts[1].last_lba = d.parts[0].last_lba + 10;
	CHECK("validate_rejects_overlap", gpt_validate(&d) == GPT_E_OVERLAP);
	sample(&d);
	d.sectors = 60;
	CHECK("validate_rejects_tiny_disk", gpt_validate(&d) == GPT_E_SIZE);
	sample(&d);
	d.parts[0].name[0] = (char)0xc3;
	CHECK("validate_rejects_non_ascii_name", gpt_validate(&d) == GPT_E_FORMAT);
	sample(&d);
	d.nparts = GPT_MAX_PARTS + 1;
	CHECK("validate_rejects_too_many_parts", gpt_validate(&d) == GPT_E_SIZE);
}

/* Rebuild the sample, apply f, and return what the reader says. */
static int
read_mutated(void (*f)(void), size_t len)
{
	struct gpt_disk d, r;

	sample(&d);
	build(&d);
	f();
	return gpt_read(disk, len, sizeof(disk), &r);
}

static void mut_mbr_sig(void) { disk[510] = 0; }
static void mut_mbr_type(void) { disk[446 + 4] = 0x0c; }
static void mut_hdr_sig(void) { disk[GPT_SECTOR] = 'X'; }
static void mut_hdr_crc(void) { disk[GPT_SECTOR + 40] ^= 1; }
static void mut_array_crc(void) { disk[2 * GPT_SECTOR + 40] ^= 1; }
static void mut_nothing(void) { }

/* Change a header field and fix the header CRC, so only the field check can catch it. */
static void
set_field32(size_t off, uint32_t v)
{
	uint8_t *h = disk + GPT_SECTOR;
	uint32_t crc;

	memcpy(h + off, &v, 4);
	memset(h + 16, 0, 4);
	crc = gpt_crc32(0, h, 92);
	memcpy(h + 16, &crc, 4);
}

static void mut_count_huge(void) { set_field32(80, 0x7fffffffu); }
static void mut_entry_size(void) { set_field32(84, 64); }
static void mut_array_far(void) { set_field32(72, 5000); }
static void mut_hdr_size(void) { set_field32(12, 0xffffffffu); }
static void mut_my_lba(void) { set_field32(24, 7); }

static void
mut_part_outside(void)
{
	uint8_t *e = disk + 2 * GPT_SECTOR;
	uint32_t crc;

	e[40 + 4] = 0x10;	/* last LBA far past the disk */
	crc = gpt_crc32(0, e, 128 * 128);
	memcpy(disk + GPT_SECTOR + 88, &crc, 4);
	set_field32(88, crc);
}

static void
test_hostile(void)
{
	struct gpt_disk r;
	uint32_t seed = 12345;
	size_t i, j;
	int crashes_none = 1, accepted = 0, rc;

	CHECK("read_rejects_bad_mbr_signature", read_mutated(mut_mbr_sig, GPT_HEAD_BYTES) == GPT_E_MAGIC);
	CHECK("read_rejects_non_protective_mbr", read_mutated(mut_mbr_type, GPT_HEAD_BYTES) == GPT_E_MAGIC);
	CHECK("read_rejects_bad_signature", read_mutated(mut_hdr_sig, GPT_HEAD_BYTES) == GPT_E_MAGIC);
	CHECK("read_rejects_header_crc", read_mutated(mut_hdr_crc, GPT_HEAD_BYTES) == GPT_E_CRC);
	CHECK("read_rejects_array_crc", read_mutated(mut_array_crc, GPT_HEAD_BYTES) == GPT_E_CRC);
	CHECK("read_rejects_huge_entry_count", read_mutated(mut_count_huge, GPT_HEAD_BYTES) == GPT_E_FORMAT);
	CHECK("read_rejects_odd_entry_size", read_mutated(mut_entry_size, GPT_HEAD_BYTES) == GPT_E_FORMAT);
	CHECK("read_rejects_array_beyond_buffer", read_mutated(mut_array_far, GPT_HEAD_BYTES) == GPT_E_SHORT);
	CHECK("read_rejects_header_size", read_mutated(mut_hdr_size, GPT_HEAD_BYTES) == GPT_E_FORMAT);
	CHECK("read_rejects_wrong_my_lba", read_mutated(mut_my_lba, GPT_HEAD_BYTES) == GPT_E_FORMAT);
	CHECK("read_rejects_partition_past_disk", read_mutated(mut_part_outside, GPT_HEAD_BYTES) == GPT_E_FORMAT);
	CHECK("read_rejects_truncated_buffer", read_mutated(mut_nothing, 1000) == GPT_E_SHORT);
	CHECK("read_rejects_array_cut_short", read_mutated(mut_nothing, GPT_HEAD_BYTES - 512) == GPT_E_SHORT);
	CHECK("read_rejects_disk_smaller_than_header", read_mutated(mut_nothing, GPT_HEAD_BYTES) == GPT_OK &&
	    gpt_read(disk, GPT_HEAD_BYTES, 20 * GPT_SECTOR, &r) == GPT_E_SIZE);
	CHECK("read_rejects_empty", gpt_read(disk, 0, 0, &r) != GPT_OK);
	/* Random garbage in the first 34 sectors: the reader must answer, never accept. */
	for (i = 0; i < 2000; i++) {
		for (j = 0; j < GPT_HEAD_BYTES; j++) {
			seed = seed * 1103515245u + 12345u;
			disk[j] = (uint8_t)(seed >> 16);
		}
		disk[510] = 0x55;
		disk[511] = 0xaa;
		disk[446 + 4] = 0xee;
		memcpy(disk + GPT_SECTOR, "EFI PART", 8);
		rc = gpt_read(disk, GPT_HEAD_BYTES, sizeof(disk), &r);
		accepted += rc == GPT_OK;
		crashes_none &= rc <= 0;
	}
	CHECK("read_survives_garbage", crashes_none && accepted == 0);
	/* Every single-byte flip in the primary header's 92 bytes is caught. */
	accepted = 0;
	for (i = 0; i < 92; i++) {
		struct gpt_disk d;

		sample(&d);
		build(&d);
		disk[GPT_SECTOR + i] ^= 0x5a;
		accepted += gpt_read(disk, GPT_HEAD_BYTES, sizeof(disk), &r) == GPT_OK;
	}
	CHECK("read_catches_every_header_byte_flip", accepted == 0);
}

int
main(void)
{
	test_crc_and_guids();
	test_roundtrip();
	test_validate();
	test_hostile();
	printf("# %d passed, %d failed\n", ntest - nfail, nfail);
	return nfail != 0;
}
