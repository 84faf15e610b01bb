/* util.h - helpers shared by the coreutils tools */
/* SPDX-License-Identifier: MIT */
#ifndef COREUTILS_UTIL_H
#define COREUTILS_UTIL_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* The running tool's name, for messages ("ls: ..."). */
extern const char *prog;

/* prog: FMT\n on stderr. */
void msg(const char *fmt, ...);
/* prog: cannot WHAT 'PATH': strerror(errno) on stderr; returns 1. */
int fail(const char *what, const char *path);
/* Unknown option or missing operand: a hint on stderr; returns 2. */
int usage_error(void);
/* Writes all of buf; 0 or -1 with errno set. */
int write_all(int fd, const void *buf, size_t n);
/* Copies in to out until EOF; 0 or -1 (errno set). */
int copy_fd(int in, int out);
/* a "/" b in buf (size n); NULL when it does not fit. */
char *path_join(char *buf, size_t n, const char *a, const char *b);
/* Human-readable size (1.5K, 20M) in buf (at least 16 bytes). */
char *human_size(char *buf, unsigned long long n);
/* Reads up to n-1 bytes of a (small, /proc) file into buf, NUL-terminated; length or -1. */
ssize_t read_small(const char *path, char *buf, size_t n);
/* Parses a non-negative decimal; 0 on success, -1 if s is not one. */
int parse_ulong(const char *s, unsigned long *out);
/* Mode bits as "drwxr-xr-x" into buf (11 bytes). */
char *mode_string(char *buf, mode_t m);
/* Prints "usage: ..." of the running tool; the dispatcher provides it. */
void print_usage(int fd);

/* escape.c: prints the backslash escape after the '\\' at *pp (advancing it);
 * 1 if it was \\c (stop output). put_escaped does a whole string. With
 * octal_needs_zero, octal escapes are \\0NNN (echo) instead of \\NNN (printf). */
int put_escape(const char **pp, int octal_needs_zero);
int put_escaped(const char *s, int octal_needs_zero);

/* count.c: head and tail's shared front end: -n N / -c N / -N / +N options,
 * then one(f, n, from_start) for each file (or stdin), with ==> headers. */
extern int count_bytes;
int head_tail_run(int argc, char **argv, int (*one)(FILE *f, unsigned long n, int from_start));

/* power.c: asks init (signal sig) or calls reboot(2) with how; for reboot and poweroff. */
int shutdown_system(int argc, char **argv, int sig, int how);

#endif
