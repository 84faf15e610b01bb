/* dmesg.c - print the kernel log */
/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

#include "../lib/util.h"

int
dmesg_main(int argc, char **argv)
{
	int size, n, action = 3;
	char *buf;

	if (argc == 2 && strcmp(argv[1], "-c") == 0)
		action = 4;
	else if (argc != 1)
		return usage_error();
	if ((size = klogctl(10, NULL, 0)) <= 0)
		size = 1 << 17;
	if ((buf = malloc((size_t)size)) == NULL)
		return 1;
	if ((n = klogctl(action, buf, size)) < 0) {
		free(buf);
		return fail("read", "kernel log");
	}
	if (write_all(1, buf, (size_t)n) < 0)
		n = -1;
	if (n > 0 && buf[n - 1] != '\n')
		write_all(1, "\n", 1);
	free(buf);
	return n < 0;
}
