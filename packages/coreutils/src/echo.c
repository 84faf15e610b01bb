/* echo.c - print arguments */
/* SPDX-License-Identifier: MIT */

#include "../lib/util.h"

int
echo_main(int argc, char **argv)
{
	int i = 1, nl = 1, esc = 0;
	const char *p;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (p = argv[i] + 1; *p == 'n' || *p == 'e' || *p == 'E'; p++)
			;
		if (*p)
			break;
		for (p = argv[i] + 1; *p; p++) {
			if (*p == 'n')
				nl = 0;
			else
				esc = *p == 'e';
		}
	}
	for (; i < argc; i++) {
		if (esc && put_escaped(argv[i], 1))
			return 0;
		if (!esc)
			fputs(argv[i], stdout);
		if (i + 1 < argc)
			putchar(' ');
	}
	if (nl)
		putchar('\n');
	return 0;
}
