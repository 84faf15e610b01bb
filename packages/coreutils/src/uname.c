/* uname.c - print system information */
/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../lib/util.h"

int
uname_main(int argc, char **argv)
{
	struct utsname u;
	const char *fields[6];
	int c, want = 0, i, first = 1;

	while ((c = getopt(argc, argv, "asnrvmo")) != -1) {
		switch (c) {
		case 'a': want |= 0x3f; break;
		case 's': want |= 1; break;
		case 'n': want |= 2; break;
		case 'r': want |= 4; break;
		case 'v': want |= 8; break;
		case 'm': want |= 16; break;
		case 'o': want |= 32; break;
		default: return usage_error();
		}
	}
	if (optind != argc)
		return usage_error();
	if (uname(&u) < 0)
		return fail("get", "system name");
	fields[0] = u.sysname;
	fields[1] = u.nodename;
	fields[2] = u.release;
	fields[3] = u.version;
	fields[4] = u.machine;
	fields[5] = strcmp(u.sysname, "Linux") == 0 ? "GNU/Linux" : u.sysname;
	if (want == 0)
		want = 1;
	for (i = 0; i < 6; i++) {
		if (!(want & (1 << i)))
			continue;
		printf("%s%s", first ? "" : " ", fields[i]);
		first = 0;
	}
	putchar('\n');
	return 0;
}
