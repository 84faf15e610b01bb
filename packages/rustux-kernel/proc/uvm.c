/* uvm.c - kernel: user address spaces on x86_64 4-level page tables */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "arch/mmu.h"
#include "arch/x86_64/x86.h"
#include "fs/vfs.h"
#include "lib/kalloc.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "proc/uvm.h"
#include "sched/sched.h"

#define PTE_P		(1ULL << 0)
#define PTE_W		(1ULL << 1)
#define PTE_U		(1ULL << 2)
#define PTE_COW		(1ULL << 9)	/* shared after fork: a write copies (software bit) */
#define PTE_NX		(1ULL << 63)
#define PTE_ADDR	0x000ffffffffff000ULL
#define PT_SPAN		(512 * PAGE_SIZE)	/* what one page table maps */
#define PROT_W		2u
#define PROT_X		4u

static uint64_t *
table(uint64_t pa)
{
	return phys_to_virt(pa & PTE_ADDR);
}

/* Drops one mapping of a user page: the last one frees it. */
static void
page_put(uint64_t pte)
{
	pmm_page_put(pte & PTE_ADDR);
}

/* The leaf entry for va, creating tables when alloc; NULL if absent or no memory. */
static uint64_t *
walk(const struct aspace *as, uint64_t va, int alloc)
{
	uint64_t *t = table(as->pml4);

	for (int shift = 39; shift > 12; shift -= 9) {
		uint64_t *e = &t[(va >> shift) & 511];

		if (!(*e & PTE_P)) {
			uint64_t pa;

			if (!alloc || (pa = pmm_alloc_page()) == PMM_NONE) {
				return NULL;
			}
			*e = pa | PTE_P | PTE_W | PTE_U;
		}
		t = table(*e);
	}
	return &t[(va >> 12) & 511];
}

/*
 * For loops over a range page by page, where walk() found no page table at
 * va: the last page that table would map, so that the loop's next step
 * lands on the next table's first page.
 */
static uint64_t
next_table(uint64_t va)
{
	return (va | (PT_SPAN - 1)) - PAGE_SIZE + 1;
}

static uint64_t
pte_flags(uint32_t prot)
{
	return PTE_P | PTE_U | ((prot & PROT_W) ? PTE_W : 0) | ((prot & PROT_X) ? 0 : PTE_NX);
}

static void
flush(const struct aspace *as, uint64_t va)
{
	if (current != NULL && current->cr3 == as->pml4) {
		invlpg(va);
	}
}

struct aspace *
as_create(void)
{
	struct aspace *as = kzalloc(sizeof(*as));
	uint64_t *k, *u;

	if (as == NULL || (as->pml4 = pmm_alloc_page()) == PMM_NONE) {
		kfree(as);
		return NULL;
	}
	k = table(sched_kernel_cr3());
	u = table(as->pml4);
	for (int i = 256; i < 512; i++) {
		u[i] = k[i];
	}
	as->mmap_next = USER_MMAP_BASE;
	return as;
}

static void
free_level(uint64_t pa, int level)
{
	uint64_t *t = table(pa);

	for (int i = 0; i < 512; i++) {
		if (!(t[i] & PTE_P)) {
			continue;
		}
		if (level > 1) {
			free_level(t[i], level - 1);
		} else {
			page_put(t[i]);
		}
	}
	pmm_free_page(pa & PTE_ADDR);
}

static void
vma_free(struct vma *v)
{
	if (v->vn != NULL) {
		vnode_unref(v->vn);
	}
	kfree(v);
}

void
as_destroy(struct aspace *as)
{
	uint64_t *t = table(as->pml4);

	for (int i = 0; i < 256; i++) {
		if (t[i] & PTE_P) {
			free_level(t[i], 3);
		}
	}
	pmm_free_page(as->pml4);
	while (as->vmas != NULL) {
		struct vma *v = as->vmas;

		as->vmas = v->next;
		vma_free(v);
	}
	kfree(as);
}

const struct vma *
as_find_vma(const struct aspace *as, uint64_t addr)
{
	for (const struct vma *v = as->vmas; v != NULL; v = v->next) {
		if (addr >= v->start && addr < v->end) {
			return v;
		}
	}
	return NULL;
}

static int
vma_insert(struct aspace *as, uint64_t start, uint64_t end, uint32_t prot, struct vnode *vn,
    uint64_t off)
{
	struct vma *n = kzalloc(sizeof(*n)), **p = &as->vmas;

	if (n == NULL) {
		return -1;
	}
	n->start = start;
	n->end = end;
	n->prot = prot;
	if ((n->vn = vn) != NULL) {
		vnode_ref(vn);
		n->off = off;
	}
	while (*p != NULL && (*p)->start < start) {
		p = &(*p)->next;
	}
	n->next = *p;
	*p = n;
	return 0;
}

