/* archive.h - rpg: the .rpg container (zstd pax tar) through libarchive */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_ARCHIVE_H
#define RPG_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ctx.h"

/* What an archive entry is, as read (before any policy is applied). */
enum rpg_etype {
	RPG_ET_FILE = 1,
	RPG_ET_DIR,
	RPG_ET_SYMLINK,
	RPG_ET_HARDLINK,	/* always refused by install */
	RPG_ET_OTHER		/* device, fifo, socket: always refused */
};

struct rpg_entry {
	const char *path;	/* as stored, valid until the next call */
	enum rpg_etype type;
	unsigned mode;		/* 07777 bits */
	int64_t size;		/* declared data size */
	const char *link;	/* symlink or hard link target, or NULL */
};

struct rpg_areader;

/* Open a .rpg for streaming reads; what names it in errors. The reader does not own fd. */
int rpg_areader_open(struct rpg_ctx *ctx, int fd, const char *what, struct rpg_areader **out);
/* Next entry: 1 and *e filled, 0 at the end, or a negative code (corrupt, truncated). */
int rpg_areader_next(struct rpg_ctx *ctx, struct rpg_areader *r, struct rpg_entry *e);
/*
 * Read up to len bytes of the current entry's data: bytes read, 0 at its end,
 * or a negative code. Never returns more than the entry declared.
 */
ssize_t rpg_areader_read(struct rpg_ctx *ctx, struct rpg_areader *r, void *buf, size_t len);
void rpg_areader_close(struct rpg_areader *r);

/*
 * Read just the first two entries: the manifest and its signature, each
 * malloc'd and NUL-terminated, refusing a manifest over RPG_MANIFEST_MAX.
 * Leaves r positioned at the first payload entry.
 */
int rpg_areader_manifest(struct rpg_ctx *ctx, struct rpg_areader *r, char **manifest,
    size_t *mlen, char **sig, size_t *siglen);

#endif
