/* exec_load.c - kernel: execve's loader: maps a static ELF from its file's pages, builds the stack */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/fcntl.h"
#include "abi/linux/mman.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/x86_64/x86.h"
#include "lib/elf.h"
#include "lib/string.h"
#include "linux/exec_plan.h"
#include "linux/initstack.h"
#include "mm/pmm.h"
#include "proc/exec_load.h"
#include "proc/proc.h"

#define EXEC_MAX_FILE	(64ULL << 20)
#define STACK_IMAGE	(64ULL << 10)	/* bytes of argv/envp/auxv room */

/* AT_RANDOM's bytes: mixed from the cycle counter (no entropy pool yet). */
static void
random16(uint8_t out[16])
{
	static uint64_t s = 0x9e3779b97f4a7c15ULL;

	for (int i = 0; i < 16; i++) {
		s ^= arch_cycles();
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		out[i] = (uint8_t)(s >> 56);
	}
}

static const unsigned char *
file_page(const struct vnode *vn, uint64_t idx)
{
	return vn->ops->data_page((struct vnode *)vn, idx);
}

/* The whole file in physically contiguous pages, for file systems without pages to map. */
static int
read_whole(struct exec_file *x)
{
	struct vnode *vn = x->vn;
	uint64_t pa;
	long r;

	x->copy_pages = (vn->size + PAGE_SIZE - 1) / PAGE_SIZE;
	if ((pa = pmm_alloc_pages(x->copy_pages, 1)) == PMM_NONE) {
		return -LX_ENOMEM;
	}
	x->copy = phys_to_virt(pa);
	r = vn->ops->read(vn, x->copy, vn->size, 0);
	if (r != (long)vn->size) {
		pmm_free_pages(pa, x->copy_pages);
		x->copy = NULL;
		return r < 0 ? (int)r : -LX_EIO;
	}
	x->head = x->copy;
	x->have = vn->size;
	return 0;
}

int
exec_file_open(const char *path, struct exec_file *x)
{
	struct vnode *vn;
	const unsigned char *pg0;
	int rc;

	memset(x, 0, sizeof(*x));
	if ((rc = vfs_open(&curproc()->vfs, NULL, path, LX_O_RDONLY, 0, &vn)) != 0) {
		return rc;
	}
	x->vn = vn;
	if (!VFS_ISREG(vn) || (vn->mode & 0111) == 0 || vn->size > EXEC_MAX_FILE) {
		rc = -LX_EACCES;
	} else if (vn->size < 4) {
		rc = -LX_ENOEXEC;
	} else if (vn->ops->data_page != NULL && (pg0 = file_page(vn, 0)) != NULL) {
		x->head = pg0;
		x->have = vn->size < PAGE_SIZE ? vn->size : PAGE_SIZE;
		return 0;
	} else {
		rc = read_whole(x);
	}
	if (rc != 0) {
		exec_file_close(x);
	}
	return rc;
}

void
exec_file_close(struct exec_file *x)
{
	if (x->copy != NULL) {
		pmm_free_pages(virt_to_phys_direct(x->copy), x->copy_pages);
	}
	if (x->vn != NULL) {
		vnode_unref(x->vn);
	}
	memset(x, 0, sizeof(*x));
}

/* Copies the file bytes [off, off + n) to va: holes stay as they are (zero). */
static int
copy_from_pages(struct aspace *as, uint64_t va, const struct vnode *vn, uint64_t off, uint64_t n)
{
	while (n > 0) {
		uint64_t in = off % PAGE_SIZE, k = PAGE_SIZE - in < n ? PAGE_SIZE - in : n;
		const unsigned char *pg = file_page(vn, off / PAGE_SIZE);

		if (pg != NULL && as_write(as, va, pg + in, k) != 0) {
			return -1;
		}
		va += k;
		off += k;
		n -= k;
	}
	return 0;
}

/*
 * One segment from the file's pages. A page that holds only file bytes
 * (or file bytes and, past the segment, more of the file, as Linux maps
 * it) is the file's own page, mapped copy-on-write. The page where the
 * zero fill (bss) starts gets a private copy with the fill zeroed; pages
 * wholly in the fill stay unmapped until touched.
 */
static int
map_segment(struct aspace *as, const struct exec_seg *s, const struct vnode *vn)
{
	uint64_t fend = s->copy_to + s->file_len, mend = s->copy_to + s->mem_len;
	int congruent = s->copy_to % PAGE_SIZE == s->file_off % PAGE_SIZE;

	for (uint64_t va = s->copy_to & ~PAGE_MASK; va < fend; va += PAGE_SIZE) {
		uint64_t lo = va > s->copy_to ? va : s->copy_to;
		uint64_t hi = va + PAGE_SIZE < fend ? va + PAGE_SIZE : fend;
		uint64_t off = s->file_off + (lo - s->copy_to);
		const unsigned char *pg;

		if (congruent && (va + PAGE_SIZE <= fend || mend == fend) &&
		    (pg = file_page(vn, off / PAGE_SIZE)) != NULL &&
		    as_map_page(as, va, virt_to_phys_direct(pg)) == 0) {
			continue;
		}
		if (copy_from_pages(as, lo, vn, off, hi - lo) != 0) {
			return -1;
		}
		/* The fill's start may share a page with file bytes (a neighbour's too). */
		if (hi == fend && mend > fend &&
		    as_write(as, fend, NULL, (mend < va + PAGE_SIZE ? mend : va + PAGE_SIZE) - fend) != 0) {
			return -1;
		}
	}
	return 0;
}

