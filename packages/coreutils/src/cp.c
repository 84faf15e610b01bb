/* cp.c - copy files and directories */
/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/util.h"
#include "../lib/fileops.h"

int
cp_main(int argc, char **argv)
{
	char buf[PATH_MAX];
	const char *d;
	struct stat st;
	int c, rec = 0, force = 0, isdir, i, r = 0;

	while ((c = getopt(argc, argv, "rRfapPd")) != -1) {
		if (c == 'r' || c == 'R' || c == 'a')
			rec = 1;
		else if (c == 'f')
			force = 1;
		else if (c == '?')
			return usage_error();
	}
	if (argc - optind < 2) {
		msg("missing file operand");
		return usage_error();
	}
	isdir = stat(argv[argc - 1], &st) == 0 && S_ISDIR(st.st_mode);
	if (argc - optind > 2 && !isdir) {
		msg("target '%s' is not a directory", argv[argc - 1]);
		return 1;
	}
	for (i = optind; i < argc - 1; i++) {
		d = dest_path(buf, sizeof(buf), argv[i], argv[argc - 1], isdir);
		if (d == NULL) {
			r = fail("copy", argv[i]);
			continue;
		}
		r |= copy_tree(argv[i], d, rec, force);
	}
	return r;
}
