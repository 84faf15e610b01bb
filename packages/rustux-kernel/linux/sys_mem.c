/* sys_mem.c - Linux personality: brk, anonymous mmap, munmap, mprotect */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/mman.h"
#include "arch/mmu.h"
#include "fs/vfs.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "syscall_table.h"

#define ROUND_UP(x)	(((x) + PAGE_MASK) & ~PAGE_MASK)

long
lx_brk(long addr, long a1, long a2, long a3, long a4, long a5)
{
	struct aspace *as = curproc()->as;
	uint64_t want = (uint64_t)addr, oldtop = ROUND_UP(as->brk), newtop;

	if (want == 0 || want < as->brk_start || want > as->brk_start + (1ULL << 30)) {
		return (long)as->brk;
	}
	newtop = ROUND_UP(want);
	if (newtop > oldtop) {
		for (const struct vma *v = as->vmas; v != NULL; v = v->next) {
			if (v->start < newtop && oldtop < v->end) {
				return (long)as->brk;
			}
		}
		if (as_map_anon(as, oldtop, newtop, LX_PROT_READ | LX_PROT_WRITE) != 0) {
			return (long)as->brk;
		}
	} else if (newtop < oldtop) {
		as_unmap(as, newtop, oldtop);
	}
	as->brk = want;
	return (long)want;
}

long	lx_file_vnode(long fd, struct vnode **out);

/*
 * A page-backed (ramfs) file's bytes: its pages, mapped copy-on-write, so
 * the mapping shares memory with the file until it writes. Pages past the
 * end of the file stay anonymous zero pages.
 */
static long
fill_from_pages(struct aspace *as, uint64_t a, uint64_t n, struct vnode *vn, uint64_t off)
{
	for (uint64_t done = 0; done < n && off + done < vn->size; done += PAGE_SIZE) {
		const unsigned char *pg = vn->ops->data_page(vn, (off + done) / PAGE_SIZE);

		if (pg != NULL && as_map_page(as, a + done, virt_to_phys_direct(pg)) != 0) {
			return -LX_ENOMEM;
		}
	}
	return 0;
}

/* Any other file's bytes: a copy taken now, a page at a time. */
static long
fill_by_copy(struct aspace *as, uint64_t a, uint64_t n, struct vnode *vn, uint64_t off)
{
	uint64_t pa = pmm_alloc_page();
	uint8_t *buf;
	long r = 0;

	if (pa == PMM_NONE) {
		return -LX_ENOMEM;
	}
	buf = phys_to_virt(pa);
	for (uint64_t done = 0; r == 0 && done < n && off + done < vn->size; done += PAGE_SIZE) {
		long got = vn->ops->read(vn, buf, PAGE_SIZE, off + done);

		if (got < 0) {
			r = got;
		} else if (got > 0 && as_write(as, a + done, buf, (size_t)got) != 0) {
			r = -LX_ENOMEM;
		}
	}
	pmm_free_page(pa);
	return r;
}

/* A private file mapping of n bytes of fd from off, at a. */
static long
map_file(struct aspace *as, uint64_t a, uint64_t n, uint32_t prot, long fd, uint64_t off)
{
	struct vnode *vn;
	long r = lx_file_vnode(fd, &vn);

	if (r != 0) {
		return r;
	}
	if (as_map_anon(as, a, a + n, prot) != 0) {
		r = -LX_ENOMEM;
	} else {
		r = vn->ops->data_page != NULL ? fill_from_pages(as, a, n, vn, off) :
		    fill_by_copy(as, a, n, vn, off);
	}
	if (r == 0 && as_set_file(as, a, a + n, vn, off) != 0) {
		r = -LX_ENOMEM;
	}
	vnode_unref(vn);
	if (r != 0) {
		as_unmap(as, a, a + n);
		return r;
	}
	return (long)a;
}

long
lx_mmap(long addr, long len, long prot, long flags, long fd, long off)
{
	struct aspace *as = curproc()->as;
	uint64_t a = (uint64_t)addr, n = ROUND_UP((uint64_t)len);

	if (len <= 0 || (a & PAGE_MASK) || n > USER_TOP) {
		return -LX_EINVAL;
	}
	if (!(flags & LX_MAP_ANONYMOUS) && ((flags & LX_MAP_SHARED) || (off & (long)PAGE_MASK))) {
		return (flags & LX_MAP_SHARED) ? -LX_ENODEV : -LX_EINVAL;	/* private only */
	}
	if (!(flags & LX_MAP_ANONYMOUS) && (uint64_t)off > UINT64_MAX - n) {
		return -LX_EOVERFLOW;	/* as Linux: the file range may not wrap */
	}
	if (!(flags & (LX_MAP_PRIVATE | LX_MAP_SHARED))) {
		return -LX_EINVAL;
	}
	if (flags & LX_MAP_FIXED) {
		if (a < 0x10000 || a + n > USER_TOP) {
			return -LX_EINVAL;
		}
	} else if ((a = as_find_free(as, n)) == 0) {
		return -LX_ENOMEM;
	}
	if (!(flags & LX_MAP_ANONYMOUS)) {
		return map_file(as, a, n, (uint32_t)prot & 7, fd, (uint64_t)off);
	}
	if (as_map_anon(as, a, a + n, (uint32_t)prot & 7) != 0) {
		return -LX_ENOMEM;
	}
	return (long)a;
}

long
lx_munmap(long addr, long len, long a2, long a3, long a4, long a5)
{
	uint64_t a = (uint64_t)addr, n = ROUND_UP((uint64_t)len);

	if ((a & PAGE_MASK) || len <= 0 || a >= USER_TOP || n > USER_TOP - a) {
		return -LX_EINVAL;
	}
	as_unmap(curproc()->as, a, a + n);
	return 0;
}

long
lx_mprotect(long addr, long len, long prot, long a3, long a4, long a5)
{
	uint64_t a = (uint64_t)addr, n = ROUND_UP((uint64_t)len);

	if ((a & PAGE_MASK) || a >= USER_TOP || n > USER_TOP - a) {
		return -LX_EINVAL;
	}
	if (n == 0) {
		return 0;
	}
	return as_protect(curproc()->as, a, a + n, (uint32_t)prot & 7) == 0 ? 0 : -LX_ENOMEM;
}
