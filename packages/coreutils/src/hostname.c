/* hostname.c - print or set the host name */
/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"

static int
set_hostname_from(const char *file)
{
	char buf[256];
	ssize_t n;

	if ((n = read_small(file, buf, sizeof(buf))) < 0)
		return fail("read", file);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	if (sethostname(buf, (size_t)n) < 0)
		return fail("set host name to", buf);
	return 0;
}

int
hostname_main(int argc, char **argv)
{
	char buf[256];

	if (argc == 3 && strcmp(argv[1], "-F") == 0)
		return set_hostname_from(argv[2]);
	if (argc == 2 && argv[1][0] != '-') {
		if (sethostname(argv[1], strlen(argv[1])) < 0)
			return fail("set host name to", argv[1]);
		return 0;
	}
	if (argc != 1)
		return usage_error();
	if (gethostname(buf, sizeof(buf)) < 0)
		return fail("get", "host name");
	buf[sizeof(buf) - 1] = '\0';
	printf("%s\n", buf);
	return 0;
}
