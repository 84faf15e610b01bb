/* bootconfirm.h - the EFI variable by which the kernel confirms a good boot */
/* SPDX-License-Identifier: MIT */
/*
 * The kernel confirms that the slot it booted from works by setting this
 * non-volatile EFI variable through the runtime services' SetVariable():
 * name RX_BOOTCONFIRM_NAME (UCS-2), vendor GUID RX_BOOTCONFIRM_GUID,
 * attributes RX_BOOTCONFIRM_ATTRS, data one ASCII byte, the slot letter
 * (struct rx_bootinfo.slot). On the next boot rustux-boot folds it into
 * loader.conf ("slot-X-state confirmed") and deletes the variable.
 * docs/BOOT.md describes the whole protocol. stdint only.
 */
#ifndef RUSTUX_ABI_BOOTCONFIRM_H
#define RUSTUX_ABI_BOOTCONFIRM_H

#include <stdint.h>

/* {6a0e5c4e-3b1d-4f5a-9d27-527573747578}: the last bytes spell "Rustux". */
#define RX_BOOTCONFIRM_GUID_INIT \
	{ 0x6a0e5c4e, 0x3b1d, 0x4f5a, { 0x9d, 0x27, 0x52, 0x75, 0x73, 0x74, 0x75, 0x78 } }

/* UCS-2 name, NUL-terminated: L"RustuxBootConfirm" without wchar_t. */
#define RX_BOOTCONFIRM_NAME_INIT \
	{ 'R', 'u', 's', 't', 'u', 'x', 'B', 'o', 'o', 't', \
	  'C', 'o', 'n', 'f', 'i', 'r', 'm', 0 }

/* EFI_VARIABLE_NON_VOLATILE | BOOTSERVICE_ACCESS | RUNTIME_ACCESS */
#define RX_BOOTCONFIRM_ATTRS	0x7u

/* The same GUID layout as EFI_GUID, for code that has no EFI headers. */
struct rx_guid {
	uint32_t data1;
	uint16_t data2;
	uint16_t data3;
	uint8_t data4[8];
};

#endif