/* Splits the VMA across addr, if one is, in two (the file's offset follows). */
static int
vma_split(struct aspace *as, uint64_t addr)
{
	for (struct vma *v = as->vmas; v != NULL; v = v->next) {
		if (v->start < addr && addr < v->end) {
			if (vma_insert(as, addr, v->end, v->prot, v->vn,
			    v->off + (addr - v->start)) != 0) {
				return -1;
			}
			v->end = addr;
			return 0;
		}
	}
	return 0;
}

/* Cuts [start, end) out of every VMA (splitting where needed). */
static int
vma_cut(struct aspace *as, uint64_t start, uint64_t end)
{
	if (vma_split(as, start) != 0 || vma_split(as, end) != 0) {
		return -1;
	}
	for (struct vma **p = &as->vmas; *p != NULL;) {
		struct vma *v = *p;

		if (v->start >= start && v->end <= end) {
			*p = v->next;
			vma_free(v);
		} else {
			p = &v->next;
		}
	}
	return 0;
}

void
as_unmap(struct aspace *as, uint64_t start, uint64_t end)
{
	for (uint64_t va = start; va < end && va >= start; va += PAGE_SIZE) {
		uint64_t *e = walk(as, va, 0);

		if (e == NULL) {
			va = next_table(va);
			continue;
		}
		if (*e & PTE_P) {
			page_put(*e);
			*e = 0;
			as->pages--;
			flush(as, va);
		}
	}
	vma_cut(as, start, end);
}

int
as_map_anon(struct aspace *as, uint64_t start, uint64_t end, uint32_t prot)
{
	as_unmap(as, start, end);
	return vma_insert(as, start, end, prot, NULL, 0);
}

int
as_set_file(struct aspace *as, uint64_t start, uint64_t end, struct vnode *vn, uint64_t off)
{
	if (vma_split(as, start) != 0 || vma_split(as, end) != 0) {
		return -1;
	}
	for (struct vma *v = as->vmas; v != NULL; v = v->next) {
		if (v->start >= start && v->end <= end) {
			vnode_ref(vn);
			if (v->vn != NULL) {
				vnode_unref(v->vn);
			}
			v->vn = vn;
			v->off = off + (v->start - start);
		}
	}
	return 0;
}

int
as_protect(struct aspace *as, uint64_t start, uint64_t end, uint32_t prot)
{
	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		if (as_find_vma(as, va) == NULL) {
			return -1;
		}
	}
	if (vma_split(as, start) != 0 || vma_split(as, end) != 0) {
		return -1;
	}
	for (struct vma *v = as->vmas; v != NULL; v = v->next) {
		if (v->start >= start && v->end <= end) {
			v->prot = prot;
		}
	}
	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		uint64_t *e = walk(as, va, 0);

		if (e != NULL && (*e & PTE_P)) {
			*e = (*e & (PTE_ADDR | PTE_COW)) | pte_flags(prot);
			if (*e & PTE_COW) {
				*e &= ~PTE_W;	/* still shared: the first write copies */
			}
			flush(as, va);
		}
	}
	return 0;
}

uint64_t
as_find_free(struct aspace *as, uint64_t len)
{
	uint64_t a = as->mmap_next;

	for (int tries = 0; tries < 64; tries++) {
		const struct vma *v;
		int clash = 0;

		for (v = as->vmas; v != NULL; v = v->next) {
			if (v->start < a + len && a < v->end) {
				clash = 1;
				a = v->end;
			}
		}
		if (!clash) {
			as->mmap_next = a + len;
			return a + len <= USER_STACK_TOP - USER_STACK_SIZE ? a : 0;
		}
	}
	return 0;
}

/* A write to a shared page: a private copy, or the page itself once nobody else has it. */
static int
cow_break(struct aspace *as, uint64_t va, uint64_t *e)
{
	uint64_t pa;

	if (pmm_page_holders(*e & PTE_ADDR) == 1) {
		*e = (*e & ~PTE_COW) | PTE_W;
		flush(as, va);
		return 0;
	}
	if ((pa = pmm_alloc_pages(1, 1)) == PMM_NONE) {
		return -1;	/* (no need to zero: the copy fills it) */
	}
	memcpy(phys_to_virt(pa), phys_to_virt(*e & PTE_ADDR), PAGE_SIZE);
	pmm_page_put(*e & PTE_ADDR);
	*e = pa | (*e & ~(PTE_ADDR | PTE_COW)) | PTE_W;
	flush(as, va);
	return 0;
}

