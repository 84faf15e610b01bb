/* elf_test.c - kernel unit tests: lib/elf.c, the pure ELF64 parser and validator */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/elf.h"
#include "t.h"

/* A small valid image: header, 3 phdrs (2 PT_LOAD + GNU_STACK), 0x3000 bytes. */
#define IMG_SIZE 0x3000
static uint8_t img[IMG_SIZE];

static void
w(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint8_t *
ph(unsigned i)
{
	return img + 64 + 56 * i;
}

static void
set_phdr(unsigned i, uint32_t type, uint32_t flags, uint64_t off, uint64_t va,
    uint64_t pa, uint64_t filesz, uint64_t memsz, uint64_t align)
{
	uint8_t *p = ph(i);

	w(p, type, 4);
	w(p + 4, flags, 4);
	w(p + 8, off, 8);
	w(p + 16, va, 8);
	w(p + 24, pa, 8);
	w(p + 32, filesz, 8);
	w(p + 40, memsz, 8);
	w(p + 48, align, 8);
}

#define KBASE 0xffffffff80000000ULL

static void
build(void)
{
	memset(img, 0, sizeof(img));
	memcpy(img, "\x7f" "ELF", 4);
	img[4] = 2;
	img[5] = 1;
	img[6] = 1;
	w(img + 16, ELF_ET_EXEC, 2);
	w(img + 18, ELF_EM_X86_64, 2);
	w(img + 20, 1, 4);
	w(img + 24, KBASE + 0x101000, 8);	/* entry */
	w(img + 32, 64, 8);			/* phoff */
	w(img + 52, 64, 2);
	w(img + 54, 56, 2);
	w(img + 56, 3, 2);
	set_phdr(0, ELF_PT_LOAD, ELF_PF_R | ELF_PF_X, 0x1000, KBASE + 0x101000,
	    0x101000, 0x1000, 0x1000, 0x1000);
	set_phdr(1, ELF_PT_LOAD, ELF_PF_R | ELF_PF_W, 0x2000, KBASE + 0x102000,
	    0x102000, 0x800, 0x5000, 0x1000);
	set_phdr(2, ELF_PT_GNU_STACK, ELF_PF_R | ELF_PF_W, 0, 0, 0, 0, 0, 16);
}

static int
parse(size_t len)
{
	struct elf_image e;

	return elf_parse(img, len, ELF_EM_X86_64, &e);
}

T_TEST(accepts_valid_image)
{
	struct elf_image e;
	uint64_t pa;

	build();
	T_ASSERT(elf_parse(img, IMG_SIZE, ELF_EM_X86_64, &e) == ELF_OK);
	T_ASSERT(e.nload == 2 && e.entry_seg == 0 && e.entry == KBASE + 0x101000);
	T_ASSERT(e.vmin == KBASE + 0x101000 && e.vmax == KBASE + 0x107000);
	T_ASSERT(e.pmin == 0x101000 && e.pmax == 0x107000);
	T_ASSERT(e.load[1].filesz == 0x800 && e.load[1].memsz == 0x5000);
	T_ASSERT(e.stack_flags == (ELF_PF_R | ELF_PF_W));
	T_ASSERT(elf_virt_to_phys(&e, e.entry, &pa) == 0 && pa == 0x101000);
	T_ASSERT(elf_virt_to_phys(&e, KBASE, &pa) == -1);
	T_ASSERT(elf_parse(img, IMG_SIZE, 0, &e) == ELF_OK);
}

T_TEST(rejects_bad_header)
{
	build();
	img[1] = 'X';
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_MAGIC);
	build();
	img[4] = 1;
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_CLASS);
	build();
	img[5] = 2;
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_ENDIAN);
	build();
	w(img + 20, 2, 4);
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_VERSION);
	build();
	w(img + 16, 1, 2);
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_TYPE);
	build();
	w(img + 18, ELF_EM_AARCH64, 2);
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_MACHINE);
	build();
	w(img + 54, 32, 2);
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_PHDRS);
}

T_TEST(rejects_every_truncation)
{
	build();
	for (size_t n = 0; n < 0x2800; n++)
		T_ASSERT(parse(n) != ELF_OK);
	T_ASSERT(parse(0x2800) == ELF_OK);
	T_ASSERT(parse(63) == ELF_ERR_TRUNCATED);
	T_ASSERT(parse(100) == ELF_ERR_PHDRS);
	T_ASSERT(parse(0x27ff) == ELF_ERR_OUTSIDE);
}

T_TEST(rejects_bad_phdr_table)
{
	build();
	w(img + 56, 0, 2);
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_PHDRS);
	build();
	w(img + 56, ELF_MAX_PHDRS + 1, 2);
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_PHDRS);
	build();
	w(img + 32, UINT64_MAX - 8, 8);
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_PHDRS);
}

