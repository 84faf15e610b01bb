/* basename.c - strip directory and suffix from a path */
/* SPDX-License-Identifier: MIT */
#include <libgen.h>
#include <string.h>

#include "../lib/util.h"

int
basename_main(int argc, char **argv)
{
	char *b;
	size_t lb, ls;

	if (argc < 2 || argc > 3)
		return usage_error();
	b = basename(argv[1]);
	if (argc == 3) {
		lb = strlen(b);
		ls = strlen(argv[2]);
		if (ls < lb && strcmp(b + lb - ls, argv[2]) == 0)
			b[lb - ls] = '\0';
	}
	printf("%s\n", b);
	return 0;
}
