/* exec_plan.c - Linux personality: mapping plan for static ELF executables, #! scripts */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "abi/linux/mman.h"
#include "lib/string.h"
#include "linux/exec_plan.h"

#define PHDR_SIZE	56

static uint64_t
trunc_page(uint64_t a)
{
	return a & ~(EXEC_PAGE - 1);
}

static uint64_t
round_page(uint64_t a)
{
	return (a + EXEC_PAGE - 1) & ~(EXEC_PAGE - 1);
}

static uint32_t
prot_of(uint32_t pflags)
{
	return ((pflags & ELF_PF_R) ? LX_PROT_READ : 0) |
	    ((pflags & ELF_PF_W) ? LX_PROT_WRITE : 0) |
	    ((pflags & ELF_PF_X) ? LX_PROT_EXEC : 0);
}

/* The user address of the program headers: inside a loaded segment's file bytes, or 0. */
static uint64_t
phdr_address(const struct elf_image *img, uint64_t origin, uint64_t load)
{
	uint64_t len = (uint64_t)img->phnum * PHDR_SIZE;
	uint32_t i;

	for (i = 0; i < img->nload; i++) {
		const struct elf_segment *s = &img->load[i];

		if (img->phoff >= s->offset && img->phoff - s->offset <= s->filesz &&
		    len <= s->filesz - (img->phoff - s->offset))
			return load + (s->vaddr - origin) + (img->phoff - s->offset);
	}
	return 0;
}

/*
 * Adds segment s, placed at load + (vaddr - origin). Segments are sorted and
 * disjoint (lib/elf.c checked), but two may share a page when their
 * boundary is not page-aligned: the shared page stays with the earlier one
 * and gets both protections, which is what the bytes in it need.
 */
static int
add_seg(struct exec_plan *p, const struct elf_segment *s, uint64_t load, uint64_t origin)
{
	struct exec_seg *g = &p->seg[p->nseg], *prev = p->nseg ? &p->seg[p->nseg - 1] : NULL;
	uint64_t delta = s->vaddr - origin, start, end;

	if (s->vaddr < origin || delta > EXEC_USER_TOP - load || s->memsz > EXEC_USER_TOP)
		return -LX_ENOEXEC;
	start = load + delta;
	if (start > EXEC_USER_TOP - s->memsz || trunc_page(start) < EXEC_USER_MIN)
		return -LX_ENOEXEC;
	end = start + s->memsz;
	g->map_start = trunc_page(start);
	g->map_end = round_page(end);
	g->copy_to = start;
	g->file_off = s->offset;
	g->file_len = s->filesz;
	g->mem_len = s->memsz;
	g->prot = prot_of(s->flags);
	if (prev != NULL && g->map_start < prev->map_end) {
		prev->prot |= g->prot;
		g->map_start = prev->map_end;
		if (g->map_end < g->map_start)
			g->map_end = g->map_start;	/* nothing of its own to map */
	}
	p->nseg++;
	if (round_page(end) > p->brk)
		p->brk = round_page(end);
	return 0;
}

int
exec_plan_build(const struct elf_image *img, uint64_t pie_base, struct exec_plan *plan)
{
	uint64_t load = 0, origin = 0;
	uint32_t i;
	int r;

	memset(plan, 0, sizeof(*plan));
	if (img->interp.size != 0)
		return -LX_ENOEXEC;		/* dynamically linked: no ld.so here */
	if (img->type == ELF_ET_DYN) {
		if (pie_base % EXEC_PAGE != 0)
			return -LX_EINVAL;
		load = pie_base;
		origin = trunc_page(img->vmin);
	} else if (img->type != ELF_ET_EXEC) {
		return -LX_ENOEXEC;
	}
	if (img->nload == 0 || img->nload > ELF_MAX_LOADS)
		return -LX_ENOEXEC;
	for (i = 0; i < img->nload; i++)
		if ((r = add_seg(plan, &img->load[i], load, origin)) != 0)
			return r;
	if (img->entry < origin || img->entry - origin > EXEC_USER_TOP - load)
		return -LX_ENOEXEC;
	plan->base = load - origin;	/* the bias: 0 for ET_EXEC */
	plan->entry = load + (img->entry - origin);
	plan->phdr = phdr_address(img, origin, load);
	plan->phent = PHDR_SIZE;
	plan->phnum = img->phnum;
	plan->exec_stack = (img->stack_flags & ELF_PF_X) != 0;
	return 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

int
exec_script_parse(const char *buf, size_t n, struct exec_script *s)
{
	size_t end, i, j, k;

	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return 0;
	for (end = 2; end < n && buf[end] != '\n'; end++)
		if (end >= EXEC_SCRIPT_MAX)
			return -LX_ENOEXEC;	/* no newline in the first 256 bytes */
	memset(s, 0, sizeof(*s));
	for (i = 2; i < end && is_blank(buf[i]); i++)
		continue;
	for (j = i; j < end && !is_blank(buf[j]) && buf[j] != '\0'; j++)
		continue;
	if (j == i)
		return -LX_ENOEXEC;
	memcpy(s->interp, buf + i, j - i);
	for (i = j; i < end && is_blank(buf[i]); i++)
		continue;
	for (k = end; k > i && (is_blank(buf[k - 1]) || buf[k - 1] == '\r'); k--)
		continue;
	if (k > i) {
		memcpy(s->arg, buf + i, k - i);
		s->has_arg = 1;
	}
	return 1;
}

int
exec_script_argv(const struct exec_script *s, const char *filename, const char *const *argv,
    const char **out, size_t max)
{
	size_t n = 0, i;

	if (max < 3 + (size_t)s->has_arg)
		return -LX_E2BIG;
	out[n++] = s->interp;
	if (s->has_arg)
		out[n++] = s->arg;
	out[n++] = filename;
	for (i = 1; argv != NULL && argv[0] != NULL && argv[i] != NULL; i++) {
		if (n + 1 >= max)
			return -LX_E2BIG;
		out[n++] = argv[i];
	}
	out[n] = NULL;
	return (int)n;
}
