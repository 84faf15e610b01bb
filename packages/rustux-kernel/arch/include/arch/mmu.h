/* mmu.h - kernel arch interface: the kernel address space and page tables */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_ARCH_MMU_H
#define RUSTUX_ARCH_MMU_H

#include <stddef.h>
#include <stdint.h>

#include "arch/layout.h"

#define PAGE_SIZE	4096ULL
#define PAGE_MASK	(PAGE_SIZE - 1)

/* Mapping permissions; read is implied. */
#define MMU_WRITE	0x1u
#define MMU_EXEC	0x2u
#define MMU_USER	0x4u
#define MMU_NOCACHE	0x8u	/* device memory */

#define MMU_OK		0
#define MMU_ERR_NOMEM	(-1)	/* no page for a page table */
#define MMU_ERR_EXISTS	(-2)	/* map: something is already mapped there */
#define MMU_ERR_NOTMAPPED (-3)	/* unmap/protect: nothing mapped there */
#define MMU_ERR_LARGE	(-4)	/* the address lies in a large page */
#define MMU_ERR_ARGS	(-5)	/* misaligned or non-canonical */

static inline void *
phys_to_virt(uint64_t pa)
{
	return (void *)(pa + DIRECT_MAP_BASE);
}

static inline uint64_t
virt_to_phys_direct(const void *va)
{
	return (uint64_t)va - DIRECT_MAP_BASE;
}

/*
 * Builds the kernel's final page tables: the kernel image W^X (text RX,
 * rodata R, data RW+NX) and the direct map of [0, max_phys) RW+NX, then
 * switches to them. Page-table pages come from the pmm.
 */
int	arch_mmu_init(uint64_t max_phys);
/* Maps npages 4 KiB pages va -> pa in the kernel address space. */
int	arch_mmu_map(uint64_t va, uint64_t pa, size_t npages, unsigned flags);
/* Removes the mappings and flushes the TLB; page-table pages stay. */
int	arch_mmu_unmap(uint64_t va, size_t npages);
/* Changes the permissions of mapped pages. */
int	arch_mmu_protect(uint64_t va, size_t npages, unsigned flags);
/* Looks va up: 0 and *pa, *flags if mapped, else MMU_ERR_NOTMAPPED. */
int	arch_mmu_query(uint64_t va, uint64_t *pa, unsigned *flags);
/* Pages used by page tables (statistics). */
size_t	arch_mmu_table_pages(void);

/*
 * Reads or writes 8 bytes at addr; returns 0, or -1 if that faults (the
 * fault is caught and recorded, never fatal). Used by tests and, later,
 * by copyin/copyout.
 */
int	arch_probe_read64(const void *addr, uint64_t *out);
int	arch_probe_write64(void *addr, uint64_t value);

/* The last fault a probe caught: faulting address and error code. */
struct arch_fault_info {
	uint64_t addr;
	uint64_t error;
	uint64_t pc;
	uint64_t count;
};
extern struct arch_fault_info arch_last_probe_fault;

#endif
