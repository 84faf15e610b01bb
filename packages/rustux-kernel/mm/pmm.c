/* pmm.c - kernel: the physical page allocator: one bit per page, next fit */
/* SPDX-License-Identifier: MIT */
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "kernel/printk.h"
#include "lib/bitmap.h"
#include "lib/string.h"
#include "mm/pmm.h"

#define LOW_RESERVED	0x100000ULL	/* the first MiB stays with firmware and real mode */
#define FOUR_GIB	0x100000000ULL

static struct bitmap pages;
static struct pmm_stats stats;

static int
is_ram(uint32_t type)
{
	switch (type) {
	case RX_MEM_USABLE:
	case RX_MEM_BOOT_SERVICES:
	case RX_MEM_LOADER:
	case RX_MEM_KERNEL:
	case RX_MEM_ACPI_RECLAIM:
	case RX_MEM_ACPI_NVS:
	case RX_MEM_RUNTIME:
		return 1;
	default:
		return 0;
	}
}

static int
is_free(uint32_t type)
{
	return type == RX_MEM_USABLE || type == RX_MEM_BOOT_SERVICES || type == RX_MEM_LOADER;
}

static uint64_t
find_max_phys(const struct rx_mem_range *map, unsigned count)
{
	uint64_t max = 0;

	for (unsigned i = 0; i < count; i++) {
		if (is_ram(map[i].type) && map[i].base + map[i].length > max) {
			max = map[i].base + map[i].length;
		}
	}
	return max;
}

/* The first usable range below 4 GiB with room for bytes above 1 MiB avoiding reserves. */
static uint64_t
place_bitmap(const struct rx_mem_range *map, unsigned count, uint64_t bytes,
    const struct pmm_reserve *res, unsigned nres)
{
	bytes = (bytes + PAGE_MASK) & ~PAGE_MASK;
	for (unsigned i = 0; i < count; i++) {
		uint64_t b = map[i].base < LOW_RESERVED ? LOW_RESERVED : map[i].base;
		uint64_t e = map[i].base + map[i].length;

		if (map[i].type != RX_MEM_USABLE) {
			continue;
		}
		for (; b + bytes <= e && b + bytes <= FOUR_GIB; b += PAGE_SIZE) {
			unsigned r;

			for (r = 0; r < nres; r++) {
				if (b < res[r].base + res[r].length && res[r].base < b + bytes) {
					break;
				}
			}
			if (r == nres) {
				return b;
			}
		}
	}
	return 0;
}

static void
mark_used(uint64_t base, uint64_t length)
{
	uint64_t first = base / PAGE_SIZE;
	uint64_t last = (base + length + PAGE_MASK) / PAGE_SIZE;

	if (first >= pages.nbits) {
		return;
	}
	if (last > pages.nbits) {
		last = pages.nbits;
	}
	bitmap_set_range(&pages, first, last - first);
}

/*
 * Shared pages (copy-on-write after fork, file pages mapped by processes):
 * extra[pfn] counts the holders beyond the first, 0 in the usual case of
 * one owner. One uint16_t per physical page, allocated at init; without it
 * (no memory) pages are simply never shared.
 */
static uint16_t *extra;
static uint64_t extra_count;

static void
holders_init(void)
{
	uint64_t count = stats.max_phys / PAGE_SIZE + 1;
	uint64_t npages = (count * sizeof(*extra) + PAGE_MASK) / PAGE_SIZE;
	uint64_t pa = pmm_alloc_pages(npages, 1);

	if (pa == PMM_NONE) {
		return;
	}
	extra = phys_to_virt(pa);
	memset(extra, 0, npages * PAGE_SIZE);
	extra_count = count;
}

static uint16_t *
extra_of(uint64_t pa)
{
	uint64_t pfn = pa / PAGE_SIZE;

	return extra != NULL && pfn < extra_count ? &extra[pfn] : NULL;
}

