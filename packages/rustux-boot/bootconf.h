/* bootconf.h - loader.conf and the confirmation variable on the ESP (EFI side) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_BOOT_BOOTCONF_H
#define RUSTUX_BOOT_BOOTCONF_H

#include <efi.h>

#include "loaderconf.h"

/* Read EFI/Rustux/loader.conf into *c. A missing or malformed file gives
 * the defaults (and a message); returns 1 if the file was read and valid,
 * 0 otherwise (then the loader never writes it back). */
int bootconf_load(EFI_FILE_HANDLE root, struct loaderconf *c);

/* Write *c back to the ESP; prints and returns the error, if any. */
EFI_STATUS bootconf_save(EFI_FILE_HANDLE root, const struct loaderconf *c);

/* The slot letter the kernel confirmed (RustuxBootConfirm), or 0. */
char bootconf_confirmed_slot(void);

/* Delete RustuxBootConfirm once its news is in loader.conf. */
void bootconf_clear_confirm(void);

#endif
