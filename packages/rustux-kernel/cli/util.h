/* util.h - rustux-kernel CLI helpers: the repository root, running programs, files */
/* SPDX-License-Identifier: MIT */
#ifndef RK_UTIL_H
#define RK_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define RK_PATH_MAX 4096

/* The repository root: $RUSTUX_TOP, else three levels above the binary
 * (out/host/bin), else the current directory. */
extern char rk_top[RK_PATH_MAX];
void rk_find_top(void);

/* "rk_top/rel" into buf (RK_PATH_MAX). */
const char *rk_path(char *buf, const char *rel);

/* Run argv (NULL-terminated) and wait; returns its exit status, 128+signal
 * when killed, -1 when it could not start. quiet: stdout+stderr to
 * /dev/null. */
int rk_run(char *const argv[], int quiet);

/* Print "rustux-kernel: what: why" on stderr and return -1. */
int rk_err(const char *what, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

int rk_copy_file(const char *src, const char *dst);
int rk_mkdirs(const char *path);
int rk_exists(const char *path);
int rk_write_file(const char *path, const char *text);

/* Read a whole file, NUL-terminated; free() it. NULL on error. */
char *rk_read_file(const char *path, size_t *len);

/* "128M", "1G", "512K", "4096" -> bytes. */
int rk_parse_size(const char *s, uint64_t *bytes);

#endif
