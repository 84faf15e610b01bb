/* paging.c - kernel x86_64: 4-level page tables: the kernel's W^X map, map/unmap/protect */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "arch/mmu.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "x86.h"

#define PTE_P		(1ULL << 0)
#define PTE_W		(1ULL << 1)
#define PTE_U		(1ULL << 2)
#define PTE_PWT		(1ULL << 3)
#define PTE_PCD		(1ULL << 4)
#define PTE_PS		(1ULL << 7)
#define PTE_G		(1ULL << 8)
#define PTE_NX		(1ULL << 63)
#define PTE_ADDR	0x000ffffffffff000ULL
#define LARGE_PAGE	0x200000ULL

extern char __text_start[], __text_end[], __rodata_start[], __rodata_end[];
extern char __data_start[], __data_end[];
extern char boot_stack_guard[];

static uint64_t *kernel_pml4;
static uint64_t kernel_pml4_phys;
static size_t table_pages;

static uint64_t
pte_flags(unsigned flags)
{
	uint64_t f = PTE_P;

	if (flags & MMU_WRITE) {
		f |= PTE_W;
	}
	if (!(flags & MMU_EXEC)) {
		f |= PTE_NX;
	}
	if (flags & MMU_USER) {
		f |= PTE_U;
	}
	if (flags & MMU_NOCACHE) {
		f |= PTE_PCD | PTE_PWT;
	}
	return f;
}

static unsigned
mmu_flags(uint64_t pte)
{
	unsigned f = 0;

	if (pte & PTE_W) {
		f |= MMU_WRITE;
	}
	if (!(pte & PTE_NX)) {
		f |= MMU_EXEC;
	}
	if (pte & PTE_U) {
		f |= MMU_USER;
	}
	if (pte & PTE_PCD) {
		f |= MMU_NOCACHE;
	}
	return f;
}

static uint64_t *
table_at(uint64_t entry)
{
	return phys_to_virt(entry & PTE_ADDR);
}

/*
 * The entry of the next level for va at depth (3 = PML4 … 0 = PT). With
 * create, missing tables are allocated. NULL if absent or if a large page
 * sits in the way (*large is set then).
 */
static uint64_t *
walk(uint64_t va, int create, int *large)
{
	uint64_t *t = kernel_pml4;

	*large = 0;
	for (int level = 3; level > 0; level--) {
		uint64_t *e = &t[(va >> (12 + 9 * level)) & 511];

		if (!(*e & PTE_P)) {
			uint64_t pa;

			if (!create || (pa = pmm_alloc_page()) == PMM_NONE) {
				return NULL;
			}
			table_pages++;
			/* Intermediate levels allow everything; leaves decide. */
			*e = pa | PTE_P | PTE_W | (va < KERNEL_VMA && va < DIRECT_MAP_BASE ? PTE_U : 0);
		} else if (*e & PTE_PS) {
			*large = 1;
			return NULL;
		}
		t = table_at(*e);
	}
	return &t[(va >> 12) & 511];
}

static int
check_args(uint64_t va, size_t npages)
{
	if ((va & PAGE_MASK) != 0 || npages == 0) {
		return MMU_ERR_ARGS;
	}
	/* Canonical 48-bit addresses only. */
	if ((int64_t)(va << 16) >> 16 != (int64_t)va) {
		return MMU_ERR_ARGS;
	}
	return MMU_OK;
}

int
arch_mmu_map(uint64_t va, uint64_t pa, size_t npages, unsigned flags)
{
	int large, rc;

	if ((rc = check_args(va, npages)) != MMU_OK || (pa & PAGE_MASK) != 0) {
		return rc != MMU_OK ? rc : MMU_ERR_ARGS;
	}
	for (size_t i = 0; i < npages; i++) {
		uint64_t *pte = walk(va + i * PAGE_SIZE, 1, &large);

		if (pte == NULL) {
			return large ? MMU_ERR_LARGE : MMU_ERR_NOMEM;
		}
		if (*pte & PTE_P) {
			return MMU_ERR_EXISTS;
		}
		*pte = (pa + i * PAGE_SIZE) | pte_flags(flags);
	}
	return MMU_OK;
}

int
arch_mmu_unmap(uint64_t va, size_t npages)
{
	int large, rc;

	if ((rc = check_args(va, npages)) != MMU_OK) {
		return rc;
	}
	for (size_t i = 0; i < npages; i++) {
		uint64_t *pte = walk(va + i * PAGE_SIZE, 0, &large);

		if (pte == NULL || !(*pte & PTE_P)) {
			return large ? MMU_ERR_LARGE : MMU_ERR_NOTMAPPED;
		}
		*pte = 0;
		invlpg(va + i * PAGE_SIZE);
	}
	return MMU_OK;
}

