/* bootconfirm.c - kernel: marking the booted slot good (EFI variable RustuxBootConfirm) */
/* SPDX-License-Identifier: MIT */
#include "abi/bootconfirm.h"
#include "arch/efi.h"
#include "kernel/bootconfirm.h"
#include "kernel/printk.h"

static const uint16_t confirm_name[] = RX_BOOTCONFIRM_NAME_INIT;
static const struct rx_guid confirm_guid = RX_BOOTCONFIRM_GUID_INIT;

int
boot_confirm(const struct rx_bootinfo *bi)
{
	char letter = (char)bi->slot;
	int64_t st;

	if (letter != RX_SLOT_A && letter != RX_SLOT_B) {
		kprintf("RUSTUX: boot slot unknown, nothing to confirm\n");
		return -1;
	}
	if (bi->flags & RX_BOOT_CONFIRMED) {
		kprintf("RUSTUX: boot slot=%c confirmed (already)\n", letter);
		return 0;
	}
	st = arch_efi_set_variable(confirm_name, &confirm_guid, RX_BOOTCONFIRM_ATTRS, 1, &letter);
	if (st != 0) {
		kprintf("RUSTUX: boot slot=%c not confirmed: SetVariable status %#llx\n",
		    letter, (unsigned long long)st);
		return -1;
	}
	kprintf("RUSTUX: boot slot=%c confirmed\n", letter);
	return 0;
}
