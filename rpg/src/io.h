/* io.h - rpg: whole-file reads and atomic whole-file writes */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_IO_H
#define RPG_IO_H

#include <stddef.h>
#include <sys/types.h>

#include "ctx.h"

/*
 * Read all of path (at most max bytes, else RPG_E_FORMAT) into a malloc'd,
 * NUL-terminated *buf. Errors name path.
 */
int rpg_io_read_file(struct rpg_ctx *ctx, const char *path, size_t max, char **buf, size_t *len);
/*
 * Replace path with data atomically: write "path.tmp.PID", fsync, rename,
 * fsync the directory. mode is the new file's mode.
 */
int rpg_io_write_atomic(struct rpg_ctx *ctx, const char *path, const void *data, size_t len,
    mode_t mode);
/* write() all of len bytes; 0 or -errno. */
int rpg_io_write_all(int fd, const void *data, size_t len);
/* fsync the directory holding path; 0 or -errno. */
int rpg_io_fsync_parent(const char *path);

#endif
