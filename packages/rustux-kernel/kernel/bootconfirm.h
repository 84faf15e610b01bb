/* bootconfirm.h - kernel: marking the booted slot good for the loader */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_KERNEL_BOOTCONFIRM_H
#define RUSTUX_KERNEL_BOOTCONFIRM_H

#include "abi/bootinfo.h"

/*
 * Sets the EFI variable of abi/bootconfirm.h to the booted slot's letter,
 * so the loader records the slot as confirmed on the next boot, and prints
 * "RUSTUX: boot slot=X confirmed". Nothing is written when the loader says
 * the slot is confirmed already. Returns 0, or -1 (and says why) if the
 * firmware refused or there is no slot.
 */
int	boot_confirm(const struct rx_bootinfo *bi);

#endif
