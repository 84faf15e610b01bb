/* rm.c - remove files and directories */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/util.h"
#include "fileops.h"

int
remove_tree(const char *path, int recursive, int force)
{
	char sub[PATH_MAX];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int r = 0;

	if (lstat(path, &st) < 0) {
		if (force && errno == ENOENT)
			return 0;
		return fail("remove", path);
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) < 0)
			return fail("remove", path);
		return 0;
	}
	if (!recursive) {
		msg("cannot remove '%s': Is a directory", path);
		return 1;
	}
	if ((d = opendir(path)) == NULL)
		return fail("open directory", path);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (!path_join(sub, sizeof(sub), path, e->d_name))
			r = fail("remove", e->d_name);
		else
			r |= remove_tree(sub, 1, force);
	}
	closedir(d);
	if (rmdir(path) < 0)
		return fail("remove", path);
	return r;
}

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
