/* mkdir.c - make directories */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/util.h"

static int
mkdir_parents(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	struct stat st;
	char *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
		errno = ENAMETOOLONG;
		return fail("create directory", path);
	}
	for (p = buf + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(buf, c ? 0777 : mode) < 0 && errno != EEXIST)
			return fail("create directory", buf);
		if (stat(buf, &st) == 0 && !S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return fail("create directory", buf);
		}
		if (c == '\0')
			return 0;
		*p = c;
	}
}

int
mkdir_main(int argc, char **argv)
{
	mode_t mode = 0777;
	int c, parents = 0, i, r = 0;
	char *end;

	while ((c = getopt(argc, argv, "pm:")) != -1) {
		if (c == 'p')
			parents = 1;
		else if (c == 'm') {
			mode = (mode_t)strtoul(optarg, &end, 8);
			if (*end != '\0' || end == optarg) {
				msg("invalid mode '%s'", optarg);
				return 1;
			}
		} else
			return usage_error();
	}
	if (optind == argc) {
		msg("missing operand");
		return usage_error();
	}
	for (i = optind; i < argc; i++) {
		if (parents)
			r |= mkdir_parents(argv[i], mode);
		else if (mkdir(argv[i], mode) < 0)
			r = fail("create directory", argv[i]);
		else if (mode != 0777)
			chmod(argv[i], mode);
	}
	return r;
}
