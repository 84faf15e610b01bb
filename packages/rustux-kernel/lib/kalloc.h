/* kalloc.h - kernel: the general-purpose allocation interface pure modules use */
/* SPDX-License-Identifier: MIT */
/*
 * The kernel provides kmalloc/kfree (mm/, over lib/slab.c); host unit tests
 * map them to malloc/free with failure injection (tests/unit/kalloc_host.c).
 * Pure modules (lib/, object/, fs/, ipc/, tty/, linux/) allocate through
 * this header only, so they run unchanged in both places.
 */
#ifndef RUSTUX_LIB_KALLOC_H
#define RUSTUX_LIB_KALLOC_H

#include <stddef.h>

/* Returns at least size bytes, 16-byte aligned, or NULL (also for size 0). */
void	*kmalloc(size_t size);
/* Frees p from kmalloc; NULL is ignored. */
void	 kfree(void *p);
/* kmalloc, then zero the bytes. */
void	*kzalloc(size_t size);

#define KPAGE_SIZE	4096
/*
 * A zeroed, page-aligned KPAGE_SIZE page of its own, or NULL: for data the
 * kernel may map into processes (ramfs file pages), which can then hold it
 * too. kpage_put drops the caller's hold; the page goes with the last.
 */
void	*kpage_alloc(void);
void	 kpage_put(void *page);

#endif