int
arch_mmu_protect(uint64_t va, size_t npages, unsigned flags)
{
	int large, rc;

	if ((rc = check_args(va, npages)) != MMU_OK) {
		return rc;
	}
	for (size_t i = 0; i < npages; i++) {
		uint64_t *pte = walk(va + i * PAGE_SIZE, 0, &large);

		if (pte == NULL || !(*pte & PTE_P)) {
			return large ? MMU_ERR_LARGE : MMU_ERR_NOTMAPPED;
		}
		*pte = (*pte & PTE_ADDR) | pte_flags(flags);
		invlpg(va + i * PAGE_SIZE);
	}
	return MMU_OK;
}

int
arch_mmu_query(uint64_t va, uint64_t *pa, unsigned *flags)
{
	uint64_t *t = kernel_pml4, e = 0;

	for (int level = 3; level >= 0; level--) {
		e = t[(va >> (12 + 9 * level)) & 511];
		if (!(e & PTE_P)) {
			return MMU_ERR_NOTMAPPED;
		}
		if (level > 0 && (e & PTE_PS)) {
			uint64_t size = 1ULL << (12 + 9 * level);

			*pa = (e & PTE_ADDR & ~(size - 1)) + (va & (size - 1));
			*flags = mmu_flags(e);
			return MMU_OK;
		}
		if (level > 0) {
			t = table_at(e);
		}
	}
	*pa = (e & PTE_ADDR) + (va & PAGE_MASK);
	*flags = mmu_flags(e);
	return MMU_OK;
}

size_t
arch_mmu_table_pages(void)
{
	return table_pages;
}

/* Maps [0, end) at DIRECT_MAP_BASE with 2 MiB pages, RW, NX. */
static int
map_direct(uint64_t end)
{
	for (uint64_t pa = 0; pa < end; pa += LARGE_PAGE) {
		uint64_t va = DIRECT_MAP_BASE + pa;
		uint64_t *t = kernel_pml4;

		for (int level = 3; level > 1; level--) {
			uint64_t *e = &t[(va >> (12 + 9 * level)) & 511];

			if (!(*e & PTE_P)) {
				uint64_t tp = pmm_alloc_page();

				if (tp == PMM_NONE) {
					return MMU_ERR_NOMEM;
				}
				table_pages++;
				*e = tp | PTE_P | PTE_W;
			}
			t = table_at(*e);
		}
		t[(va >> 21) & 511] = pa | PTE_P | PTE_W | PTE_PS | PTE_G | PTE_NX;
	}
	return MMU_OK;
}

static int
map_kernel_range(char *start, char *end, unsigned flags)
{
	uint64_t va = (uint64_t)start;
	size_t n = ((uint64_t)end - va + PAGE_MASK) / PAGE_SIZE;

	return arch_mmu_map(va, va - KERNEL_VMA, n, flags);
}

int
arch_mmu_init(uint64_t max_phys)
{
	uint64_t end = max_phys < 0x100000000ULL ? 0x100000000ULL : max_phys;
	int rc;

	end = (end + LARGE_PAGE - 1) & ~(LARGE_PAGE - 1);
	if ((kernel_pml4_phys = pmm_alloc_page()) == PMM_NONE) {
		return MMU_ERR_NOMEM;
	}
	table_pages = 1;
	kernel_pml4 = phys_to_virt(kernel_pml4_phys);
	if ((rc = map_direct(end)) != MMU_OK ||
	    (rc = map_kernel_range(__text_start, __text_end, MMU_EXEC)) != MMU_OK ||
	    (rc = map_kernel_range(__rodata_start, __rodata_end, 0)) != MMU_OK ||
	    (rc = map_kernel_range(__data_start, __data_end, MMU_WRITE)) != MMU_OK ||
	    (rc = arch_mmu_unmap((uint64_t)boot_stack_guard, 1)) != MMU_OK) {
		return rc;
	}
	write_cr3(kernel_pml4_phys);
	return MMU_OK;
}

/*
 * For EFI runtime calls: installs (or removes, with entry 0) a PML4 slot 0
 * entry, i.e. the boot identity map of [0, 4 GiB). Returns the old entry.
 */
uint64_t
paging_set_low_identity(uint64_t entry)
{
	uint64_t old = kernel_pml4[0];

	kernel_pml4[0] = entry;
	write_cr3(kernel_pml4_phys);
	return old;
}
