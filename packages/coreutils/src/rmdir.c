/* rmdir.c - remove empty directories */
/* SPDX-License-Identifier: MIT */
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"

int
rmdir_main(int argc, char **argv)
{
	int c, parents = 0, i, r = 0;
	char *s;

	while ((c = getopt(argc, argv, "p")) != -1) {
		if (c == 'p')
			parents = 1;
		else
			return usage_error();
	}
	if (optind == argc) {
		msg("missing operand");
		return usage_error();
	}
	for (i = optind; i < argc; i++) {
		if (rmdir(argv[i]) < 0) {
			r = fail("remove directory", argv[i]);
			continue;
		}
		while (parents && (s = strrchr(argv[i], '/')) != NULL && s != argv[i]) {
			*s = '\0';
			if (rmdir(argv[i]) < 0) {
				r = fail("remove directory", argv[i]);
				break;
			}
		}
	}
	return r;
}
