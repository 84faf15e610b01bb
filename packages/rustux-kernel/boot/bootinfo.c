/* bootinfo.c - kernel: checking the loader's handoff */
/* SPDX-License-Identifier: MIT */
#include "boot/bootinfo.h"

const char *
bootinfo_check(const struct rx_bootinfo *bi)
{
	if (bi == NULL) {
		return "no boot information";
	}
	if (bi->magic != RX_BOOTINFO_MAGIC) {
		return "bad magic";
	}
	if (bi->version < 1) {
		return "bad version";
	}
	/* Older loaders may send a shorter struct; we need at least version 1's. */
	if (bi->size < sizeof(struct rx_bootinfo)) {
		return "structure too small";
	}
	if (bi->mem_map == 0 || bi->mem_map_count == 0) {
		return "no memory map";
	}
	if (bi->mem_map_count > BOOTINFO_MAX_RANGES) {
		return "memory map too long";
	}
	if (bi->slot != 0 && bi->slot != RX_SLOT_A && bi->slot != RX_SLOT_B) {
		return "bad slot letter";
	}
	if (bi->cmdline != 0 && (bi->cmdline_size == 0 || bi->cmdline_size > 4096)) {
		return "bad command line size";
	}
	return NULL;
}

/* One row per RX_MEM_* type. */
static const char *const mem_type_names[] = {
	[RX_MEM_USABLE] = "usable",
	[RX_MEM_RESERVED] = "reserved",
	[RX_MEM_ACPI_RECLAIM] = "acpi-reclaim",
	[RX_MEM_ACPI_NVS] = "acpi-nvs",
	[RX_MEM_MMIO] = "mmio",
	[RX_MEM_BOOT_SERVICES] = "boot-services",
	[RX_MEM_RUNTIME] = "efi-runtime",
	[RX_MEM_LOADER] = "loader",
	[RX_MEM_KERNEL] = "kernel",
	[RX_MEM_BAD] = "bad",
};

const char *
bootinfo_mem_type_name(uint32_t type)
{
	if (type >= sizeof(mem_type_names) / sizeof(mem_type_names[0]) ||
	    mem_type_names[type] == NULL) {
		return "?";
	}
	return mem_type_names[type];
}
