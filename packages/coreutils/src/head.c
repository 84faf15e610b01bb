/* head.c - print the first lines (or count_bytes) of files */
/* SPDX-License-Identifier: MIT */

#include "../lib/util.h"

static int
head_one(FILE *f, unsigned long n, int from_start)
{
	int c;

	while (n > 0 && (c = getc(f)) != EOF) {
		putchar(c);
		if (c == '\n' || count_bytes)
			n--;
	}
	return 0;
}

int
head_main(int argc, char **argv)
{
	return head_tail_run(argc, argv, head_one);
}
