/* mm_test.c - kernel self-tests: the page allocator, page tables, faults, the heap */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "arch/mmu.h"
#include "boot/options.h"
#include "lib/string.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "tests/ktest/ktest.h"

extern struct boot_options boot_opts;
extern char __text_start[], __rodata_start[], __data_start[], __boot_start[], __kernel_end[];

#define TEST_VA		(VMAP_BASE + 0x40000000ULL)

#define EXHAUST_SINGLES	4096	/* single pages taken first */
#define EXHAUST_CHUNK	64	/* then runs of this many, then singles again */

struct taken {
	uint64_t pa;
	uint64_t count;
};

/* Takes runs of count pages until the allocator refuses; returns the pages taken. */
static size_t
take(struct taken *list, size_t *n, size_t cap, size_t count, size_t limit)
{
	size_t pages = 0;
	uint64_t pa;

	while (*n < cap && (limit == 0 || pages < limit) &&
	    (pa = pmm_alloc_pages(count, 1)) != PMM_NONE) {
		list[*n].pa = pa;
		list[(*n)++].count = count;
		pages += count;
	}
	return pages;
}

/*
 * Every run must be mapped memory outside the reserved ranges. Runs are
 * read at both ends; only the single pages are also written and read back:
 * the first write to a guest page makes QEMU allocate host memory (2 MiB at
 * a time), so writing everywhere would populate the whole guest and cost
 * seconds on a busy host.
 */
static int
check_taken(const struct taken *list, size_t n)
{
	uint64_t kbeg = (uint64_t)__boot_start, kend = (uint64_t)__kernel_end - KERNEL_VMA;
	uint64_t v;

	for (size_t i = 0; i < n; i++) {
		uint64_t b = list[i].pa, e = b + list[i].count * PAGE_SIZE;

		if (b < 0x100000 || (b < kend && kbeg < e)) {
			return ktest_fail("handed out reserved page %#llx", (unsigned long long)b);
		}
		if (arch_probe_read64(phys_to_virt(b), &v) != 0 ||
		    arch_probe_read64(phys_to_virt(e - 8), &v) != 0) {
			return ktest_fail("run at %#llx is not mapped", (unsigned long long)b);
		}
		if (list[i].count == 1) {
			*(volatile uint64_t *)phys_to_virt(b) = ~b;
			if (*(volatile uint64_t *)phys_to_virt(b) != ~b) {
				return ktest_fail("page %#llx does not hold data", (unsigned long long)b);
			}
		}
	}
	return 0;
}

/*
 * Exhausts the allocator: EXHAUST_SINGLES single pages, then runs of
 * EXHAUST_CHUNK pages, then single pages again until it refuses (or
 * rustux.memtest pages); frees everything and compares the counters. The
 * runs keep the test fast under emulation (a 512 MiB guest has ~130k pages)
 * while the single-page path still runs at both ends of the heap.
 */
int
ktest_pmm_exhaust(void)
{
	struct pmm_stats before, empty, after;
	struct taken *list;
	uint64_t list_pa;
	size_t n = 0, cap, list_pages, pages, limit = boot_opts.memtest_pages;

	pmm_get_stats(&before);
	cap = EXHAUST_SINGLES * 2 + before.free_pages / EXHAUST_CHUNK + 64;
	list_pages = (cap * sizeof(*list) + PAGE_SIZE - 1) / PAGE_SIZE;
	if ((list_pa = pmm_alloc_pages(list_pages, 1)) == PMM_NONE) {
		return ktest_fail("no room for the page list");
	}
	list = phys_to_virt(list_pa);
	pages = take(list, &n, cap, 1, limit != 0 ? limit : EXHAUST_SINGLES);
	if (limit == 0) {
		pages += take(list, &n, cap, EXHAUST_CHUNK, 0);
		pages += take(list, &n, cap, 1, 0);
	}
	pmm_get_stats(&empty);
	if (check_taken(list, n) != 0) {
		return 1;
	}
	for (size_t i = n; i-- > 0;) {
		pmm_free_pages(list[i].pa, list[i].count);
	}
	pmm_free_pages(list_pa, list_pages);
	pmm_get_stats(&after);
	if (limit == 0 && (empty.free_pages != 0 || pages + list_pages != before.free_pages)) {
		return ktest_fail("took %zu of %zu free pages, %zu left", pages + list_pages,
		    before.free_pages, empty.free_pages);
	}
	if (after.free_pages != before.free_pages) {
		return ktest_fail("free pages %zu after, %zu before", after.free_pages,
		    before.free_pages);
	}
	if (limit == 0 && empty.failures <= before.failures) {
		return ktest_fail("the allocator never said no");
	}
	return pages > 0 ? 0 : ktest_fail("no page at all");
}

