/* slab.c - kernel: the size-class heap: one page per slab, whole pages for large blocks */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "lib/slab.h"
#include "lib/string.h"

#define SMALL_MAGIC	0x534c4142u	/* "SLAB" */
#define LARGE_MAGIC	0x4c415247u	/* "LARG" */
#define POISON		0xdd

/*
 * Each page starts with this header (SLAB_HEADER bytes). A small page holds
 * objects of one class after the header; free objects are linked through
 * their first word, and the bitmap says which slots are allocated, so a
 * double free is caught in O(1). A large block's header records its length.
 */
struct slab_page {
	uint32_t magic;
	uint16_t cls;
	uint16_t nfree;
	uint32_t npages;	/* large blocks */
	uint32_t nobj;
	struct slab_page *next;
	void *freelist;
	uint64_t allocated[3];	/* 1 bit per slot: (4096-64)/16 = 252 slots */
};

_Static_assert(sizeof(struct slab_page) <= SLAB_HEADER, "slab header too big");

static int
class_of(size_t size)
{
	int c = 0;
	size_t s = 16;

	while (s < size) {
		s <<= 1;
		c++;
	}
	return c;
}

void
slab_init(struct slab_heap *h, const struct slab_pages *pages)
{
	memset(h, 0, sizeof(*h));
	h->pages = *pages;
	for (int c = 0; c < SLAB_NCLASSES; c++) {
		h->classes[c].size = 16u << c;
	}
}

static size_t
slot_of(const struct slab_page *pg, const void *p, uint32_t size)
{
	return (size_t)((const char *)p - ((const char *)pg + SLAB_HEADER)) / size;
}

static struct slab_page *
new_small_page(struct slab_heap *h, int c)
{
	struct slab_class *sc = &h->classes[c];
	struct slab_page *pg = h->pages.alloc(h->pages.arg, 1);
	char *obj;

	if (pg == NULL) {
		return NULL;
	}
	memset(pg, 0, SLAB_HEADER);
	pg->magic = SMALL_MAGIC;
	pg->cls = (uint16_t)c;
	pg->nobj = (SLAB_PAGE - SLAB_HEADER) / sc->size;
	pg->nfree = (uint16_t)pg->nobj;
	/* Link the slots back to front so the first allocation is slot 0. */
	for (uint32_t i = pg->nobj; i-- > 0;) {
		obj = (char *)pg + SLAB_HEADER + (size_t)i * sc->size;
		memset(obj, POISON, sc->size);
		*(void **)obj = pg->freelist;
		pg->freelist = obj;
	}
	pg->next = sc->partial;
	sc->partial = pg;
	sc->pages++;
	h->stats.small_pages++;
	return pg;
}

static void
unlink_page(struct slab_page **list, struct slab_page *pg)
{
	for (; *list != NULL; list = &(*list)->next) {
		if (*list == pg) {
			*list = pg->next;
			return;
		}
	}
}

static void *
alloc_small(struct slab_heap *h, int c)
{
	struct slab_class *sc = &h->classes[c];
	struct slab_page *pg = sc->partial;
	void *obj;
	size_t slot;

	if (pg == NULL && (pg = new_small_page(h, c)) == NULL) {
		return NULL;
	}
	obj = pg->freelist;
	pg->freelist = *(void **)obj;
	slot = slot_of(pg, obj, sc->size);
	pg->allocated[slot / 64] |= 1ULL << (slot % 64);
	if (--pg->nfree == 0) {
		sc->partial = pg->next;
		pg->next = sc->full;
		sc->full = pg;
	}
	sc->in_use++;
	h->stats.small_in_use++;
	h->stats.bytes_in_use += sc->size;
	memset(obj, 0, sc->size);
	return obj;
}

static void *
alloc_large(struct slab_heap *h, size_t size)
{
	size_t npages = (size + SLAB_HEADER + SLAB_PAGE - 1) / SLAB_PAGE;
	struct slab_page *pg;

	if (size > ((size_t)1 << 40)) {
		return NULL;
	}
	if ((pg = h->pages.alloc(h->pages.arg, npages)) == NULL) {
		return NULL;
	}
	memset(pg, 0, npages * SLAB_PAGE);
	pg->magic = LARGE_MAGIC;
	pg->npages = (uint32_t)npages;
	h->stats.large_in_use++;
	h->stats.large_pages += npages;
	h->stats.bytes_in_use += npages * SLAB_PAGE - SLAB_HEADER;
	return (char *)pg + SLAB_HEADER;
}

void *
slab_alloc(struct slab_heap *h, size_t size)
{
	void *p;

	if (size == 0) {
		return NULL;
	}
	p = size <= SLAB_MAX_SMALL ? alloc_small(h, class_of(size)) : alloc_large(h, size);
	if (p == NULL) {
		h->stats.failures++;
	} else {
		h->stats.allocs++;
	}
	return p;
}

