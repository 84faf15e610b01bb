/* fsutil.h - rpg: openat-based file helpers that never leave the root */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_FSUTIL_H
#define RPG_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

#include "ctx.h"

/*
 * Every path below is relative to a directory fd (normally the root's).
 * Walks open one component at a time with O_NOFOLLOW, so a symbolic link
 * anywhere on a path is refused (RPG_E_UNSAFE) instead of followed: rpg
 * never writes or removes through a link, whatever the link points at.
 */

/* Open ctx->root (or dir relative to it when dir != NULL) as an O_DIRECTORY fd. */
int rpg_fs_open_root(struct rpg_ctx *ctx, int *fd);
/*
 * Make ctx->root and its missing parents (mkdir -p), the ones made with
 * mode whatever the umask; an existing directory is fine.
 */
int rpg_fs_mkroot(struct rpg_ctx *ctx, unsigned mode);
/*
 * Open the directory rel (relative to dirfd, "" or "." is dirfd itself),
 * never following links; mkdir missing components with mode when create
 * is set. *out is a new fd.
 */
#define RPG_FS_CREATE 1
int rpg_fs_opendir(struct rpg_ctx *ctx, int dirfd, const char *rel, int create,
    unsigned mode, int *out);
/*
 * Open the parent directory of rel safely; *base points into rel at the
 * last component. *out is a new fd.
 */
int rpg_fs_openparent(struct rpg_ctx *ctx, int dirfd, const char *rel, int create,
    int *out, const char **base);
/*
 * Read a whole file (at most max bytes, else RPG_E_FORMAT); *buf malloc'd,
 * NUL-terminated. A missing file is -ENOENT with no message (callers probe).
 */
int rpg_fs_read(struct rpg_ctx *ctx, int dirfd, const char *name, size_t max, char **buf,
    size_t *len);
/*
 * Replace dirfd/name with data atomically: write name.tmp, fsync it,
 * rename over name, fsync the directory.
 */
int rpg_fs_write_atomic(struct rpg_ctx *ctx, int dirfd, const char *name, const void *data,
    size_t len, unsigned mode);
/* write() all of buf; 0 or -errno. */
int rpg_fs_write_all(int fd, const void *buf, size_t len);
/* Copy a whole file between two fds (from offset 0 of in); 0 or -errno. */
int rpg_fs_copy_fd(int in, int out);
/* Remove a tree below dirfd (never following links); missing is fine. */
int rpg_fs_rmtree(struct rpg_ctx *ctx, int dirfd, const char *name);
/* fsync a directory given by fd; 0 or -errno (EINVAL from odd file systems ignored). */
int rpg_fs_fsync_dir(int fd);
/* 1 if path stays inside the root when resolved lexically from the link's directory. */
int rpg_fs_link_inside(const char *linkpath, const char *target);
/* "a/b/c" -> "a/b" into buf (empty for top level). */
void rpg_fs_dirname(const char *path, char *buf, size_t size);

#endif
