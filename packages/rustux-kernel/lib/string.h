/* string.h - kernel: the freestanding string and memory routines (pure, host-testable) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_LIB_STRING_H
#define RUSTUX_LIB_STRING_H

#include <stddef.h>

/*
 * The C names are kept because the compiler emits calls to memcpy, memset,
 * memmove and memcmp on its own. Host unit tests rename them (see
 * tests/unit/host.h) so they never clash with the host libc.
 */
void	*memcpy(void *dst, const void *src, size_t n);
void	*memmove(void *dst, const void *src, size_t n);
void	*memset(void *dst, int c, size_t n);
int	 memcmp(const void *a, const void *b, size_t n);
size_t	 strlen(const char *s);
size_t	 strnlen(const char *s, size_t max);
int	 strcmp(const char *a, const char *b);
int	 strncmp(const char *a, const char *b, size_t n);
char	*strchr(const char *s, int c);
size_t	 strlcpy(char *dst, const char *src, size_t size);

#endif
