/* bootconf.c - loader.conf and the confirmation variable on the ESP (EFI side) */
/* SPDX-License-Identifier: MIT */
#include <efi.h>
#include <efilib.h>

#include "abi/bootconfirm.h"
#include "bootconf.h"
#include "console.h"
#include "file.h"

#define CONF_PATH	L"EFI\\Rustux\\loader.conf"

static EFI_GUID confirm_guid = RX_BOOTCONFIRM_GUID_INIT;
static CHAR16 confirm_name[] = RX_BOOTCONFIRM_NAME_INIT;

int
bootconf_load(EFI_FILE_HANDLE root, struct loaderconf *c)
{
	unsigned line;
	EFI_STATUS st;
	void *buf;
	UINTN len;
	int err;

	lc_init(c);
	st = file_read(root, CONF_PATH, LC_TEXT_MAX, EfiLoaderData, &buf, &len);
	if (st == EFI_NOT_FOUND) {
		con_printf("rustux-boot: loader.conf: missing; using defaults (slot a)\n");
		return 0;
	}
	if (EFI_ERROR(st)) {
		con_printf("rustux-boot: loader.conf: %s; using defaults (slot a)\n",
		    st == EFI_BAD_BUFFER_SIZE ? "too large" : "read error");
		return 0;
	}
	err = lc_parse(c, buf, len, &line);
	file_free(buf, len);
	if (err != LC_OK) {
		con_printf("rustux-boot: loader.conf: line %u: %s; using defaults (slot a)\n",
		    line, lc_strerror(err));
		lc_init(c);
		return 0;
	}
	return 1;
}

EFI_STATUS
bootconf_save(EFI_FILE_HANDLE root, const struct loaderconf *c)
{
	static char text[LC_TEXT_MAX + LC_EXTRA_MAX];
	EFI_STATUS st;
	size_t len;
	int err;

	err = lc_write(c, text, sizeof(text), &len);
	if (err != LC_OK) {
		con_printf("rustux-boot: loader.conf: cannot serialize: %s\n",
		    lc_strerror(err));
		return EFI_INVALID_PARAMETER;
	}
	st = file_write(root, CONF_PATH, text, len);
	if (EFI_ERROR(st))
		con_printf("rustux-boot: loader.conf: write failed (status %lx)\n",
		    (UINT64)st);
	return st;
}

char
bootconf_confirmed_slot(void)
{
	UINT8 data[8];
	UINTN size = sizeof(data);
	UINT32 attrs;

	if (RT->GetVariable(confirm_name, &confirm_guid, &attrs, &size, data) !=
	    EFI_SUCCESS || size != 1)
		return 0;
	return (data[0] == 'a' || data[0] == 'b') ? (char)data[0] : 0;
}

void
bootconf_clear_confirm(void)
{
	RT->SetVariable(confirm_name, &confirm_guid, RX_BOOTCONFIRM_ATTRS, 0, NULL);
}
