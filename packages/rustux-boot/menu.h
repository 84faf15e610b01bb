/* menu.h - the boot menu: both slots with their versions, pick one by key */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_BOOT_MENU_H
#define RUSTUX_BOOT_MENU_H

#include "loaderconf.h"

/* Show the menu if a key is held or c->timeout > 0. Returns 'a' or 'b' if
 * the user picked a slot, 0 to boot the default the normal way. */
char menu_run(const struct loaderconf *c);

#endif
