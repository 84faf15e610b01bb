/* yes.c - print a string forever */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "../lib/util.h"

int
yes_main(int argc, char **argv)
{
	const char *s = argc > 1 ? argv[1] : "y";
	char buf[8192];
	size_t len = strlen(s) + 1, n = 0;

	if (len > sizeof(buf))
		len = sizeof(buf);
	while (n + len <= sizeof(buf)) {
		memcpy(buf + n, s, len - 1);
		buf[n + len - 1] = '\n';
		n += len;
	}
	while (write_all(1, buf, n) == 0)
		;
	return 1;
}