int
ktest_pmm_contiguous(void)
{
	struct pmm_stats before, after;
	uint64_t pa;

	pmm_get_stats(&before);
	if ((pa = pmm_alloc_pages(16, 16)) == PMM_NONE) {
		return ktest_fail("no 16 contiguous pages");
	}
	if ((pa & (16 * PAGE_SIZE - 1)) != 0) {
		return ktest_fail("run at %#llx not 64 KiB aligned", (unsigned long long)pa);
	}
	memset(phys_to_virt(pa), 0xa5, 16 * PAGE_SIZE);
	pmm_free_pages(pa, 16);
	pmm_get_stats(&after);
	return after.free_pages == before.free_pages ? 0 : ktest_fail("counters differ");
}

int
ktest_mmu_map_unmap(void)
{
	uint64_t pa = pmm_alloc_page(), got, v;
	unsigned flags;
	int rc;

	if (pa == PMM_NONE) {
		return ktest_fail("no page");
	}
	if ((rc = arch_mmu_map(TEST_VA, pa, 1, MMU_WRITE)) != MMU_OK) {
		return ktest_fail("map: %d", rc);
	}
	if (arch_mmu_map(TEST_VA, pa, 1, MMU_WRITE) != MMU_ERR_EXISTS) {
		return ktest_fail("double map accepted");
	}
	*(volatile uint64_t *)TEST_VA = 0x5275737475780001ULL;
	if (*(uint64_t *)phys_to_virt(pa) != 0x5275737475780001ULL) {
		return ktest_fail("write through the mapping not seen in the direct map");
	}
	if (arch_mmu_query(TEST_VA + 8, &got, &flags) != MMU_OK || got != pa + 8 ||
	    flags != MMU_WRITE) {
		return ktest_fail("query: pa %#llx flags %#x", (unsigned long long)got, flags);
	}
	if ((rc = arch_mmu_unmap(TEST_VA, 1)) != MMU_OK) {
		return ktest_fail("unmap: %d", rc);
	}
	if (arch_mmu_query(TEST_VA, &got, &flags) != MMU_ERR_NOTMAPPED) {
		return ktest_fail("still mapped after unmap");
	}
	if (arch_probe_read64((void *)TEST_VA, &v) == 0) {
		return ktest_fail("read after unmap did not fault");
	}
	if (arch_mmu_unmap(TEST_VA, 1) != MMU_ERR_NOTMAPPED || arch_mmu_map(TEST_VA + 1, pa, 1, 0) !=
	    MMU_ERR_ARGS) {
		return ktest_fail("bad arguments accepted");
	}
	pmm_free_page(pa);
	return 0;
}

int
ktest_mmu_protect(void)
{
	uint64_t pa = pmm_alloc_page(), v = 0;
	uint64_t faults = arch_last_probe_fault.count;

	if (pa == PMM_NONE || arch_mmu_map(TEST_VA, pa, 1, MMU_WRITE) != MMU_OK) {
		return ktest_fail("setup");
	}
	if (arch_probe_write64((void *)TEST_VA, 42) != 0) {
		return ktest_fail("write to a writable page faulted");
	}
	if (arch_mmu_protect(TEST_VA, 1, 0) != MMU_OK) {
		return ktest_fail("protect");
	}
	if (arch_probe_write64((void *)TEST_VA, 43) == 0) {
		return ktest_fail("write to a read-only page did not fault");
	}
	/* Error code bits: present (1) and write (2). */
	if ((arch_last_probe_fault.error & 3) != 3 || arch_last_probe_fault.addr != TEST_VA) {
		return ktest_fail("fault error %#llx addr %#llx",
		    (unsigned long long)arch_last_probe_fault.error,
		    (unsigned long long)arch_last_probe_fault.addr);
	}
	if (arch_probe_read64((void *)TEST_VA, &v) != 0 || v != 42) {
		return ktest_fail("read of a read-only page: %llu", (unsigned long long)v);
	}
	if (arch_mmu_protect(TEST_VA, 1, MMU_WRITE) != MMU_OK ||
	    arch_probe_write64((void *)TEST_VA, 44) != 0) {
		return ktest_fail("write after protect back to writable");
	}
	if (arch_last_probe_fault.count != faults + 1) {
		return ktest_fail("%llu faults, expected 1",
		    (unsigned long long)(arch_last_probe_fault.count - faults));
	}
	arch_mmu_unmap(TEST_VA, 1);
	pmm_free_page(pa);
	return 0;
}

/* Reads of unmapped memory (a NULL pointer, a hole) fault and are caught, not fatal. */
int
ktest_page_fault_caught(void)
{
	uint64_t v, faults = arch_last_probe_fault.count;
	uint64_t hole = TEST_VA + 0x12345000ULL;

	if (arch_probe_read64(NULL, &v) == 0) {
		return ktest_fail("NULL read did not fault");
	}
	if (arch_last_probe_fault.addr != 0 || (arch_last_probe_fault.error & 1) != 0) {
		return ktest_fail("NULL fault addr %#llx error %#llx",
		    (unsigned long long)arch_last_probe_fault.addr,
		    (unsigned long long)arch_last_probe_fault.error);
	}
	if (arch_probe_write64((void *)(hole + 8), 1) == 0 || arch_last_probe_fault.addr != hole + 8) {
		return ktest_fail("write to a hole: addr %#llx",
		    (unsigned long long)arch_last_probe_fault.addr);
	}
	if (arch_last_probe_fault.count != faults + 2) {
		return ktest_fail("fault count");
	}
	return 0;
}

