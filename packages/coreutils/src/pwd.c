/* pwd.c - print the working directory */
/* SPDX-License-Identifier: MIT */
#include <unistd.h>

#include "../lib/util.h"

int
pwd_main(int argc, char **argv)
{
	char buf[4096];

	if (getcwd(buf, sizeof(buf)) == NULL)
		return fail("get", ".");
	printf("%s\n", buf);
	return 0;
}
