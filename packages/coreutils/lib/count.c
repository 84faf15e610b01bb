/* count.c - the count options and file loop shared by head and tail */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "../lib/util.h"

int count_bytes;	/* -c: count count_bytes, not lines */

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
			count_bytes = argv[i][1] == 'c';
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
			msg("invalid number of %s: '%s'", count_bytes ? "bytes" : "lines", v);
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

int
head_tail_run(int argc, char **argv, int (*one)(FILE *f, unsigned long n, int from_start))
{
	unsigned long n = 10;
	int from_start, i, r = 0, nfiles;
	FILE *f;

	if ((i = line_count(argc, argv, &n, &from_start)) < 0)
		return usage_error();
	nfiles = argc - i;
	if (nfiles == 0)
		return one(stdin, n, from_start);
	for (; i < argc; i++) {
		if ((f = open_input(argv[i])) == NULL) {
			r = 1;
			continue;
		}
		if (nfiles > 1)
			printf("%s==> %s <==\n", r || i > argc - nfiles ? "\n" : "", argv[i]);
		r |= one(f, n, from_start);
		if (f != stdin)
			fclose(f);
	}
	return r;
}