/* Text is RX, rodata R, data RW+NX, the direct map NX; text cannot be written. */
int
ktest_kernel_wx(void)
{
	uint64_t pa;
	unsigned f;

	if (arch_mmu_query((uint64_t)__text_start, &pa, &f) != MMU_OK || f != MMU_EXEC) {
		return ktest_fail("text flags %#x", f);
	}
	if (arch_mmu_query((uint64_t)__rodata_start, &pa, &f) != MMU_OK || f != 0) {
		return ktest_fail("rodata flags %#x", f);
	}
	if (arch_mmu_query((uint64_t)__data_start, &pa, &f) != MMU_OK || f != MMU_WRITE) {
		return ktest_fail("data flags %#x", f);
	}
	if (arch_mmu_query(DIRECT_MAP_BASE + 0x200000, &pa, &f) != MMU_OK || (f & MMU_EXEC)) {
		return ktest_fail("direct map flags %#x", f);
	}
	if (arch_probe_write64(__text_start, 0) == 0) {
		return ktest_fail("kernel text is writable");
	}
	if (arch_mmu_query(0, &pa, &f) != MMU_ERR_NOTMAPPED) {
		return ktest_fail("page 0 is mapped");
	}
	return 0;
}

static uint32_t
lcg(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

static int
check_fill(const uint8_t *p, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != v) {
			return -1;
		}
	}
	return 0;
}

/* Many mixed-size blocks, filled, half freed, checked, all freed: counters return. */
int
ktest_heap_integrity(void)
{
	enum { N = 400 };
	static uint8_t *blocks[N];
	static uint16_t sizes[N];
	struct slab_stats s0, s1;
	struct pmm_stats p0, p1;
	uint32_t seed = 7;
	int rc;

	kheap_stats(&s0);
	pmm_get_stats(&p0);
	for (int i = 0; i < N; i++) {
		sizes[i] = (uint16_t)(lcg(&seed) % (i % 20 == 0 ? 6000 : 300) + 1);
		if ((blocks[i] = kmalloc(sizes[i])) == NULL) {
			return ktest_fail("kmalloc(%u) failed", sizes[i]);
		}
		if (check_fill(blocks[i], sizes[i], 0) != 0) {
			return ktest_fail("kmalloc memory not zeroed");
		}
		memset(blocks[i], (uint8_t)i, sizes[i]);
	}
	for (int i = 0; i < N; i += 3) {
		kfree(blocks[i]);
		blocks[i] = NULL;
	}
	if ((rc = kheap_check()) != 0) {
		return ktest_fail("heap check %d after partial free", rc);
	}
	for (int i = 0; i < N; i++) {
		if (blocks[i] != NULL && check_fill(blocks[i], sizes[i], (uint8_t)i) != 0) {
			return ktest_fail("block %d corrupted", i);
		}
		kfree(blocks[i]);
	}
	kheap_stats(&s1);
	pmm_get_stats(&p1);
	if ((rc = kheap_check()) != 0) {
		return ktest_fail("heap check %d after freeing all", rc);
	}
	if (s1.small_in_use != s0.small_in_use || s1.large_in_use != s0.large_in_use ||
	    s1.bytes_in_use != s0.bytes_in_use || p1.free_pages != p0.free_pages) {
		return ktest_fail("counters: objects %zu/%zu pages %zu/%zu", s1.small_in_use,
		    s0.small_in_use, p1.free_pages, p0.free_pages);
	}
	return 0;
}

/* A double free and a pointer into the middle of a block are refused, nothing changes. */
int
ktest_heap_rejects_bad_free(void)
{
	struct slab_stats st0, st1;
	char *p = kmalloc(100), *q = kmalloc(3000);

	if (p == NULL || q == NULL) {
		return ktest_fail("kmalloc");
	}
	kheap_stats(&st0);
	if (st0.small_in_use == 0 || st0.large_in_use == 0) {
		return ktest_fail("stats do not count the allocations");
	}
	if (kheap_try_free(p + 16) == 0 || kheap_try_free(q + 8) == 0) {
		return ktest_fail("a pointer into a block was freed");
	}
	kfree(p);
	if (kheap_try_free(p) == 0) {
		return ktest_fail("a double free was accepted");
	}
	kfree(q);
	kheap_stats(&st1);
	if (st1.small_in_use != st0.small_in_use - 1 || st1.large_in_use != st0.large_in_use - 1 ||
	    kheap_check() != 0) {
		return ktest_fail("counters or heap check off after the refused frees");
	}
	return 0;
}
