/* dirname.c - strip the last component of a path */
/* SPDX-License-Identifier: MIT */
#include <libgen.h>

#include "../lib/util.h"

int
dirname_main(int argc, char **argv)
{
	if (argc != 2)
		return usage_error();
	printf("%s\n", dirname(argv[1]));
	return 0;
}
