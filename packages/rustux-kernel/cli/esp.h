/* esp.h - build an EFI System Partition image with mtools (no root, no loop devices) */
/* SPDX-License-Identifier: MIT */
#ifndef RK_ESP_H
#define RK_ESP_H

#include <stdint.h>

/* What goes on the ESP; NULL members are left out. */
struct esp_spec {
	uint64_t size;		/* bytes, a multiple of 1 MiB */
	const char *loader;	/* -> EFI/BOOT/BOOTX64.EFI */
	const char *kernel_a;	/* -> EFI/Rustux/slot-a/kernel.elf */
	const char *kernel_b;	/* -> EFI/Rustux/slot-b/kernel.elf */
	const char *conf;	/* loader.conf text -> EFI/Rustux/loader.conf */
	const char *initrd;	/* -> EFI/Rustux/initrd */
	const char *tree;	/* a directory copied as the ESP's root instead */
};

/* Create the FAT image at path (replacing it). 0 or -1 (message printed). */
int esp_build(const char *path, const struct esp_spec *s);

#endif
