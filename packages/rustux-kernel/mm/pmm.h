/* pmm.h - kernel: the physical page allocator, built from the boot memory map */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_MM_PMM_H
#define RUSTUX_MM_PMM_H

#include <stddef.h>
#include <stdint.h>

#include "abi/bootinfo.h"

#define PMM_NONE	0ULL	/* physical page 0 is never handed out */

/* A physical range the allocator must never hand out (kernel, initrd …). */
struct pmm_reserve {
	uint64_t base;
	uint64_t length;
};

struct pmm_stats {
	size_t total_pages;	/* pages the allocator manages (free at init) */
	size_t free_pages;
	size_t reclaimed_pages;	/* of total: loader and boot-services memory */
	uint64_t max_phys;	/* end of the highest RAM range */
	size_t allocs;		/* lifetime counters */
	size_t frees;
	size_t failures;
};

/*
 * Builds the allocator: free pages are USABLE, BOOT_SERVICES and LOADER
 * ranges (the last two reclaimed: the caller has copied what it needs from
 * loader memory), minus the first MiB and minus every reserve[]. The bitmap
 * itself is carved out of the first fitting usable range below 4 GiB.
 * Returns 0, or -1 if there is no room for the bitmap.
 */
int	pmm_init(const struct rx_mem_range *map, unsigned count,
	    const struct pmm_reserve *reserve, unsigned nreserve);
/* One zeroed page's physical address, or PMM_NONE when memory is exhausted. */
uint64_t pmm_alloc_page(void);
/* count contiguous pages aligned to align pages (not zeroed), or PMM_NONE. */
uint64_t pmm_alloc_pages(size_t count, size_t align);
/* Returns pages to the allocator; freeing a page twice panics. */
void	pmm_free_pages(uint64_t pa, size_t count);
void	pmm_free_page(uint64_t pa);
/*
 * Pages with several holders (address spaces after fork, the RAM file
 * system and the processes that map its pages). pmm_page_share adds a
 * holder to the page at pa: 0, or -1 when it cannot (then copy the page);
 * pmm_page_put drops one and frees the page with the last.
 */
int	pmm_page_share(uint64_t pa);
void	pmm_page_put(uint64_t pa);
/* How many hold the page (1: its only owner may write it in place). */
unsigned pmm_page_holders(uint64_t pa);
void	pmm_get_stats(struct pmm_stats *st);
/* The highest physical address of RAM in the map (for the direct map). */
uint64_t pmm_max_phys(void);

#endif
