/* du.c - estimate file space usage (KiB) */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/util.h"

static int opt_a, opt_s, opt_h, du_status;

static void
put_size(unsigned long long kib, const char *name)
{
	char buf[16];

	if (opt_h)
		printf("%s\t%s\n", human_size(buf, kib * 1024), name);
	else
		printf("%llu\t%s\n", kib, name);
}

/* Disk usage of path in KiB; prints entries as it goes. */
static unsigned long long
du_tree(const char *path, int depth)
{
	char sub[PATH_MAX];
	unsigned long long kib;
	struct dirent *e;
	struct stat st;
	DIR *d;

	if (lstat(path, &st) < 0) {
		du_status = fail("access", path);
		return 0;
	}
	kib = (unsigned long long)st.st_blocks / 2;
	if (S_ISDIR(st.st_mode)) {
		if ((d = opendir(path)) == NULL) {
			du_status = fail("read directory", path);
		} else {
			while ((e = readdir(d)) != NULL) {
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				if (path_join(sub, sizeof(sub), path, e->d_name))
					kib += du_tree(sub, depth + 1);
			}
			closedir(d);
		}
		if (!opt_s || depth == 0)
			put_size(kib, path);
	} else if (depth == 0 || (opt_a && !opt_s))
		put_size(kib, path);
	return kib;
}

int
du_main(int argc, char **argv)
{
	int c, i;

	while ((c = getopt(argc, argv, "askh")) != -1) {
		if (c == 'a')
			opt_a = 1;
		else if (c == 's')
			opt_s = 1;
		else if (c == 'h')
			opt_h = 1;
		else if (c != 'k')
			return usage_error();
	}
	if (optind == argc)
		du_tree(".", 0);
	for (i = optind; i < argc; i++)
		du_tree(argv[i], 0);
	return du_status;
}
