/* rm.c - remove files and directories */
/* SPDX-License-Identifier: MIT */
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"
#include "../lib/fileops.h"

static int
is_dot(const char *p)
{
	const char *b = strrchr(p, '/');

	b = b ? b + 1 : p;
	return strcmp(b, ".") == 0 || strcmp(b, "..") == 0;
}

int
rm_main(int argc, char **argv)
{
	int c, rec = 0, force = 0, i, r = 0;

	while ((c = getopt(argc, argv, "rRfi")) != -1) {
		if (c == 'r' || c == 'R')
			rec = 1;
		else if (c == 'f')
			force = 1;
		else if (c == '?')
			return usage_error();
	}
	if (optind == argc && !force) {
		msg("missing operand");
		return usage_error();
	}
	for (i = optind; i < argc; i++) {
		if (is_dot(argv[i]) || strcmp(argv[i], "/") == 0) {
			msg("refusing to remove '%s'", argv[i]);
			r = 1;
			continue;
		}
		r |= remove_tree(argv[i], rec, force);
	}
	return r;
}
