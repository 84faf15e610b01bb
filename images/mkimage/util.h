/* util.h - rustica-mkimage: the error slot, hashing, files and child processes */
/* SPDX-License-Identifier: MIT */
#ifndef MKIMAGE_UTIL_H
#define MKIMAGE_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Modules report failure by returning mk_fail(...), which records one line
 * naming the file at fault; only main.c prints it (STYLE B1.4).
 */
int mk_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last message recorded by mk_fail. */
const char *mk_error(void);

/* SHA-256 of a buffer, or of a whole file (0 or mk_fail). */
void mk_sha256(const void *buf, size_t len, uint8_t out[32]);
int mk_sha256_file(const char *path, uint8_t out[32]);
/* Lower-case hex of len bytes into out (2 * len + 1 bytes). */
void mk_hex(const uint8_t *bin, size_t len, char *out);

/* Size of a regular file in bytes, or mk_fail. */
int mk_file_size(const char *path, uint64_t *size);
/* Read a whole file into a malloc'd NUL-terminated buffer (caller frees). */
int mk_read_file(const char *path, char **data, size_t *len);
/* Write data to path through path.tmp + fsync + rename. */
int mk_write_file(const char *path, const void *data, size_t len);
/* Write "HEX  basename\n" (sha256sum's format) to path.sha256, atomically. */
int mk_write_sha256(const char *path);
/* Copy a regular file (not a symlink) to dst with mode 0644, through dst.tmp + rename. */
int mk_copy_file(const char *src, const char *dst);
/* Copy the directories and regular files under src into dst (created); symlinks are refused. */
int mk_copy_tree(const char *src, const char *dst);
/* 1 if path exists (lstat), else 0. */
int mk_exists(const char *path);
/* mkdir -p. */
int mk_mkdirs(const char *path);
/* rm -rf, refusing "/" and the empty path. */
int mk_rmtree(const char *path);

/*
 * Run argv[0] (looked up in PATH) with argv, waiting for it; stdout goes
 * to out_path when it is not NULL. 0 when it exits 0, else mk_fail naming
 * the command.
 */
int mk_run(char *const argv[], const char *out_path);

#endif
