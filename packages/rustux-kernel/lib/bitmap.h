/* bitmap.h - kernel: a bit array with run search, the physical allocator's bookkeeping (pure) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_LIB_BITMAP_H
#define RUSTUX_LIB_BITMAP_H

#include <stddef.h>
#include <stdint.h>

/* The caller owns the words; a set bit means "in use". */
struct bitmap {
	uint64_t *words;
	size_t nbits;
	size_t hint;		/* where the next search starts (next fit) */
};

#define BITMAP_WORDS(nbits)	(((nbits) + 63) / 64)
#define BITMAP_NONE		((size_t)-1)

/* Points the bitmap at words (BITMAP_WORDS(nbits) of them) and sets every bit. */
void	bitmap_init_full(struct bitmap *b, uint64_t *words, size_t nbits);
int	bitmap_test(const struct bitmap *b, size_t i);
void	bitmap_set_range(struct bitmap *b, size_t start, size_t count);
void	bitmap_clear_range(struct bitmap *b, size_t start, size_t count);
/* Counts the set bits. */
size_t	bitmap_count_set(const struct bitmap *b);
/*
 * Finds count clear bits in a row whose first index is a multiple of align
 * (a power of two), sets them and returns the first index; BITMAP_NONE if
 * there is no such run.
 */
size_t	bitmap_alloc_run(struct bitmap *b, size_t count, size_t align);

#endif
