/* bootinfo.h - the Rustux boot protocol: what the UEFI loader hands the kernel */
/* SPDX-License-Identifier: MIT */
/*
 * This header is the whole contract between rustux-boot and the kernel; the
 * prose is docs/BOOT.md. It depends on <stdint.h> only, so the loader, the
 * kernel and host tests all include this one file.
 *
 * Entry: the loader calls the kernel's ELF entry point with the System V
 * calling convention, %rdi = physical address of a struct rx_bootinfo, after
 * ExitBootServices, with interrupts disabled, long mode, the firmware's
 * identity-mapped page tables still active (the kernel installs its own),
 * and a loader-allocated stack of at least 64 KiB. Everything the pointers
 * below reference is in memory of type RX_MEM_LOADER (reclaimable once the
 * kernel has copied what it needs) and is identity-mapped at entry.
 */
#ifndef RUSTUX_ABI_BOOTINFO_H
#define RUSTUX_ABI_BOOTINFO_H

#include <stdint.h>

#define RX_BOOTINFO_MAGIC	0x544f4f4258555352ULL	/* "RSUXBOOT" little-endian */
#define RX_BOOTINFO_VERSION	1

/* Memory map entry types, condensed from the UEFI types by the loader. */
#define RX_MEM_USABLE		1	/* conventional memory, free for the kernel */
#define RX_MEM_RESERVED		2	/* never touch */
#define RX_MEM_ACPI_RECLAIM	3	/* ACPI tables; usable after parsing them */
#define RX_MEM_ACPI_NVS		4
#define RX_MEM_MMIO		5
#define RX_MEM_BOOT_SERVICES	6	/* EFI boot services code/data: free after entry */
#define RX_MEM_RUNTIME		7	/* EFI runtime services: keep mapped */
#define RX_MEM_LOADER		8	/* loader data, bootinfo, initrd copy: reclaimable */
#define RX_MEM_KERNEL		9	/* the kernel image's segments */
#define RX_MEM_BAD		10

struct rx_mem_range {
	uint64_t base;		/* physical, 4 KiB aligned */
	uint64_t length;	/* bytes, multiple of 4 KiB */
	uint32_t type;		/* RX_MEM_* */
	uint32_t reserved;
	uint64_t efi_attribute;	/* raw UEFI attribute bits (EFI_MEMORY_RUNTIME…) */
};

/* Framebuffer pixel formats (GOP). */
#define RX_FB_NONE		0	/* no framebuffer: serial console only */
#define RX_FB_RGBX		1	/* byte order R,G,B,X (PixelRedGreenBlueReserved8BitPerColor) */
#define RX_FB_BGRX		2	/* byte order B,G,R,X (PixelBlueGreenRedReserved8BitPerColor) */

struct rx_framebuffer {
	uint64_t base;		/* physical address of pixel (0,0) */
	uint64_t size;		/* bytes */
	uint32_t width;		/* pixels */
	uint32_t height;
	uint32_t pitch;		/* bytes per scan line */
	uint32_t format;	/* RX_FB_* */
};

/* Boot slots (see docs/IMAGE.md): 'a' or 'b'. */
#define RX_SLOT_A		'a'
#define RX_SLOT_B		'b'

/* flags */
#define RX_BOOT_FALLBACK	(1u << 0)	/* the default slot failed; this is the fallback */
#define RX_BOOT_CONFIRMED	(1u << 1)	/* the booted slot was already confirmed */

struct rx_bootinfo {
	uint64_t magic;			/* RX_BOOTINFO_MAGIC */
	uint32_t version;		/* RX_BOOTINFO_VERSION */
	uint32_t size;			/* sizeof(struct rx_bootinfo) as the loader knew it */

	uint64_t mem_map;		/* physical address of struct rx_mem_range[] */
	uint32_t mem_map_count;
	uint32_t flags;			/* RX_BOOT_* */

	struct rx_framebuffer fb;

	uint64_t acpi_rsdp;		/* physical address of the RSDP (ACPI 2.0+ preferred), 0 if none */
	uint64_t efi_system_table;	/* physical address of EFI_SYSTEM_TABLE */
	uint64_t efi_runtime_services;	/* physical address of EFI_RUNTIME_SERVICES */

	uint64_t initrd_base;		/* physical address, 0 if there is no initrd */
	uint64_t initrd_size;

	uint64_t kernel_phys_base;	/* lowest physical address the kernel was loaded at */
	uint64_t kernel_phys_size;

	uint64_t cmdline;		/* physical address of a NUL-terminated ASCII string */
	uint32_t cmdline_size;		/* bytes including the NUL */
	uint32_t slot;			/* RX_SLOT_A or RX_SLOT_B: the slot that was booted */
	uint32_t slot_tries_left;	/* tries left for that slot after this boot */
	uint32_t reserved0;
	char slot_version[32];		/* kernel version of the booted slot, NUL-terminated ("" if unknown) */

	/* Boot-time stamps, TSC values (0 if unknown): the kernel converts them
	 * to nanoseconds once it has calibrated the TSC. */
	uint64_t tsc_loader_start;	/* loader's efi_main entered */
	uint64_t tsc_loader_exit;	/* just before jumping to the kernel */
	uint64_t firmware_ms;		/* firmware time before the loader, from EFI if known */
};

#endif
