/* slab.h - kernel: the size-class heap's bookkeeping over a page provider (pure) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_LIB_SLAB_H
#define RUSTUX_LIB_SLAB_H

#include <stddef.h>
#include <stdint.h>

#define SLAB_PAGE		4096
#define SLAB_NCLASSES		7	/* 16 32 64 128 256 512 1024 */
#define SLAB_MAX_SMALL		1024
#define SLAB_HEADER		64	/* bytes at the start of each page */

/* Where the heap gets its pages: npages contiguous, SLAB_PAGE aligned. */
struct slab_pages {
	void	*(*alloc)(void *arg, size_t npages);
	void	 (*free)(void *arg, void *p, size_t npages);
	void	*arg;
};

struct slab_page;

struct slab_class {
	uint32_t size;
	struct slab_page *partial;	/* pages with at least one free object */
	struct slab_page *full;
	size_t in_use;			/* objects handed out */
	size_t pages;
};

struct slab_stats {
	size_t small_in_use;	/* objects */
	size_t small_pages;
	size_t large_in_use;	/* allocations */
	size_t large_pages;
	size_t bytes_in_use;	/* rounded sizes */
	size_t allocs;		/* lifetime counters */
	size_t frees;
	size_t failures;
};

struct slab_heap {
	struct slab_pages pages;
	struct slab_class classes[SLAB_NCLASSES];
	struct slab_stats stats;
};

void	 slab_init(struct slab_heap *h, const struct slab_pages *pages);
/* Returns 16-byte aligned memory, or NULL when size is 0 or pages run out. */
void	*slab_alloc(struct slab_heap *h, size_t size);
/*
 * Frees p (NULL is ignored). Returns 0, or -1 if p was not handed out by
 * this heap or is already free (nothing is changed then).
 */
int	 slab_free(struct slab_heap *h, void *p);
/* The usable size of an allocation, 0 for a pointer the heap does not know. */
size_t	 slab_usable(const struct slab_heap *h, const void *p);
/*
 * Walks every page: headers, free lists, allocation bitmaps, the poison in
 * free objects and the counters. Returns 0 when all agree, else a negative
 * step number saying which check failed.
 */
int	 slab_check(const struct slab_heap *h);

#endif
