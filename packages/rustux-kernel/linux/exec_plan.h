/* exec_plan.h - Linux personality: what execve maps, from a parsed ELF, and #! script handling */
/* SPDX-License-Identifier: MIT */
/*
 * exec_plan_build() turns lib/elf.c's validated description of a static
 * executable into the list of page ranges to map (with protections), the
 * bytes to copy into them, the entry point, the initial break and the
 * auxv facts (AT_PHDR...). Policy lives here, not in the parser: static
 * ET_EXEC at its own addresses, static-pie ET_DYN at a base the caller
 * picks, PT_INTERP refused (-ENOEXEC: there is no dynamic linker), every
 * address inside the user half. Nothing is mapped; the caller does it.
 */
#ifndef RUSTUX_LINUX_EXEC_PLAN_H
#define RUSTUX_LINUX_EXEC_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "lib/elf.h"

#define EXEC_PAGE		4096ull
#define EXEC_USER_MIN		0x10000ull		/* Linux's vm.mmap_min_addr */
#define EXEC_USER_TOP		0x00007ffffffff000ull	/* end of the user half */
#define EXEC_PIE_BASE		0x0000555555554000ull	/* Linux's ELF_ET_DYN_BASE, no ASLR */
#define EXEC_SCRIPT_MAX		256			/* BINPRM_BUF_SIZE: the #! line */
#define EXEC_MAX_SCRIPT_DEPTH	4			/* nested interpreters before ELOOP */

struct exec_seg {
	uint64_t	map_start;	/* page-aligned user address */
	uint64_t	map_end;	/* page-aligned, exclusive; fresh pages are zero */
	uint64_t	copy_to;	/* user address of the first file byte */
	uint64_t	file_off;	/* where those bytes are in the file */
	uint64_t	file_len;	/* bytes to copy; the rest of the range stays zero */
	uint64_t	mem_len;	/* the segment's bytes from copy_to (p_memsz): the
					   bytes from file_len on are zero-filled */
	uint32_t	prot;		/* LX_PROT_READ | WRITE | EXEC */
};

struct exec_plan {
	uint64_t	base;		/* load bias: 0 for ET_EXEC */
	uint64_t	entry;		/* user rip */
	uint64_t	phdr;		/* AT_PHDR (0 when the headers are not loaded) */
	uint32_t	phent;		/* AT_PHENT */
	uint32_t	phnum;		/* AT_PHNUM */
	uint64_t	brk;		/* first byte of the heap: page after the last segment */
	int		exec_stack;	/* PT_GNU_STACK asked for an executable stack */
	uint32_t	nseg;
	struct exec_seg	seg[ELF_MAX_LOADS];
};

/*
 * Plans the mappings of img; pie_base (page-aligned, e.g. EXEC_PIE_BASE)
 * is used for ET_DYN only. Returns 0, or -LX_ENOEXEC (PT_INTERP, a
 * segment outside [EXEC_USER_MIN, EXEC_USER_TOP), a bad base) or
 * -LX_EINVAL (pie_base misaligned).
 */
int	exec_plan_build(const struct elf_image *img, uint64_t pie_base, struct exec_plan *plan);

/* A parsed "#!interpreter [arg]" line. */
struct exec_script {
	char	interp[EXEC_SCRIPT_MAX];
	char	arg[EXEC_SCRIPT_MAX];	/* "" when there is none */
	int	has_arg;
};

/*
 * Recognises a script from the first n bytes of a file. Returns 1 and
 * fills *s for "#!", 0 when the file is not a script, -LX_ENOEXEC for a
 * #! line without an interpreter or one longer than EXEC_SCRIPT_MAX.
 * As Linux does, everything after the interpreter (trimmed) is one argument.
 */
int	exec_script_parse(const char *buf, size_t n, struct exec_script *s);

/*
 * The argv the interpreter runs with: interp, [arg], filename, argv[1..].
 * out has room for max pointers (NULL-terminated); returns the new argc,
 * or -LX_E2BIG when it does not fit.
 */
int	exec_script_argv(const struct exec_script *s, const char *filename,
	    const char *const *argv, const char **out, size_t max);

#endif
