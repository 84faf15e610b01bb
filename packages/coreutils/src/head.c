/* head.c - print the first lines or bytes of files (and tail: the last ones) */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"

static int bytes;	/* -c: count bytes, not lines */

/* Accepts -n N, -nN, -c N and the historical -N; sets *from_start for "+N". */
static int
line_count(int argc, char **argv, unsigned long *n, int *from_start)
{
	const char *v;
	int i;

	*from_start = 0;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			return i;
		if (argv[i][1] == 'n' || argv[i][1] == 'c') {
			bytes = argv[i][1] == 'c';
			v = argv[i][2] ? argv[i] + 2 : (i + 1 < argc ? argv[++i] : "");
		}
		else
			v = argv[i] + 1;
		if (*v == '+') {
			*from_start = 1;
			v++;
		} else if (*v == '-')
			v++;
		if (parse_ulong(v, n) < 0) {
			msg("invalid number of %s: '%s'", bytes ? "bytes" : "lines", v);
			return -1;
		}
	}
	return i;
}

static FILE *
open_input(const char *name)
{
	FILE *f;

	if (strcmp(name, "-") == 0)
		return stdin;
	if ((f = fopen(name, "r")) == NULL)
		fail("open", name);
	return f;
}

static int
head_one(FILE *f, unsigned long n)
{
	int c;

	while (n > 0 && (c = getc(f)) != EOF) {
		putchar(c);
		if (c == '\n' || bytes)
			n--;
	}
	return 0;
}

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
			if (c == '\n' || bytes)
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
	if (bytes) {
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

static int
run(int argc, char **argv, int is_tail)
{
	unsigned long n = 10;
	int from_start, i, r = 0, nfiles;
	FILE *f;

	if ((i = line_count(argc, argv, &n, &from_start)) < 0)
		return usage_error();
	nfiles = argc - i;
	if (nfiles == 0)
		return is_tail ? tail_one(stdin, n, from_start) : head_one(stdin, n);
	for (; i < argc; i++) {
		if ((f = open_input(argv[i])) == NULL) {
			r = 1;
			continue;
		}
		if (nfiles > 1)
			printf("%s==> %s <==\n", r || i > argc - nfiles ? "\n" : "", argv[i]);
		r |= is_tail ? tail_one(f, n, from_start) : head_one(f, n);
		if (f != stdin)
			fclose(f);
	}
	return r;
}

int
head_main(int argc, char **argv)
{
	return run(argc, argv, 0);
}

int
tail_main(int argc, char **argv)
{
	return run(argc, argv, 1);
}
