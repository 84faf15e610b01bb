/* touch.c - create files or update their times */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/util.h"
#include "../lib/fileops.h"

int
touch_main(int argc, char **argv)
{
	int c, nocreate = 0, i, fd, r = 0;

	while ((c = getopt(argc, argv, "cam")) != -1) {
		if (c == 'c')
			nocreate = 1;
		else if (c == '?')
			return usage_error();
	}
	if (optind == argc) {
		msg("missing file operand");
		return usage_error();
	}
	for (i = optind; i < argc; i++) {
		if (utimensat(AT_FDCWD, argv[i], NULL, 0) == 0)
			continue;
		if (errno != ENOENT) {
			r = fail("touch", argv[i]);
			continue;
		}
		if (nocreate)
			continue;
		fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
		if (fd < 0)
			r = fail("touch", argv[i]);
		else
			close(fd);
	}
	return r;
}
