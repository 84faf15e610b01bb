/* layout.h - kernel arch interface: where things live in the virtual address space */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_ARCH_LAYOUT_H
#define RUSTUX_ARCH_LAYOUT_H

/*
 * x86_64 (48-bit, 4-level):
 *   0x0000000000000000 - 0x00007fffffffffff  user (later issues)
 *   0xffff800000000000 - 0xffffbfffffffffff  direct map of physical memory
 *   0xffffc00000000000 - 0xffffc0ffffffffff  kernel vmap area (MMIO, tests)
 *   0xffffffff80000000 - 0xffffffffffffffff  the kernel image (-mcmodel=kernel)
 */
#define DIRECT_MAP_BASE		0xffff800000000000ULL
#define VMAP_BASE		0xffffc00000000000ULL
#define VMAP_SIZE		0x0000010000000000ULL
#define KERNEL_VMA		0xffffffff80000000ULL

#endif
