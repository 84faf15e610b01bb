/* kalloc_host.c - kernel unit tests: kmalloc/kfree over the host's malloc, with failure injection */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "kalloc_host.h"
#include "lib/kalloc.h"
#include "lib/string.h"

long kalloc_fail_after = -1;
long kalloc_live;

void *
kmalloc(size_t size)
{
	void *p;

	if (size == 0)
		return NULL;
	if (kalloc_fail_after == 0)
		return NULL;
	if (kalloc_fail_after > 0)
		kalloc_fail_after--;
	if ((p = malloc(size)) != NULL)
		kalloc_live++;
	return p;
}

void *
kpage_alloc(void)
{
	void *p;

	if (kalloc_fail_after == 0)
		return NULL;
	if (kalloc_fail_after > 0)
		kalloc_fail_after--;
	if ((p = aligned_alloc(KPAGE_SIZE, KPAGE_SIZE)) != NULL) {
		memset(p, 0, KPAGE_SIZE);
		kalloc_live++;
	}
	return p;
}

void
kpage_put(void *page)
{
	kfree(page);
}

void *
kzalloc(size_t size)
{
	void *p;

	if ((p = kmalloc(size)) != NULL)
		memset(p, 0, size);
	return p;
}

void
kfree(void *p)
{
	if (p != NULL)
		kalloc_live--;
	free(p);
}
