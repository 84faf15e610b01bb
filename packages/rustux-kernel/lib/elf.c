/* elf.c - pure ELF64 parser and validator (loader, kernel, host tests) */
/* SPDX-License-Identifier: MIT */
#include "elf.h"

#define EHDR_SIZE	64
#define PHDR_SIZE	56

static const char *const errors[ELF_ERR_COUNT] = {
	[ELF_OK] = "ok",
	[ELF_ERR_TRUNCATED] = "file shorter than an ELF header",
	[ELF_ERR_MAGIC] = "not an ELF file",
	[ELF_ERR_CLASS] = "not a 64-bit ELF file",
	[ELF_ERR_ENDIAN] = "not little-endian",
	[ELF_ERR_VERSION] = "unknown ELF version",
	[ELF_ERR_TYPE] = "not an executable (ET_EXEC or ET_DYN)",
	[ELF_ERR_MACHINE] = "wrong machine",
	[ELF_ERR_PHDRS] = "program header table malformed or outside the file",
	[ELF_ERR_TOO_MANY] = "too many loadable segments",
	[ELF_ERR_OUTSIDE] = "segment extends past the end of the file",
	[ELF_ERR_FILESZ] = "segment has p_filesz > p_memsz",
	[ELF_ERR_OVERFLOW] = "segment address range overflows",
	[ELF_ERR_ALIGN] = "segment alignment invalid",
	[ELF_ERR_ORDER] = "loadable segments not sorted by address",
	[ELF_ERR_OVERLAP] = "loadable segments overlap",
	[ELF_ERR_NO_LOAD] = "no loadable segment",
	[ELF_ERR_ENTRY] = "entry point not in an executable segment",
};

const char *
elf_strerror(int err)
{
	if (err < 0 || err >= ELF_ERR_COUNT)
		return "unknown error";
	return errors[err];
}

static uint64_t
rd(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = (v << 8) | p[n];
	return v;
}

/* a + b without wrapping past 2^64; returns 0 on overflow. */
static int
add_ok(uint64_t a, uint64_t b, uint64_t *sum)
{
	if (a > UINT64_MAX - b)
		return 0;
	*sum = a + b;
	return 1;
}

