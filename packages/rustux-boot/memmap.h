/* memmap.h - UEFI memory map to struct rx_mem_range[] (pure C, host-tested) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_BOOT_MEMMAP_H
#define RUSTUX_BOOT_MEMMAP_H

#include <stddef.h>
#include <stdint.h>

#include "abi/bootinfo.h"

/* OS-defined UEFI memory type the loader gives the kernel's pages. */
#define MEMMAP_EFI_KERNEL	0x80000000u

/* RX_MEM_* for a UEFI memory type. */
uint32_t memmap_type(uint32_t efi_type);

/* Convert `size` bytes of UEFI descriptors, `dsize` bytes apart (the
 * firmware's descriptor size, >= 40), into out[] (room for size / dsize
 * entries): sorted by base, neighbours of equal type and attributes
 * merged. Allocates nothing (it runs between GetMemoryMap and
 * ExitBootServices). Returns the number of ranges. */
uint32_t memmap_convert(const void *map, size_t size, size_t dsize,
    struct rx_mem_range *out);

#endif
