/* fuzz_elf.c - fuzz target: the pure ELF64 parser (lib/elf.c) */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>

#include "lib/elf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* Whatever it accepts must describe memory inside the input. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct elf_image e;
	uint64_t pa;

	if (elf_parse(data, len, 0, &e) != ELF_OK)
		return 0;
	if (e.nload == 0 || e.nload > ELF_MAX_LOADS || e.entry_seg >= e.nload)
		abort();
	for (uint32_t i = 0; i < e.nload; i++) {
		const struct elf_segment *s = &e.load[i];

		if (s->offset > len || s->filesz > len - s->offset || s->filesz > s->memsz)
			abort();
		if (i > 0 && e.load[i - 1].vaddr + e.load[i - 1].memsz > s->vaddr)
			abort();
	}
	if (elf_virt_to_phys(&e, e.entry, &pa) != 0)
		abort();
	return 0;
}
