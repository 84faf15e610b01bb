/* elf.h - pure ELF64 parser and validator (loader, kernel, host tests) */
/* SPDX-License-Identifier: MIT */
/*
 * elf_parse() checks a whole ELF64 little-endian image held in memory and
 * describes it in a struct elf_image; it loads nothing and decides no
 * policy (where to put it, W^X, interpreters): the UEFI loader uses it for
 * the kernel, the kernel for user programs. It depends on <stddef.h> and
 * <stdint.h> only, reads the input byte by byte (no alignment assumed),
 * and bounds-checks every field before using it.
 */
#ifndef RUSTUX_LIB_ELF_H
#define RUSTUX_LIB_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_PHDRS	64	/* program headers accepted */
#define ELF_MAX_LOADS	16	/* PT_LOAD segments accepted */

#define ELF_ET_EXEC	2
#define ELF_ET_DYN	3
#define ELF_EM_X86_64	62
#define ELF_EM_AARCH64	183
#define ELF_EM_RISCV	243

#define ELF_PT_LOAD	1
#define ELF_PT_DYNAMIC	2
#define ELF_PT_INTERP	3
#define ELF_PT_PHDR	6
#define ELF_PT_TLS	7
#define ELF_PT_GNU_STACK 0x6474e551

#define ELF_PF_X	1
#define ELF_PF_W	2
#define ELF_PF_R	4

enum elf_err {
	ELF_OK = 0,
	ELF_ERR_TRUNCATED,	/* shorter than the ELF header */
	ELF_ERR_MAGIC,		/* not \x7fELF */
	ELF_ERR_CLASS,		/* not ELFCLASS64 */
	ELF_ERR_ENDIAN,		/* not little-endian */
	ELF_ERR_VERSION,	/* EI_VERSION / e_version not 1 */
	ELF_ERR_TYPE,		/* not ET_EXEC or ET_DYN */
	ELF_ERR_MACHINE,	/* not the machine asked for */
	ELF_ERR_PHDRS,		/* program header table malformed or outside */
	ELF_ERR_TOO_MANY,	/* more than ELF_MAX_LOADS PT_LOAD */
	ELF_ERR_OUTSIDE,	/* a segment's bytes lie outside the file */
	ELF_ERR_FILESZ,		/* p_filesz > p_memsz */
	ELF_ERR_OVERFLOW,	/* an address range wraps around */
	ELF_ERR_ALIGN,		/* p_align not a power of two or inconsistent */
	ELF_ERR_ORDER,		/* PT_LOAD not sorted by address */
	ELF_ERR_OVERLAP,	/* two PT_LOAD overlap (virtual or physical) */
	ELF_ERR_NO_LOAD,	/* no PT_LOAD segment */
	ELF_ERR_ENTRY,		/* entry not inside an executable PT_LOAD */
	ELF_ERR_COUNT
};

struct elf_segment {
	uint64_t offset;	/* in the file */
	uint64_t filesz;	/* bytes copied from the file */
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t memsz;		/* bytes in memory; memsz - filesz are zeroed */
	uint64_t align;
	uint32_t flags;		/* ELF_PF_* */
};

/* A non-load segment of interest, {0,0} when absent. */
struct elf_range {
	uint64_t offset;
	uint64_t size;
	uint64_t vaddr;
};

struct elf_image {
	uint16_t type;		/* ELF_ET_EXEC or ELF_ET_DYN */
	uint16_t machine;
	uint32_t nload;		/* entries used in load[] */
	uint64_t entry;		/* e_entry (virtual) */
	uint32_t entry_seg;	/* index in load[] of the segment holding it */
	uint32_t phnum;
	uint64_t phoff;		/* program header table, for AT_PHDR & co */
	uint64_t vmin, vmax;	/* [vmin, vmax): span of all PT_LOAD (virtual) */
	uint64_t pmin, pmax;	/* the same, physical */
	struct elf_segment load[ELF_MAX_LOADS];
	struct elf_range interp;	/* PT_INTERP */
	struct elf_range tls;		/* PT_TLS (size = p_memsz) */
	struct elf_range dynamic;	/* PT_DYNAMIC */
	uint32_t stack_flags;		/* PT_GNU_STACK flags, 0 if absent */
};

/* Validate len bytes at buf as an ELF64 executable for `machine` (0 = any)
 * and fill *img. Returns ELF_OK or an ELF_ERR_*; *img is then undefined. */
int elf_parse(const void *buf, size_t len, uint16_t machine,
    struct elf_image *img);

/* The same from the first `have` bytes of a file of file_len bytes (have <=
 * file_len): the headers must lie in those bytes, the segments in the file.
 * For loaders that map the file's pages instead of reading it all. A
 * program header table beyond `have` is ELF_ERR_PHDRS. */
int elf_parse_head(const void *head, size_t have, uint64_t file_len, uint16_t machine,
    struct elf_image *img);

/* Translate a virtual address inside a PT_LOAD to its physical address;
 * returns 0 and sets *pa, or -1 if no segment holds va. */
int elf_virt_to_phys(const struct elf_image *img, uint64_t va, uint64_t *pa);

/* One line of English for an ELF_* value. */
const char *elf_strerror(int err);

#endif
