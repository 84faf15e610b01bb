/* host.h - kernel unit tests: rename lib/string.c's symbols away from the host libc */
/* SPDX-License-Identifier: MIT */
/*
 * Force-included (-include) into every host-compiled kernel source, so the
 * kernel's own memcpy & co. are tested as kmemcpy & co. and the host libc
 * (and the sanitizers' interceptors) keep theirs.
 */
#ifndef RUSTUX_TESTS_HOST_H
#define RUSTUX_TESTS_HOST_H

#define memcpy		k_memcpy
#define memmove		k_memmove
#define memset		k_memset
#define memcmp		k_memcmp
#define strlen		k_strlen
#define strnlen		k_strnlen
#define strcmp		k_strcmp
#define strncmp		k_strncmp
#define strchr		k_strchr
#define strlcpy		k_strlcpy

#endif
