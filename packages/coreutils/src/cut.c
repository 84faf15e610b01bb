/* cut.c - select bytes, characters or fields of each line */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"

#define MAXR 64

struct range {
	unsigned long lo, hi;
};

static struct range ranges[MAXR];
static int nranges;

static int
parse_list(const char *s)
{
	char *end;

	while (*s) {
		if (nranges == MAXR)
			return -1;
		struct range *r = &ranges[nranges++];
		r->lo = 1;
		r->hi = (unsigned long)-1;
		if (*s != '-') {
			r->lo = strtoul(s, &end, 10);
			if (end == s || r->lo == 0)
				return -1;
			s = end;
			if (*s != '-')
				r->hi = r->lo;
		}
		if (*s == '-') {
			s++;
			if (*s >= '0' && *s <= '9') {
				r->hi = strtoul(s, &end, 10);
				s = end;
			}
		}
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return nranges ? 0 : -1;
}

static int
selected(unsigned long i)
{
	int k;

	for (k = 0; k < nranges; k++)
		if (i >= ranges[k].lo && i <= ranges[k].hi)
			return 1;
	return 0;
}

static void
cut_line(char *line, int fields, char delim, int only_delim)
{
	unsigned long i = 1;
	char *p, *next;
	int first = 1;

	if (!fields) {
		for (p = line; *p; p++, i++)
			if (selected(i))
				putchar(*p);
		putchar('\n');
		return;
	}
	if (strchr(line, delim) == NULL) {
		if (!only_delim)
			puts(line);
		return;
	}
	for (p = line; p; p = next, i++) {
		next = strchr(p, delim);
		if (next)
			*next++ = '\0';
		if (!selected(i))
			continue;
		if (!first)
			putchar(delim);
		fputs(p, stdout);
		first = 0;
	}
	putchar('\n');
}

int
cut_main(int argc, char **argv)
{
	char *line = NULL, delim = '\t';
	size_t cap = 0;
	ssize_t len;
	int c, fields = -1, only_delim = 0, i, r = 0;
	FILE *f;

	while ((c = getopt(argc, argv, "b:c:f:d:sn")) != -1) {
		switch (c) {
		case 'b': case 'c': case 'f':
			fields = c == 'f';
			if (parse_list(optarg) < 0) {
				msg("invalid list '%s'", optarg);
				return 1;
			}
			break;
		case 'd': delim = optarg[0]; break;
		case 's': only_delim = 1; break;
		case 'n': break;
		default: return usage_error();
		}
	}
	if (fields < 0) {
		msg("you must specify a list of bytes, characters, or fields");
		return usage_error();
	}
	for (i = optind; i < argc || i == optind; i++) {
		f = i >= argc || strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (f == NULL) {
			r = fail("open", argv[i]);
			continue;
		}
		while ((len = getline(&line, &cap, f)) >= 0) {
			if (len > 0 && line[len - 1] == '\n')
				line[len - 1] = '\0';
			cut_line(line, fields, delim, only_delim);
		}
		if (f != stdin)
			fclose(f);
	}
	free(line);
	return r;
}