T_TEST(rejects_bad_segments)
{
	build();
	w(ph(0) + 32, 0x2000, 8);		/* filesz > memsz */
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_FILESZ);
	build();
	w(ph(1) + 8, UINT64_MAX - 0x10, 8);	/* offset + filesz wraps */
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_OUTSIDE);
	build();
	w(ph(1) + 40, UINT64_MAX, 8);		/* vaddr + memsz wraps */
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_OVERFLOW);
	build();
	w(ph(1) + 48, 0x1800, 8);		/* not a power of two */
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_ALIGN);
	build();
	w(ph(1) + 8, 0x2010, 8);		/* vaddr % align != offset % align */
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_ALIGN);
	build();
	w(ph(1) + 16, KBASE + 0x101800, 8);	/* overlaps segment 0 (virtual) */
	w(ph(1) + 8, 0x1800, 8);
	w(ph(1) + 48, 0x800, 8);
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_OVERLAP);
	build();
	w(ph(1) + 24, 0x100800, 8);		/* overlaps segment 0 (physical) */
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_OVERLAP);
	build();
	w(ph(1) + 16, KBASE + 0x100000, 8);	/* not sorted */
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_ORDER);
}

T_TEST(rejects_bad_entry)
{
	build();
	w(img + 24, KBASE + 0x102000, 8);	/* in the non-executable segment */
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_ENTRY);
	build();
	w(img + 24, 0, 8);
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_ENTRY);
	build();
	set_phdr(0, 4, 0, 0, 0, 0, 0, 0, 0);
	set_phdr(1, 4, 0, 0, 0, 0, 0, 0, 0);
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_NO_LOAD);
}

T_TEST(rejects_too_many_loads)
{
	build();
	w(img + 56, ELF_MAX_LOADS + 1, 2);
	for (unsigned i = 0; i <= ELF_MAX_LOADS; i++)
		set_phdr(i, ELF_PT_LOAD, ELF_PF_R | ELF_PF_X, 0x1000,
		    KBASE + 0x100000 * (i + 1), 0x100000 * (i + 1), 0x10, 0x10, 0x1000);
	w(img + 24, KBASE + 0x100000, 8);
	T_ASSERT(parse(IMG_SIZE) == ELF_ERR_TOO_MANY);
}

T_TEST(byte_flips_never_crash)
{
	struct elf_image e;
	unsigned seed = 1;

	for (int i = 0; i < 20000; i++) {
		build();
		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			img[(seed >> 8) % (64 + 56 * 3)] ^= (uint8_t)(seed >> 20);
		}
		(void)elf_parse(img, IMG_SIZE, 0, &e);
	}
	T_ASSERT(1);
}

/* Real binaries from the build machine parse (dynamic PIE, static glibc). */
T_TEST(parses_host_binaries)
{
	static const char *const paths[] = { "/bin/true", "/bin/busybox" };

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		FILE *f = fopen(paths[i], "rb");
		struct elf_image e;
		uint8_t *buf;
		long n;

		if (f == NULL)
			continue;
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		rewind(f);
		buf = malloc((size_t)n);
		T_ASSERT(buf != NULL && fread(buf, 1, (size_t)n, f) == (size_t)n);
		fclose(f);
		T_ASSERT(elf_parse(buf, (size_t)n, ELF_EM_X86_64, &e) == ELF_OK);
		T_ASSERT(e.nload >= 2);
		free(buf);
	}
}

T_TEST(strerror_covers_every_code)
{
	for (int i = 0; i < ELF_ERR_COUNT; i++)
		T_ASSERT(strcmp(elf_strerror(i), "unknown error") != 0);
}

/* The loader's view: only the first page in hand, the segments checked against the file's size. */
T_TEST(parse_head_checks_headers_in_hand_and_segments_in_file)
{
	struct elf_image e;

	build();
	T_EXPECT_EQ(elf_parse_head(img, 0x1000, IMG_SIZE, ELF_EM_X86_64, &e), ELF_OK);
	T_EXPECT(e.nload == 2 && e.load[1].offset == 0x2000);
	/* Headers past the bytes in hand. */
	T_EXPECT_EQ(elf_parse_head(img, 64 + 2 * 56, IMG_SIZE, ELF_EM_X86_64, &e), ELF_ERR_PHDRS);
	T_EXPECT_EQ(elf_parse_head(img, 40, IMG_SIZE, ELF_EM_X86_64, &e), ELF_ERR_TRUNCATED);
	/* A segment past the end of the file, though the headers are all there. */
	T_EXPECT_EQ(elf_parse_head(img, 0x1000, 0x2400, ELF_EM_X86_64, &e), ELF_ERR_OUTSIDE);
	/* More in hand than the file holds is a caller's mistake, refused. */
	T_EXPECT_EQ(elf_parse_head(img, IMG_SIZE, 0x1000, ELF_EM_X86_64, &e), ELF_ERR_TRUNCATED);
}
