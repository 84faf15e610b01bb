/* elfload.h - load a validated ELF64 kernel at its physical addresses */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_BOOT_ELFLOAD_H
#define RUSTUX_BOOT_ELFLOAD_H

#include <efi.h>

#include "memmap.h"

/* OS-defined UEFI memory type for the kernel's pages, so the memory map
 * handed to the kernel can call them RX_MEM_KERNEL. */
#define RX_EFI_KERNEL_MEMORY	((EFI_MEMORY_TYPE)MEMMAP_EFI_KERNEL)

#define KERNEL_MAX_SIZE		(64u << 20)

struct kernel_image {
	UINT64 entry_pa;	/* physical address of the ELF entry point */
	UINT64 base;		/* physical, page aligned */
	UINT64 size;		/* bytes, page multiple */
};

/* Read EFI/Rustux/slot-X/kernel.elf, validate it with lib/elf.c and copy
 * every PT_LOAD to its p_paddr. Returns NULL on success, else a message
 * ("kernel.elf: ...") describing why the kernel cannot be booted. */
const char *elf_load_kernel(EFI_FILE_HANDLE root, char slot,
    struct kernel_image *k);

#endif
