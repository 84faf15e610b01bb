/* env.c - run a command in a modified environment, or print the environment */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"

extern char **environ;

int
env_main(int argc, char **argv)
{
	static char *empty[] = { NULL };
	char **e;
	int c;

	while ((c = getopt(argc, argv, "+iu:")) != -1) {
		if (c == 'i')
			environ = empty;
		else if (c == 'u')
			unsetenv(optarg);
		else
			return usage_error();
	}
	if (optind < argc && strcmp(argv[optind], "-") == 0) {
		environ = empty;
		optind++;
	}
	for (; optind < argc && strchr(argv[optind], '=') != NULL; optind++)
		if (putenv(argv[optind]) != 0)
			return fail("set", argv[optind]);
	if (optind == argc) {
		for (e = environ; *e; e++)
			printf("%s\n", *e);
		return 0;
	}
	execvp(argv[optind], argv + optind);
	c = errno;
	fail("run", argv[optind]);
	return c == ENOENT ? 127 : 126;
}