int
pmm_page_share(uint64_t pa)
{
	unsigned long irq = arch_irq_save();
	uint16_t *x = extra_of(pa);
	int rc = -1;

	if (x != NULL && *x < UINT16_MAX) {
		(*x)++;
		rc = 0;
	}
	arch_irq_restore(irq);
	return rc;
}

unsigned
pmm_page_holders(uint64_t pa)
{
	const uint16_t *x = extra_of(pa);

	return x != NULL ? 1u + *x : 1u;
}

void
pmm_page_put(uint64_t pa)
{
	unsigned long irq = arch_irq_save();
	uint16_t *x = extra_of(pa);

	if (x != NULL && *x > 0) {
		(*x)--;
		arch_irq_restore(irq);
		return;
	}
	arch_irq_restore(irq);
	pmm_free_page(pa);
}

int
pmm_init(const struct rx_mem_range *map, unsigned count,
    const struct pmm_reserve *reserve, unsigned nreserve)
{
	uint64_t npages, bm_bytes, bm;

	memset(&stats, 0, sizeof(stats));
	stats.max_phys = find_max_phys(map, count);
	npages = stats.max_phys / PAGE_SIZE;
	bm_bytes = BITMAP_WORDS(npages) * sizeof(uint64_t);
	if ((bm = place_bitmap(map, count, bm_bytes, reserve, nreserve)) == 0) {
		return -1;
	}
	bitmap_init_full(&pages, phys_to_virt(bm), npages);
	for (unsigned i = 0; i < count; i++) {
		if (!is_free(map[i].type)) {
			continue;
		}
		bitmap_clear_range(&pages, map[i].base / PAGE_SIZE, map[i].length / PAGE_SIZE);
	}
	mark_used(0, LOW_RESERVED);
	mark_used(bm, bm_bytes);
	for (unsigned r = 0; r < nreserve; r++) {
		mark_used(reserve[r].base, reserve[r].length);
	}
	stats.free_pages = npages - bitmap_count_set(&pages);
	stats.total_pages = stats.free_pages;
	for (unsigned i = 0; i < count; i++) {
		if (map[i].type == RX_MEM_BOOT_SERVICES || map[i].type == RX_MEM_LOADER) {
			stats.reclaimed_pages += map[i].length / PAGE_SIZE;
		}
	}
	pages.hint = LOW_RESERVED / PAGE_SIZE;
	holders_init();
	return 0;
}

uint64_t
pmm_alloc_pages(size_t count, size_t align)
{
	unsigned long irq = arch_irq_save();
	size_t i = bitmap_alloc_run(&pages, count, align == 0 ? 1 : align);

	if (i == BITMAP_NONE) {
		stats.failures++;
		arch_irq_restore(irq);
		return PMM_NONE;
	}
	stats.free_pages -= count;
	stats.allocs++;
	arch_irq_restore(irq);
	return (uint64_t)i * PAGE_SIZE;
}

uint64_t
pmm_alloc_page(void)
{
	uint64_t pa = pmm_alloc_pages(1, 1);

	if (pa != PMM_NONE) {
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
	}
	return pa;
}

void
pmm_free_pages(uint64_t pa, size_t count)
{
	unsigned long irq = arch_irq_save();
	size_t first = pa / PAGE_SIZE;

	for (size_t i = first; i < first + count; i++) {
		if (i >= pages.nbits || !bitmap_test(&pages, i)) {
			panic("pmm: freeing free or unknown page %#llx",
			    (unsigned long long)i * PAGE_SIZE);
		}
	}
	bitmap_clear_range(&pages, first, count);
	stats.free_pages += count;
	stats.frees++;
	arch_irq_restore(irq);
}

void
pmm_free_page(uint64_t pa)
{
	pmm_free_pages(pa, 1);
}

void
pmm_get_stats(struct pmm_stats *st)
{
	*st = stats;
}

uint64_t
pmm_max_phys(void)
{
	return stats.max_phys;
}
