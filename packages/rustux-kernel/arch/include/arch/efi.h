/* efi.h - kernel arch interface: UEFI runtime services after ExitBootServices */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_ARCH_EFI_H
#define RUSTUX_ARCH_EFI_H

#include <stddef.h>
#include <stdint.h>

struct rx_bootinfo;

/*
 * Calls the firmware's SetVariable (physical mode: the runtime regions are
 * identity mapped for the call). Returns the EFI status (0 = success), or
 * -1 when there are no runtime services.
 */
/* Remembers where the runtime services table is (bootinfo). */
void	arch_efi_init(const struct rx_bootinfo *bi);

int64_t	arch_efi_set_variable(const uint16_t *name, const void *guid, uint32_t attrs,
	    size_t size, const void *data);

#endif
