/* cat.c - concatenate files to standard output */
/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"

int
cat_main(int argc, char **argv)
{
	int i, fd, r = 0, any = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-u") == 0)
			continue;
		if (strcmp(argv[i], "--") == 0 && !any) {
			continue;
		}
		any = 1;
		if (strcmp(argv[i], "-") == 0)
			fd = 0;
		else if ((fd = open(argv[i], O_RDONLY)) < 0) {
			r = fail("open", argv[i]);
			continue;
		}
		if (copy_fd(fd, 1) < 0)
			r = fail("read", argv[i]);
		if (fd != 0)
			close(fd);
	}
	if (!any && copy_fd(0, 1) < 0)
		r = fail("read", "-");
	return r;
}