/* The page header of p if p is a live allocation of this heap's shape, else NULL. */
static struct slab_page *
page_of(const void *p)
{
	struct slab_page *pg = (struct slab_page *)((uintptr_t)p & ~(uintptr_t)(SLAB_PAGE - 1));
	size_t slot, off;
	uint32_t size;

	if (pg->magic == LARGE_MAGIC) {
		return (const char *)p == (const char *)pg + SLAB_HEADER ? pg : NULL;
	}
	if (pg->magic != SMALL_MAGIC || pg->cls >= SLAB_NCLASSES) {
		return NULL;
	}
	size = 16u << pg->cls;
	off = (size_t)((const char *)p - (const char *)pg);
	if (off < SLAB_HEADER || (off - SLAB_HEADER) % size != 0) {
		return NULL;
	}
	slot = slot_of(pg, p, size);
	if (slot >= pg->nobj || !(pg->allocated[slot / 64] & (1ULL << (slot % 64)))) {
		return NULL;
	}
	return pg;
}

static void
free_small(struct slab_heap *h, struct slab_page *pg, void *p)
{
	struct slab_class *sc = &h->classes[pg->cls];
	size_t slot = slot_of(pg, p, sc->size);

	pg->allocated[slot / 64] &= ~(1ULL << (slot % 64));
	memset(p, POISON, sc->size);
	*(void **)p = pg->freelist;
	pg->freelist = p;
	if (pg->nfree++ == 0) {
		unlink_page(&sc->full, pg);
		pg->next = sc->partial;
		sc->partial = pg;
	}
	sc->in_use--;
	h->stats.small_in_use--;
	h->stats.bytes_in_use -= sc->size;
	if (pg->nfree == pg->nobj) {
		unlink_page(&sc->partial, pg);
		pg->magic = 0;
		sc->pages--;
		h->stats.small_pages--;
		h->pages.free(h->pages.arg, pg, 1);
	}
}

int
slab_free(struct slab_heap *h, void *p)
{
	struct slab_page *pg;
	size_t n;

	if (p == NULL) {
		return 0;
	}
	if ((pg = page_of(p)) == NULL) {
		return -1;
	}
	h->stats.frees++;
	if (pg->magic == SMALL_MAGIC) {
		free_small(h, pg, p);
		return 0;
	}
	n = pg->npages;
	pg->magic = 0;
	h->stats.large_in_use--;
	h->stats.large_pages -= n;
	h->stats.bytes_in_use -= n * SLAB_PAGE - SLAB_HEADER;
	h->pages.free(h->pages.arg, pg, n);
	return 0;
}

size_t
slab_usable(const struct slab_heap *h, const void *p)
{
	const struct slab_page *pg;

	(void)h;
	if (p == NULL || (pg = page_of(p)) == NULL) {
		return 0;
	}
	if (pg->magic == LARGE_MAGIC) {
		return (size_t)pg->npages * SLAB_PAGE - SLAB_HEADER;
	}
	return 16u << pg->cls;
}

/* Checks one small page; returns the number of free objects or -1. */
static int
check_page(const struct slab_page *pg, int c, uint32_t size)
{
	const unsigned char *obj;
	const void *f;
	size_t slot, nfree = 0;

	if (pg->magic != SMALL_MAGIC || pg->cls != c) {
		return -1;
	}
	for (f = pg->freelist; f != NULL; f = *(void *const *)f) {
		obj = f;
		if ((uintptr_t)f - (uintptr_t)pg < SLAB_HEADER ||
		    (uintptr_t)f - (uintptr_t)pg >= SLAB_PAGE) {
			return -1;
		}
		slot = slot_of(pg, f, size);
		if (pg->allocated[slot / 64] & (1ULL << (slot % 64))) {
			return -1;
		}
		for (uint32_t i = sizeof(void *); i < size; i++) {
			if (obj[i] != POISON) {
				return -1;	/* written after free */
			}
		}
		if (++nfree > pg->nobj) {
			return -1;	/* a cycle */
		}
	}
	return nfree == pg->nfree ? (int)nfree : -1;
}

int
slab_check(const struct slab_heap *h)
{
	size_t in_use = 0, pages = 0;

	for (int c = 0; c < SLAB_NCLASSES; c++) {
		const struct slab_class *sc = &h->classes[c];
		size_t cls_use = 0, cls_pages = 0;
		int n;

		for (const struct slab_page *pg = sc->partial; pg != NULL; pg = pg->next) {
			if ((n = check_page(pg, c, sc->size)) <= 0) {
				return -1;
			}
			cls_use += pg->nobj - (size_t)n;
			cls_pages++;
		}
		for (const struct slab_page *pg = sc->full; pg != NULL; pg = pg->next) {
			if (check_page(pg, c, sc->size) != 0) {
				return -2;
			}
			cls_use += pg->nobj;
			cls_pages++;
		}
		if (cls_use != sc->in_use || cls_pages != sc->pages) {
			return -3;
		}
		in_use += cls_use;
		pages += cls_pages;
	}
	if (in_use != h->stats.small_in_use || pages != h->stats.small_pages) {
		return -4;
	}
	return 0;
}
