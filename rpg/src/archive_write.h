/* archive_write.h - rpg: writing the .rpg container (zstd pax tar), for rpg build */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_ARCHIVE_WRITE_H
#define RPG_ARCHIVE_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "archive.h"
#include "ctx.h"

/*
 * Entries are written exactly as given: owner 0:0 (root/root), the mtime
 * given (callers clamp it), no atime, ctime or xattrs, restricted pax
 * headers (ustar unless a name or size needs more), zstd level 9, no
 * padding after the last block. The same calls give the same bytes.
 */
struct rpg_awriter;

/* Start writing to fd (not owned); what names the output in errors. */
int rpg_awriter_open(struct rpg_ctx *ctx, int fd, const char *what, struct rpg_awriter **out);
/* A file whose data is in memory. */
int rpg_awriter_add_data(struct rpg_ctx *ctx, struct rpg_awriter *w, const char *path,
    unsigned mode, int64_t mtime, const void *data, size_t len);
/* A file whose size bytes are read from fd (must be exactly size, else an error). */
int rpg_awriter_add_fd(struct rpg_ctx *ctx, struct rpg_awriter *w, const char *path,
    unsigned mode, int64_t mtime, int fd, uint64_t size);
int rpg_awriter_add_dir(struct rpg_ctx *ctx, struct rpg_awriter *w, const char *path,
    unsigned mode, int64_t mtime);
int rpg_awriter_add_symlink(struct rpg_ctx *ctx, struct rpg_awriter *w, const char *path,
    unsigned mode, int64_t mtime, const char *target);
/* Finish the archive (flush the compressor) and free w, even on error. */
int rpg_awriter_close(struct rpg_ctx *ctx, struct rpg_awriter *w);

#endif
