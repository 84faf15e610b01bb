/* menu.c - the boot menu: both slots with their versions, pick one by key */
/* SPDX-License-Identifier: MIT */
#include <efi.h>
#include <efilib.h>

#include "console.h"
#include "menu.h"

#define HELD_KEY_TIMEOUT	10	/* seconds, when a key opened the menu */

static int
key_pending(EFI_INPUT_KEY *key)
{
	return ST->ConIn != NULL &&
	    ST->ConIn->ReadKeyStroke(ST->ConIn, key) == EFI_SUCCESS;
}

static void
show(const struct loaderconf *c, unsigned secs)
{
	con_printf("rustux-boot: boot menu (default slot %c, booting it in %u s)\n",
	    c->default_slot, secs);
	for (int s = 0; s < 2; s++) {
		const struct lc_slot *sl = &c->slot[s];

		con_printf("  %c) slot %c: version %s, %s%s\n", 'a' + s, 'a' + s,
		    sl->version[0] ? sl->version : "unknown",
		    lc_state_name(sl->state),
		    'a' + s == c->default_slot ? " (default)" : "");
	}
	con_printf("  press a or b to boot that slot, Enter for the default\n");
}

/* Wait up to secs seconds for a key; returns it in *key, 0 on timeout. */
static int
wait_key(unsigned secs, EFI_INPUT_KEY *key)
{
	for (unsigned tick = 0; tick < secs * 10; tick++) {
		if (key_pending(key))
			return 1;
		BS->Stall(100000);
	}
	return 0;
}

char
menu_run(const struct loaderconf *c)
{
	EFI_INPUT_KEY key;
	unsigned secs = c->timeout;

	if (key_pending(&key)) {
		while (key_pending(&key))
			;
		if (secs == 0)
			secs = HELD_KEY_TIMEOUT;
	} else if (secs == 0) {
		return 0;
	}
	show(c, secs);
	if (!wait_key(secs, &key))
		return 0;
	if (key.UnicodeChar == 'a' || key.UnicodeChar == 'b') {
		con_printf("rustux-boot: menu: slot %c chosen\n", (char)key.UnicodeChar);
		return (char)key.UnicodeChar;
	}
	return 0;
}
