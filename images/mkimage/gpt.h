/* gpt.h - rustica-mkimage: GUID partition tables, written and read in memory (pure) */
/* SPDX-License-Identifier: MIT */
#ifndef MKIMAGE_GPT_H
#define MKIMAGE_GPT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Everything here works on caller-supplied buffers: no I/O, no allocation,
 * no global state, so the host tests can feed it garbage. Sectors are 512
 * bytes. A disk built here has a protective MBR (LBA 0), the primary header
 * (LBA 1), 128 entries of 128 bytes (LBA 2-33), the partitions, then the
 * backup entries (LBA N-33 .. N-2) and the backup header (LBA N-1).
 */

#define GPT_SECTOR 512u
#define GPT_ENTRIES 128u
#define GPT_ENTRY_SIZE 128u
#define GPT_ARRAY_SECTORS (GPT_ENTRIES * GPT_ENTRY_SIZE / GPT_SECTOR)	/* 32 */
#define GPT_HEAD_SECTORS (2u + GPT_ARRAY_SECTORS)	/* MBR + header + array: 34 */
#define GPT_TAIL_SECTORS (GPT_ARRAY_SECTORS + 1u)	/* array + backup header: 33 */
#define GPT_HEAD_BYTES (GPT_HEAD_SECTORS * GPT_SECTOR)
#define GPT_TAIL_BYTES (GPT_TAIL_SECTORS * GPT_SECTOR)
#define GPT_ALIGN_LBA 2048u			/* partitions start on 1 MiB boundaries */
#define GPT_MAX_PARTS 4u			/* what an image needs; the array still has 128 slots */
#define GPT_NAME_MAX 36u			/* UTF-16 code units in an entry's name */

/* A GUID in its on-disk byte order (first three fields little-endian). */
struct gpt_guid {
	uint8_t b[16];
};

/* The EFI System Partition type, C12A7328-F81F-11D2-BA4B-00A0C93EC93B. */
extern const struct gpt_guid gpt_type_esp;

struct gpt_part {
	struct gpt_guid type;
	struct gpt_guid uuid;
	uint64_t first_lba;
	uint64_t last_lba;		/* inclusive */
	uint64_t attrs;
	char name[GPT_NAME_MAX + 1];	/* ASCII; stored as UTF-16LE */
};

struct gpt_disk {
	uint64_t sectors;		/* total size of the disk in sectors */
	struct gpt_guid uuid;
	unsigned nparts;
	struct gpt_part parts[GPT_MAX_PARTS];
};

enum gpt_status {
	GPT_OK = 0,
	GPT_E_SIZE = -1,	/* disk too small, or a partition outside the usable range */
	GPT_E_OVERLAP = -2,	/* two partitions share sectors */
	GPT_E_MAGIC = -3,	/* no "EFI PART" signature, or no protective MBR */
	GPT_E_CRC = -4,		/* header or entry array CRC32 mismatch */
	GPT_E_FORMAT = -5,	/* a header field out of range */
	GPT_E_NOTFOUND = -6,	/* no partition of the requested type */
	GPT_E_SHORT = -7	/* the buffer does not hold what the header points at */
};

/* A static description of a status ("header CRC32 mismatch"). */
const char *gpt_strerror(int status);

/* The IEEE CRC32 (as in zlib and the UEFI spec) of len bytes, continuing from crc (start with 0). */
uint32_t gpt_crc32(uint32_t crc, const void *buf, size_t len);

/* Parse "C12A7328-F81F-11D2-BA4B-00A0C93EC93B" (either case); 0 or GPT_E_FORMAT. */
int gpt_guid_parse(const char *s, struct gpt_guid *g);
/* Format g as 36 upper-case characters plus NUL into out. */
void gpt_guid_format(const struct gpt_guid *g, char out[37]);
/*
 * Make a GUID from 16 bytes of a hash: sets the RFC 4122 version 4 and
 * variant bits so tools treat it as an ordinary random GUID.
 */
void gpt_guid_from_hash(const uint8_t hash[16], struct gpt_guid *g);

/* Usable LBA range of a disk of the given size: first is 34, last is sectors - 34. */
uint64_t gpt_first_usable(void);
uint64_t gpt_last_usable(uint64_t sectors);

/*
 * Check d: size, partitions inside the usable range, no overlap, names
 * ASCII and short enough. 0 or a GPT_E_* status.
 */
int gpt_validate(const struct gpt_disk *d);

/*
 * Write the first GPT_HEAD_BYTES of the disk (protective MBR, primary
 * header, entry array) into head, and the last GPT_TAIL_BYTES (backup
 * entry array, backup header) into tail. Validates d first; 0 or GPT_E_*.
 */
int gpt_write(const struct gpt_disk *d, uint8_t head[GPT_HEAD_BYTES], uint8_t tail[GPT_TAIL_BYTES]);

/*
 * Read the primary GPT from buf, the first len bytes of a disk of
 * disk_bytes bytes (give at least GPT_HEAD_BYTES; the entry array must lie
 * inside buf). Checks the protective MBR, signature, header and array
 * CRCs and every field against the disk size, then fills d with the used
 * entries (up to GPT_MAX_PARTS). 0 or GPT_E_*; never reads past len.
 */
int gpt_read(const uint8_t *buf, size_t len, uint64_t disk_bytes, struct gpt_disk *d);

/* The index in d of the first partition of type t, or GPT_E_NOTFOUND. */
int gpt_find(const struct gpt_disk *d, const struct gpt_guid *t);

#endif
