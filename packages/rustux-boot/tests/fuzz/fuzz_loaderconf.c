/* fuzz_loaderconf.c - fuzz target: the loader.conf parser and writer */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loaderconf.h"
#include "slotpick.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

/* Anything accepted writes back and parses into the same struct, and the
 * slot policy never picks something that is not a slot. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct loaderconf c, d;
	static char text[LC_TEXT_MAX + LC_EXTRA_MAX + 512];
	struct slot_choice ch;
	size_t n;

	if (lc_parse(&c, (const char *)data, len, NULL) != LC_OK)
		return 0;
	if (lc_write(&c, text, sizeof(text), &n) != LC_OK)
		abort();
	if (lc_parse(&d, text, n, NULL) != LC_OK || memcmp(&c, &d, sizeof(c)) != 0)
		abort();
	sp_choose(&c, &ch);
	if (ch.slot != 'a' && ch.slot != 'b')
		abort();
	(void)sp_fail(&c, &ch, "fuzz");
	if (lc_write(&c, text, sizeof(text), &n) != LC_OK)
		abort();
	return 0;
}