int
as_prepare_write(struct aspace *as, uint64_t va, size_t n)
{
	uint64_t end = va + n;

	if (n == 0 || end < va) {
		return 0;
	}
	for (uint64_t page = va & ~PAGE_MASK; page < end; page += PAGE_SIZE) {
		uint64_t *e = walk(as, page, 0);
		const struct vma *v;

		if (e == NULL || (*e & (PTE_P | PTE_COW)) != (PTE_P | PTE_COW)) {
			continue;
		}
		if ((v = as_find_vma(as, page)) == NULL || !(v->prot & PROT_W)) {
			continue;	/* the copy faults and says EFAULT */
		}
		if (cow_break(as, page, e) != 0) {
			return -1;
		}
	}
	return 0;
}

/* Maps a fresh zero page at va with the VMA's protection. */
static int
populate(struct aspace *as, uint64_t va, uint32_t prot)
{
	uint64_t *e = walk(as, va, 1), pa;

	if (e == NULL || (pa = pmm_alloc_page()) == PMM_NONE) {
		return -1;
	}
	*e = pa | pte_flags(prot);
	as->pages++;
	return 0;
}

int
as_map_page(struct aspace *as, uint64_t va, uint64_t pa)
{
	const struct vma *v = as_find_vma(as, va);
	uint64_t *e;

	if (v == NULL || (e = walk(as, va, 1)) == NULL || pmm_page_share(pa) != 0) {
		return -1;
	}
	if (*e & PTE_P) {
		page_put(*e);
		as->pages--;
	}
	*e = pa | (pte_flags(v->prot) & ~PTE_W) | PTE_COW;
	as->pages++;
	flush(as, va);
	return 0;
}

int
as_fault(struct aspace *as, uint64_t addr, int write, int exec)
{
	const struct vma *v = as_find_vma(as, addr);
	uint64_t *e;

	if (v == NULL || (write && !(v->prot & PROT_W)) || (exec && !(v->prot & PROT_X)) ||
	    v->prot == 0) {
		return -1;
	}
	e = walk(as, addr & ~PAGE_MASK, 0);
	if (e != NULL && (*e & PTE_P)) {
		if (write && (*e & PTE_COW)) {
			return cow_break(as, addr & ~PAGE_MASK, e);
		}
		return -1;	/* present: a real protection fault */
	}
	return populate(as, addr & ~PAGE_MASK, v->prot);
}

int
as_write(struct aspace *as, uint64_t va, const void *src, size_t n)
{
	const uint8_t *s = src;

	while (n > 0) {
		uint64_t page = va & ~PAGE_MASK, off = va & PAGE_MASK;
		size_t chunk = PAGE_SIZE - off < n ? PAGE_SIZE - off : n;
		uint64_t *e = walk(as, page, 0);

		if (e == NULL || !(*e & PTE_P)) {
			const struct vma *v = as_find_vma(as, page);

			if (v == NULL || populate(as, page, v->prot) != 0) {
				return -1;
			}
			e = walk(as, page, 0);
		}
		if ((*e & PTE_COW) && cow_break(as, page, e) != 0) {
			return -1;
		}
		if (s != NULL) {
			memcpy((uint8_t *)phys_to_virt(*e & PTE_ADDR) + off, s, chunk);
			s += chunk;
		} else {
			memset((uint8_t *)phys_to_virt(*e & PTE_ADDR) + off, 0, chunk);
		}
		va += chunk;
		n -= chunk;
	}
	return 0;
}

struct aspace *
as_clone(struct aspace *src)
{
	struct aspace *as = as_create();

	if (as == NULL) {
		return NULL;
	}
	as->brk_start = src->brk_start;
	as->brk = src->brk;
	as->mmap_next = src->mmap_next;
	for (const struct vma *v = src->vmas; v != NULL; v = v->next) {
		if (vma_insert(as, v->start, v->end, v->prot, v->vn, v->off) != 0) {
			goto fail;
		}
		for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE) {
			uint64_t *se = walk(src, va, 0), *de, pa;

			if (se == NULL) {
				va = next_table(va);	/* a stack VMA is mostly untouched */
				continue;
			}
			if (!(*se & PTE_P)) {
				continue;
			}
			if ((de = walk(as, va, 1)) == NULL) {
				goto fail;
			}
			if (pmm_page_share(*se & PTE_ADDR) == 0) {
				/* shared: read-only in both until a write */
				*se = (*se & ~PTE_W) | PTE_COW;
				*de = *se;
			} else {
				if ((pa = pmm_alloc_pages(1, 1)) == PMM_NONE) {
					goto fail;
				}
				memcpy(phys_to_virt(pa), phys_to_virt(*se & PTE_ADDR), PAGE_SIZE);
				*de = pa | (*se & ~PTE_ADDR);
			}
			as->pages++;
		}
	}
	if (current != NULL && current->cr3 == src->pml4) {
		write_cr3(src->pml4);	/* the parent's writable entries just became read-only */
	}
	return as;
fail:
	as_destroy(as);
	return NULL;
}
