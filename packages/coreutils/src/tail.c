/* tail.c - print the last lines (or count_bytes) of files */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "../lib/util.h"

/* Last n lines of f: reads everything, then prints from the right newline. */
static int
tail_one(FILE *f, unsigned long n, int from_start)
{
	char *buf = NULL, *tmp;
	size_t len = 0, cap = 0, i, start;
	unsigned long lines = 0;
	int c;

	if (from_start) {
		for (lines = 1; lines < n && (c = getc(f)) != EOF; )
			if (c == '\n' || count_bytes)
				lines++;
		while ((c = getc(f)) != EOF)
			putchar(c);
		return 0;
	}
	while ((c = getc(f)) != EOF) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((tmp = realloc(buf, cap)) == NULL) {
				free(buf);
				msg("out of memory");
				return 1;
			}
			buf = tmp;
		}
		buf[len++] = (char)c;
	}
	if (count_bytes) {
		start = len > n ? len - n : 0;
		if (len > start)
			fwrite(buf + start, 1, len - start, stdout);
		free(buf);
		return 0;
	}
	start = 0;
	i = len;
	if (i > 0 && buf[i - 1] == '\n')
		i--;
	while (i > 0) {
		if (buf[i - 1] == '\n' && ++lines == n) {
			start = i;
			break;
		}
		i--;
	}
	if (n == 0)
		start = len;
	if (len > start)
		fwrite(buf + start, 1, len - start, stdout);
	free(buf);
	return 0;
}

int
tail_main(int argc, char **argv)
{
	return head_tail_run(argc, argv, tail_one);
}
