/* sort.c - sort lines (and uniq: drop repeated adjacent lines) */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../lib/util.h"

static int opt_n, opt_r, opt_f, key_field;
static char opt_t;

struct lines {
	char **v;
	size_t n, cap;
};

static int
read_lines(FILE *f, struct lines *ls)
{
	char *line = NULL, **tmp;
	size_t cap = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, f)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (ls->n == ls->cap) {
			ls->cap = ls->cap ? ls->cap * 2 : 256;
			if ((tmp = realloc(ls->v, ls->cap * sizeof(*tmp))) == NULL)
				return -1;
			ls->v = tmp;
		}
		if ((ls->v[ls->n++] = strdup(line)) == NULL)
			return -1;
	}
	free(line);
	return 0;
}

/* The sort key of s: from field key_field (1-based) to the end. */
static const char *
key(const char *s)
{
	int f;

	for (f = 1; f < key_field && *s; f++) {
		if (opt_t) {
			while (*s && *s != opt_t)
				s++;
			if (*s)
				s++;
		} else {
			while (*s && isblank((unsigned char)*s))
				s++;
			while (*s && !isblank((unsigned char)*s))
				s++;
		}
	}
	return s;
}

static int
compare(const void *pa, const void *pb)
{
	const char *a = key(*(char *const *)pa), *b = key(*(char *const *)pb);
	double x, y;
	int r;

	if (opt_n) {
		x = strtod(a, NULL);
		y = strtod(b, NULL);
		r = x < y ? -1 : x > y;
		if (r == 0)
			r = strcmp(*(char *const *)pa, *(char *const *)pb);
	} else
		r = opt_f ? strcasecmp(a, b) : strcmp(a, b);
	return opt_r ? -r : r;
}

int
sort_main(int argc, char **argv)
{
	struct lines ls = { NULL, 0, 0 };
	int c, uniq = 0, i, r = 0;
	unsigned long k;
	size_t j;
	FILE *f;

	while ((c = getopt(argc, argv, "fnrut:k:b")) != -1) {
		switch (c) {
		case 'f': opt_f = 1; break;
		case 'n': opt_n = 1; break;
		case 'r': opt_r = 1; break;
		case 'u': uniq = 1; break;
		case 'b': break;
		case 't': opt_t = optarg[0]; break;
		case 'k':
			k = strtoul(optarg, NULL, 10);
			if (k == 0) {
				msg("invalid key '%s'", optarg);
				return 2;
			}
			key_field = (int)k;
			break;
		default: return usage_error();
		}
	}
	if (optind == argc && read_lines(stdin, &ls) < 0)
		return fail("read", "-");
	for (i = optind; i < argc; i++) {
		f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (f == NULL) {
			r = fail("open", argv[i]);
			continue;
		}
		if (read_lines(f, &ls) < 0)
			r = fail("read", argv[i]);
		if (f != stdin)
			fclose(f);
	}
	if (r)
		return 2;
	qsort(ls.v, ls.n, sizeof(*ls.v), compare);
	for (j = 0; j < ls.n; j++) {
		if (uniq && j > 0 && compare(&ls.v[j - 1], &ls.v[j]) == 0)
			continue;
		puts(ls.v[j]);
	}
	return 0;
}

int
uniq_main(int argc, char **argv)
{
	char *prev = NULL, *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long n = 0;
	int c, cnt = 0, dup = 0, uni = 0;
	FILE *in = stdin;

	while ((c = getopt(argc, argv, "cdu")) != -1) {
		if (c == 'c')
			cnt = 1;
		else if (c == 'd')
			dup = 1;
		else if (c == 'u')
			uni = 1;
		else
			return usage_error();
	}
	if (optind < argc && strcmp(argv[optind], "-") != 0 &&
	    (in = fopen(argv[optind], "r")) == NULL)
		return fail("open", argv[optind]);
	if (optind + 1 < argc && freopen(argv[optind + 1], "w", stdout) == NULL)
		return fail("open", argv[optind + 1]);
	for (;;) {
		len = getline(&line, &cap, in);
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (prev && (len < 0 || strcmp(prev, line) != 0)) {
			if ((!dup || n > 1) && (!uni || n == 1)) {
				if (cnt)
					printf("%7lu ", n);
				puts(prev);
			}
			free(prev);
			prev = NULL;
		}
		if (len < 0)
			break;
		if (prev == NULL) {
			prev = strdup(line);
			n = 0;
		}
		n++;
	}
	free(line);
	return 0;
}