/* argv, envp and auxv, built in a scratch buffer and copied to the top of the stack. */
static int
build_stack(struct aspace *as, const struct exec_plan *plan, const char *path,
    char *const *argv, char *const *envp, uint64_t *rsp)
{
	struct initstack_args a = { 0 };
	uint64_t spa, top = USER_STACK_TOP;
	uint8_t rnd[16], *stk;
	uint32_t r[4];
	int rc;

	if (as_map_anon(as, top - USER_STACK_SIZE, top, LX_PROT_READ | LX_PROT_WRITE) != 0) {
		return -LX_ENOMEM;
	}
	if ((spa = pmm_alloc_pages(STACK_IMAGE / PAGE_SIZE, 1)) == PMM_NONE) {
		return -LX_ENOMEM;
	}
	stk = phys_to_virt(spa);
	random16(rnd);
	cpuid(1, 0, r);
	a.argv = (const char *const *)argv;
	a.envp = (const char *const *)envp;
	a.execfn = path;
	a.platform = "x86_64";
	a.random = rnd;
	a.phdr = plan->phdr;
	a.phent = plan->phent;
	a.phnum = plan->phnum;
	a.entry = plan->entry;
	a.base = 0;
	a.hwcap = r[3];
	a.pagesz = PAGE_SIZE;
	a.clktck = 100;
	rc = initstack_build(&a, stk, STACK_IMAGE, top, rsp);
	if (rc == 0) {
		uint64_t lo = *rsp & ~PAGE_MASK;

		rc = as_write(as, lo, stk + (lo - (top - STACK_IMAGE)), top - lo) != 0 ?
		    -LX_ENOMEM : 0;
	}
	pmm_free_pages(spa, STACK_IMAGE / PAGE_SIZE);
	return rc;
}

/*
 * The pages of a segment that hold file bytes show the file in
 * /proc/N/maps, from the page-aligned offset (as Linux maps them); the
 * pages wholly in the zero fill stay anonymous.
 */
static int
segment_names_file(struct aspace *as, const struct exec_seg *s, struct vnode *vn)
{
	uint64_t fend = (s->copy_to + s->file_len + PAGE_MASK) & ~PAGE_MASK;
	uint64_t off = s->file_off - (s->copy_to - s->map_start);

	if (s->file_len == 0 || s->copy_to - s->map_start > s->file_off) {
		return 0;
	}
	return as_set_file(as, s->map_start, fend < s->map_end ? fend : s->map_end, vn, off);
}

int
exec_load_image(struct exec_file *x, const char *path, char *const *argv, char *const *envp,
    struct aspace **out, uint64_t *entry, uint64_t *rsp)
{
	struct elf_image img;
	struct exec_plan plan;
	struct aspace *as;
	int rc, err;

	err = elf_parse_head(x->head, x->have, x->vn->size, ELF_EM_X86_64, &img);
	if (err == ELF_ERR_PHDRS && x->copy == NULL && x->have < x->vn->size) {
		/* Program headers past the first page: rare; read the file whole. */
		if ((rc = read_whole(x)) != 0) {
			return rc;
		}
		err = elf_parse_head(x->head, x->have, x->vn->size, ELF_EM_X86_64, &img);
	}
	if (err != ELF_OK) {
		return -LX_ENOEXEC;
	}
	if ((rc = exec_plan_build(&img, EXEC_PIE_BASE, &plan)) != 0) {
		return rc;
	}
	if ((as = as_create()) == NULL) {
		return -LX_ENOMEM;
	}
	for (uint32_t i = 0; i < plan.nseg; i++) {
		const struct exec_seg *s = &plan.seg[i];

		if (as_map_anon(as, s->map_start, s->map_end, s->prot) != 0) {
			goto nomem;
		}
		if (x->copy != NULL ? as_write(as, s->copy_to, x->copy + s->file_off, s->file_len) != 0 :
		    map_segment(as, s, x->vn) != 0) {
			goto nomem;
		}
		if (segment_names_file(as, s, x->vn) != 0) {
			goto nomem;
		}
	}
	as->brk_start = as->brk = plan.brk;
	if ((rc = build_stack(as, &plan, path, argv, envp, rsp)) != 0) {
		as_destroy(as);
		return rc;
	}
	*entry = plan.entry;
	*out = as;
	return 0;
nomem:
	as_destroy(as);
	return -LX_ENOMEM;
}