static int
check_ident(const uint8_t *b, size_t len, uint16_t machine, struct elf_image *img)
{
	uint16_t type;

	if (len < EHDR_SIZE)
		return ELF_ERR_TRUNCATED;
	if (b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F')
		return ELF_ERR_MAGIC;
	if (b[4] != 2)
		return ELF_ERR_CLASS;
	if (b[5] != 1)
		return ELF_ERR_ENDIAN;
	if (b[6] != 1 || rd(b + 20, 4) != 1)
		return ELF_ERR_VERSION;
	type = (uint16_t)rd(b + 16, 2);
	if (type != ELF_ET_EXEC && type != ELF_ET_DYN)
		return ELF_ERR_TYPE;
	img->type = type;
	img->machine = (uint16_t)rd(b + 18, 2);
	if (machine != 0 && img->machine != machine)
		return ELF_ERR_MACHINE;
	img->entry = rd(b + 24, 8);
	img->phoff = rd(b + 32, 8);
	img->phnum = (uint32_t)rd(b + 56, 2);
	if (rd(b + 52, 2) < EHDR_SIZE || rd(b + 54, 2) != PHDR_SIZE)
		return ELF_ERR_PHDRS;
	return ELF_OK;
}

static int
check_phdr_table(size_t len, const struct elf_image *img)
{
	uint64_t end;

	if (img->phnum == 0 || img->phnum > ELF_MAX_PHDRS)
		return ELF_ERR_PHDRS;
	if (!add_ok(img->phoff, (uint64_t)img->phnum * PHDR_SIZE, &end) ||
	    end > len)
		return ELF_ERR_PHDRS;
	return ELF_OK;
}

/* Check one PT_LOAD and append it, keeping the order/overlap invariants. */
static int
add_load(struct elf_image *img, const struct elf_segment *s)
{
	uint64_t vend, pend;
	const struct elf_segment *prev;

	if (s->filesz > s->memsz)
		return ELF_ERR_FILESZ;
	if (!add_ok(s->vaddr, s->memsz, &vend) || !add_ok(s->paddr, s->memsz, &pend))
		return ELF_ERR_OVERFLOW;
	if (s->align > 1 && ((s->align & (s->align - 1)) != 0 ||
	    s->vaddr % s->align != s->offset % s->align))
		return ELF_ERR_ALIGN;
	if (img->nload == ELF_MAX_LOADS)
		return ELF_ERR_TOO_MANY;
	if (img->nload > 0) {
		prev = &img->load[img->nload - 1];
		if (s->vaddr < prev->vaddr)
			return ELF_ERR_ORDER;
		if (prev->vaddr + prev->memsz > s->vaddr)
			return ELF_ERR_OVERLAP;
		for (uint32_t i = 0; i < img->nload; i++) {
			const struct elf_segment *o = &img->load[i];

			if (s->paddr < o->paddr + o->memsz && o->paddr < pend &&
			    s->memsz != 0 && o->memsz != 0)
				return ELF_ERR_OVERLAP;
		}
	}
	if (img->nload == 0 || s->vaddr < img->vmin)
		img->vmin = s->vaddr;
	if (img->nload == 0 || vend > img->vmax)
		img->vmax = vend;
	if (img->nload == 0 || s->paddr < img->pmin)
		img->pmin = s->paddr;
	if (img->nload == 0 || pend > img->pmax)
		img->pmax = pend;
	img->load[img->nload++] = *s;
	return ELF_OK;
}

static int
parse_phdr(const uint8_t *p, uint64_t len, struct elf_image *img)
{
	uint32_t type = (uint32_t)rd(p, 4);
	struct elf_segment s;
	uint64_t end;

	s.flags = (uint32_t)rd(p + 4, 4);
	s.offset = rd(p + 8, 8);
	s.vaddr = rd(p + 16, 8);
	s.paddr = rd(p + 24, 8);
	s.filesz = rd(p + 32, 8);
	s.memsz = rd(p + 40, 8);
	s.align = rd(p + 48, 8);
	if (!add_ok(s.offset, s.filesz, &end) || end > len)
		return ELF_ERR_OUTSIDE;
	switch (type) {
	case ELF_PT_LOAD:
		return add_load(img, &s);
	case ELF_PT_INTERP:
		img->interp = (struct elf_range){ s.offset, s.filesz, s.vaddr };
		break;
	case ELF_PT_TLS:
		if (s.filesz > s.memsz)
			return ELF_ERR_FILESZ;
		img->tls = (struct elf_range){ s.offset, s.memsz, s.vaddr };
		break;
	case ELF_PT_DYNAMIC:
		img->dynamic = (struct elf_range){ s.offset, s.filesz, s.vaddr };
		break;
	case ELF_PT_GNU_STACK:
		img->stack_flags = s.flags;
		break;
	default:
		break;
	}
	return ELF_OK;
}

static int
find_entry(struct elf_image *img)
{
	for (uint32_t i = 0; i < img->nload; i++) {
		const struct elf_segment *s = &img->load[i];

		if ((s->flags & ELF_PF_X) && img->entry >= s->vaddr &&
		    img->entry - s->vaddr < s->filesz) {
			img->entry_seg = i;
			return ELF_OK;
		}
	}
	return ELF_ERR_ENTRY;
}

int
elf_parse(const void *buf, size_t len, uint16_t machine, struct elf_image *img)
{
	return elf_parse_head(buf, len, len, machine, img);
}

int
elf_parse_head(const void *head, size_t have, uint64_t file_len, uint16_t machine,
    struct elf_image *img)
{
	const uint8_t *b = head;
	uint8_t *z = (uint8_t *)img;
	int err;

	for (size_t i = 0; i < sizeof(*img); i++)
		z[i] = 0;
	if (have > file_len)
		return ELF_ERR_TRUNCATED;
	if ((err = check_ident(b, have, machine, img)) != ELF_OK)
		return err;
	if ((err = check_phdr_table(have, img)) != ELF_OK)
		return err;
	for (uint32_t i = 0; i < img->phnum; i++) {
		err = parse_phdr(b + img->phoff + (uint64_t)i * PHDR_SIZE, file_len, img);
		if (err != ELF_OK)
			return err;
	}
	if (img->nload == 0)
		return ELF_ERR_NO_LOAD;
	return find_entry(img);
}

int
elf_virt_to_phys(const struct elf_image *img, uint64_t va, uint64_t *pa)
{
	for (uint32_t i = 0; i < img->nload; i++) {
		const struct elf_segment *s = &img->load[i];

		if (va >= s->vaddr && va - s->vaddr < s->memsz) {
			*pa = s->paddr + (va - s->vaddr);
			return 0;
		}
	}
	return -1;
}
