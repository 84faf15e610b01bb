/* ln.c - make links */
/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/util.h"
#include "../lib/fileops.h"

int
ln_main(int argc, char **argv)
{
	char buf[PATH_MAX];
	const char *d;
	struct stat st;
	int c, sym = 0, force = 0, isdir, i, r = 0, e;

	while ((c = getopt(argc, argv, "sfn")) != -1) {
		if (c == 's')
			sym = 1;
		else if (c == 'f')
			force = 1;
		else if (c == '?')
			return usage_error();
	}
	if (argc - optind < 1) {
		msg("missing file operand");
		return usage_error();
	}
	if (argc - optind == 1) {
		argv[argc] = ".";
		argc++;
	}
	isdir = stat(argv[argc - 1], &st) == 0 && S_ISDIR(st.st_mode);
	if (argc - optind > 2 && !isdir) {
		msg("target '%s' is not a directory", argv[argc - 1]);
		return 1;
	}
	for (i = optind; i < argc - 1; i++) {
		if ((d = dest_path(buf, sizeof(buf), argv[i], argv[argc - 1], isdir)) == NULL) {
			r = fail("link", argv[i]);
			continue;
		}
		if (force)
			unlink(d);
		e = sym ? symlink(argv[i], d) : link(argv[i], d);
		if (e < 0)
			r = fail(sym ? "create symbolic link" : "create hard link", d);
	}
	return r;
}
