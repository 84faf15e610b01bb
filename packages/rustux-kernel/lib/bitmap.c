/* bitmap.c - kernel: a bit array with run search (next fit) */
/* SPDX-License-Identifier: MIT */
#include "lib/bitmap.h"
#include "lib/string.h"

void
bitmap_init_full(struct bitmap *b, uint64_t *words, size_t nbits)
{
	b->words = words;
	b->nbits = nbits;
	b->hint = 0;
	memset(words, 0xff, BITMAP_WORDS(nbits) * sizeof(uint64_t));
}

int
bitmap_test(const struct bitmap *b, size_t i)
{
	return (b->words[i / 64] >> (i % 64)) & 1;
}

void
bitmap_set_range(struct bitmap *b, size_t start, size_t count)
{
	for (size_t i = start; i < start + count && i < b->nbits; i++) {
		b->words[i / 64] |= 1ULL << (i % 64);
	}
}

void
bitmap_clear_range(struct bitmap *b, size_t start, size_t count)
{
	for (size_t i = start; i < start + count && i < b->nbits; i++) {
		b->words[i / 64] &= ~(1ULL << (i % 64));
	}
	if (start < b->hint) {
		b->hint = start;
	}
}

size_t
bitmap_count_set(const struct bitmap *b)
{
	size_t n = 0;

	for (size_t i = 0; i < b->nbits; i++) {
		if ((b->words[i / 64] & (1ULL << (i % 64))) != 0) {
			n++;
		}
	}
	return n;
}

/* Index of the first clear bit at or after i, or nbits; skips full words. */
static size_t
next_clear(const struct bitmap *b, size_t i)
{
	while (i < b->nbits) {
		if ((i % 64) == 0 && b->words[i / 64] == ~0ULL) {
			i += 64;
			continue;
		}
		if (!bitmap_test(b, i)) {
			return i;
		}
		i++;
	}
	return b->nbits;
}

static size_t
search(struct bitmap *b, size_t from, size_t to, size_t count, size_t align)
{
	size_t i = from, run;

	while (i < to) {
		i = next_clear(b, i);
		i = (i + align - 1) & ~(align - 1);
		if (i + count > b->nbits || i >= to) {
			return BITMAP_NONE;
		}
		for (run = 0; run < count && !bitmap_test(b, i + run); run++) {
		}
		if (run == count) {
			return i;
		}
		i += run + 1;
	}
	return BITMAP_NONE;
}

size_t
bitmap_alloc_run(struct bitmap *b, size_t count, size_t align)
{
	size_t i;

	if (count == 0 || align == 0 || (align & (align - 1)) != 0) {
		return BITMAP_NONE;
	}
	i = search(b, b->hint, b->nbits, count, align);
	if (i == BITMAP_NONE && b->hint != 0) {
		i = search(b, 0, b->nbits, count, align);
	}
	if (i == BITMAP_NONE) {
		return BITMAP_NONE;
	}
	bitmap_set_range(b, i, count);
	b->hint = i + count;
	return i;
}
