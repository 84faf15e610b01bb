/* bootinfo.h - kernel: checking the loader's handoff (pure, host-testable) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_BOOT_BOOTINFO_H
#define RUSTUX_BOOT_BOOTINFO_H

#include <stddef.h>

#include "abi/bootinfo.h"

#define BOOTINFO_MAX_RANGES	256

/*
 * Checks the fixed part of a struct rx_bootinfo: magic, version, size,
 * memory map count, slot letter and command-line size. Returns NULL when
 * it is usable, else a short reason ("bad magic" …).
 */
const char *bootinfo_check(const struct rx_bootinfo *bi);
/* The RX_MEM_* type's name ("usable", "loader" …), "?" if unknown. */
const char *bootinfo_mem_type_name(uint32_t type);

#endif
