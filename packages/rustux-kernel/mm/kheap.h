/* kheap.h - kernel: kmalloc/kfree: the size-class heap over the page allocator */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_MM_KHEAP_H
#define RUSTUX_MM_KHEAP_H

#include <stddef.h>

#include "lib/kalloc.h"
#include "lib/slab.h"

/*
 * kmalloc, kzalloc and kfree (declared in lib/kalloc.h for pure modules)
 * are implemented here. kmalloc memory is always zeroed; kfree of a pointer
 * kmalloc did not return panics.
 */
void	 kheap_init(void);
/* Like kfree, but returns -1 (changing nothing) for a pointer that is not live. */
int	 kheap_try_free(void *p);
void	 kheap_stats(struct slab_stats *st);
/* 0 when every heap structure is consistent (lib/slab.c slab_check). */
int	 kheap_check(void);

#endif
