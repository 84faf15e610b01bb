/* handoff.h - fill struct rx_bootinfo, exit boot services, enter the kernel */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_BOOT_HANDOFF_H
#define RUSTUX_BOOT_HANDOFF_H

#include <efi.h>

#include "abi/bootinfo.h"
#include "elfload.h"

#define HANDOFF_STACK_SIZE	(64u * 1024)

static inline UINT64
rdtsc(void)
{
	UINT32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((UINT64)hi << 32) | lo;
}

/* Allocate the boot-information block (bootinfo, command line, stack) in
 * loader memory, zeroed, with magic/version/size set. NULL on failure. */
struct rx_bootinfo *handoff_alloc(const char *cmdline);

/* Framebuffer (GOP), ACPI RSDP, EFI tables, kernel placement, and
 * firmware_ms from bi->tsc_loader_start (costs a 1 ms Stall). */
void handoff_fill(struct rx_bootinfo *bi, EFI_SYSTEM_TABLE *st,
    const struct kernel_image *k);

/* Load EFI/Rustux/initrd if present (initrd fields stay 0 otherwise). */
void handoff_initrd(struct rx_bootinfo *bi, EFI_FILE_HANDLE root);

/* Collect the final memory map, ExitBootServices (retrying when the map
 * key changed) and jump to the kernel. Returns only on failure. */
EFI_STATUS handoff_enter(EFI_HANDLE image, struct rx_bootinfo *bi,
    const struct kernel_image *k);

#endif
