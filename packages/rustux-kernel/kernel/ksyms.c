/* ksyms.c - kernel: address to symbol lookup over the embedded table */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>

#include "kernel/ksyms.h"

extern char __text_start[], __text_end[];

const char *
ksym_lookup(uint64_t addr, uint64_t *offset)
{
	unsigned lo = 0, hi = ksyms_count;

	if (addr < (uint64_t)__text_start || addr >= (uint64_t)__text_end || ksyms_count == 0) {
		return NULL;
	}
	/* The last symbol whose address is <= addr. */
	while (hi - lo > 1) {
		unsigned mid = lo + (hi - lo) / 2;

		if (ksyms[mid].addr <= addr) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	if (ksyms[lo].addr > addr) {
		return NULL;
	}
	*offset = addr - ksyms[lo].addr;
	return ksyms[lo].name;
}
