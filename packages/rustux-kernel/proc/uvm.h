/* uvm.h - kernel: user address spaces: a PML4 sharing the kernel half, VMAs, lazy zero fill */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_PROC_UVM_H
#define RUSTUX_PROC_UVM_H

#include <stddef.h>
#include <stdint.h>

#define USER_TOP	0x00007ffffffff000ULL
#define USER_STACK_TOP	0x00007ffffffff000ULL
#define USER_STACK_SIZE	(8ULL << 20)
#define USER_MMAP_BASE	0x0000100000000000ULL

struct vnode;

/*
 * Protections: LX_PROT_READ 1, WRITE 2, EXEC 4 (Linux's values). A file
 * mapping (exec's segments, private file mmap) keeps its file, referenced,
 * and the file offset of start: /proc/N/maps shows them.
 */
struct vma {
	uint64_t	 start, end;	/* page-aligned, end exclusive */
	uint32_t	 prot;
	struct vnode	*vn;		/* referenced, or NULL: anonymous */
	uint64_t	 off;		/* vn's offset at start */
	struct vma	*next;		/* sorted by start */
};

struct aspace {
	uint64_t	 pml4;		/* physical */
	struct vma	*vmas;
	uint64_t	 brk_start, brk;
	uint64_t	 mmap_next;	/* next address for a mapping without a hint */
	size_t		 pages;		/* user pages mapped */
};

struct aspace *as_create(void);
/* Frees every user page, page table and VMA, and the aspace. Not the active one. */
void	as_destroy(struct aspace *as);
/* A copy of src (eager: every present page is copied). NULL on no memory. */
struct aspace *as_clone(struct aspace *src);	/* copy-on-write: shares every page */
/* Before the kernel writes [va, va+n) of the current space: copies shared pages. 0 or -1. */
int	as_prepare_write(struct aspace *as, uint64_t va, size_t n);
/* Adds [start, end) with prot, removing what was there (MAP_FIXED semantics). */
int	as_map_anon(struct aspace *as, uint64_t start, uint64_t end, uint32_t prot);
/*
 * Maps the page at pa, which someone else holds too (a ramfs file page),
 * at va inside a VMA: read-only and copy-on-write whatever the VMA's
 * protection, so a write gets a private copy. Takes a hold on the page.
 * 0, or -1 (no VMA, no memory, the page cannot be shared).
 */
int	as_map_page(struct aspace *as, uint64_t va, uint64_t pa);
/*
 * Records that [start, end), already mapped, shows file vn from offset off
 * (splitting VMAs at the edges; each takes a reference). 0 or -1.
 */
int	as_set_file(struct aspace *as, uint64_t start, uint64_t end, struct vnode *vn, uint64_t off);
/* Removes [start, end): pages freed, VMAs trimmed. */
void	as_unmap(struct aspace *as, uint64_t start, uint64_t end);
/* Changes the protection of [start, end). -1 if some page there is unmapped. */
int	as_protect(struct aspace *as, uint64_t start, uint64_t end, uint32_t prot);
/* A free range of len bytes for mmap without a hint, or 0. */
uint64_t as_find_free(struct aspace *as, uint64_t len);
/* Resolves a fault at addr: 0 if a page was mapped, -1 if the access is not allowed. */
int	as_fault(struct aspace *as, uint64_t addr, int write, int exec);
/* Writes n bytes of src (zeros when src is NULL) into as, active or not, faulting
 * pages in and copying shared ones as needed: 0 or -1. */
int	as_write(struct aspace *as, uint64_t va, const void *src, size_t n);
const struct vma *as_find_vma(const struct aspace *as, uint64_t addr);

#endif
