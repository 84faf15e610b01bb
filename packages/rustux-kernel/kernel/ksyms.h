/* ksyms.h - kernel: the embedded, sorted table of text symbols (generated at link time) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_KERNEL_KSYMS_H
#define RUSTUX_KERNEL_KSYMS_H

#include <stdint.h>

struct ksym {
	uint64_t addr;
	const char *name;
};

/* Sorted by addr; written by tools/mksyms.sh into the .ksyms section. */
extern const struct ksym ksyms[] __attribute__((section(".ksyms")));
extern const unsigned ksyms_count;

/*
 * The name of the function containing addr and addr's offset in it, or
 * NULL when addr lies outside the kernel text.
 */
const char *ksym_lookup(uint64_t addr, uint64_t *offset);

#endif
