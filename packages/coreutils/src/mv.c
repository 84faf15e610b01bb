/* mv.c - move or rename files */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/util.h"
#include "../lib/fileops.h"

static int
move(const char *src, const char *dst)
{
	if (rename(src, dst) == 0)
		return 0;
	if (errno != EXDEV)
		return fail("move", src);
	if (copy_tree(src, dst, 1, 1) != 0)
		return 1;
	return remove_tree(src, 1, 0);
}

int
mv_main(int argc, char **argv)
{
	char buf[PATH_MAX];
	const char *d;
	struct stat st;
	int c, isdir, i, r = 0;

	while ((c = getopt(argc, argv, "fin")) != -1)
		if (c == '?')
			return usage_error();
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
		if (d == NULL)
			r = fail("move", argv[i]);
		else
			r |= move(argv[i], d);
	}
	return r;
}
