/* exec_fuzz.c - libFuzzer target: lib/elf.c + linux/exec_plan.c + linux/initstack.c on arbitrary files */
/* SPDX-License-Identifier: MIT */
/*
 * Whatever the bytes, a plan that exec_plan_build() accepts must be safe
 * to carry out: page-aligned, ordered, non-overlapping ranges inside the
 * user half, copies inside the file and inside their mapping, the entry
 * in an executable range. The same bytes also go through the #! parser.
 */
#include <stdint.h>
#include <stdlib.h>

#include "abi/linux/mman.h"
#include "lib/elf.h"
#include "linux/exec_plan.h"
#include "linux/initstack.h"

static void
check_plan(const struct exec_plan *p, size_t size)
{
	uint64_t prev_end = EXEC_USER_MIN;
	int entry_ok = 0;
	uint32_t i;

	for (i = 0; i < p->nseg; i++) {
		const struct exec_seg *g = &p->seg[i];

		if (g->map_start % EXEC_PAGE || g->map_end % EXEC_PAGE || g->map_start > g->map_end)
			abort();
		if (g->map_start < prev_end || g->map_end > EXEC_USER_TOP)
			abort();
		if (g->file_off > size || g->file_len > size - g->file_off)
			abort();
		if (g->file_len > 0 && (g->copy_to < (i ? p->seg[i - 1].map_start : g->map_start) ||
		    g->copy_to + g->file_len > (g->map_end > g->map_start ? g->map_end :
		    p->seg[i - 1].map_end)))
			abort();
		if ((g->prot & LX_PROT_EXEC) && p->entry >= g->map_start && p->entry < g->map_end)
			entry_ok = 1;
		if (i > 0 && g->map_start == g->map_end && (p->seg[i - 1].prot & LX_PROT_EXEC) &&
		    p->entry >= p->seg[i - 1].map_start && p->entry < p->seg[i - 1].map_end)
			entry_ok = 1;
		prev_end = g->map_end;
	}
	if (!entry_ok || p->brk < prev_end)
		abort();
}

static void
check_stack(const struct exec_plan *p)
{
	static _Alignas(16) uint8_t stack[4096];
	static const uint8_t rnd[16];
	const char *argv[] = { "prog", NULL };
	struct initstack_args a = {
		.argv = argv, .execfn = "/prog", .platform = "x86_64", .random = rnd,
		.phdr = p->phdr, .phent = p->phent, .phnum = p->phnum, .entry = p->entry,
		.base = 0, .pagesz = 4096, .clktck = 100,
	};
	uint64_t rsp;

	if (initstack_build(&a, stack, sizeof(stack), EXEC_USER_TOP, &rsp) != 0 || rsp % 16)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct elf_image img;
	struct exec_plan plan;
	struct exec_script s;

	if (exec_script_parse((const char *)data, size, &s) == 1 &&
	    (s.interp[0] == '\0' || s.interp[EXEC_SCRIPT_MAX - 1] != '\0'))
		abort();
	if (elf_parse(data, size, ELF_EM_X86_64, &img) != ELF_OK)
		return 0;
	if (exec_plan_build(&img, EXEC_PIE_BASE, &plan) != 0)
		return 0;
	check_plan(&plan, size);
	check_stack(&plan);
	return 0;
}
