/* fileops.h - tree operations shared by cp, mv, ln and rm */
/* SPDX-License-Identifier: MIT */
#ifndef COREUTILS_FILEOPS_H
#define COREUTILS_FILEOPS_H

#include <stddef.h>

/* copies src to dst (recursively if asked); 0 or 1 (messages printed). */
int copy_tree(const char *src, const char *dst, int recursive, int force);
/* dst, or dst/basename(src) when dst_is_dir; NULL if too long. */
const char *dest_path(char *buf, size_t n, const char *src, const char *dst, int dst_is_dir);
/* removes path (recursively if asked); 0 or 1 (messages printed unless quiet). */
int remove_tree(const char *path, int recursive, int force);

#endif
