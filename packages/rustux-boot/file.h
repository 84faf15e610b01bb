/* file.h - read and write whole files on the loader's own ESP (EFI_FILE_PROTOCOL) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_BOOT_FILE_H
#define RUSTUX_BOOT_FILE_H

#include <efi.h>

/* The root directory of the volume the loader was started from. */
EFI_STATUS file_root(EFI_HANDLE image, EFI_FILE_HANDLE *root);

/* Read a whole file (at most max bytes) into fresh pages of memory type
 * `type`; *buf and *len describe it. EFI_NOT_FOUND when it is absent,
 * EFI_BAD_BUFFER_SIZE when it is larger than max. */
EFI_STATUS file_read(EFI_FILE_HANDLE root, const CHAR16 *path, UINTN max,
    EFI_MEMORY_TYPE type, void **buf, UINTN *len);

/* Free what file_read returned. */
void file_free(void *buf, UINTN len);

/* Replace a file's contents with len bytes and flush them to the disk. */
EFI_STATUS file_write(EFI_FILE_HANDLE root, const CHAR16 *path,
    const void *buf, UINTN len);

#endif
