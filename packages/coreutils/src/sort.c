/* sort.c - sort lines */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"

static int opt_n, opt_r, opt_f;
static char opt_t;

/* -k START[,END] with optional n r f letters: one sort key; END 0 is the line's end. */
#define MAXKEYS 8

static struct key {
	int start, end, n, r, f, own;
} keys[MAXKEYS];
static int nkeys;

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

/* Where field f (1-based) starts in s; with no -t a field's leading blanks belong to it. */
static const char *
field_start(const char *s, int f)
{
	for (; f > 1 && *s; f--) {
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

/* Where field f ends (its last character + 1). */
static const char *
field_end(const char *s, int f)
{
	s = field_start(s, f);
	if (opt_t) {
		while (*s && *s != opt_t)
			s++;
	} else {
		while (*s && isblank((unsigned char)*s))
			s++;
		while (*s && !isblank((unsigned char)*s))
			s++;
	}
	return s;
}

static int
compare_span(const char *a, size_t la, const char *b, size_t lb, int n, int f)
{
	double x, y;
	size_t k;
	int c;

	if (n) {
		x = strtod(a, NULL);
		y = strtod(b, NULL);
		return x < y ? -1 : x > y;
	}
	for (k = 0; k < la && k < lb; k++) {
		c = f ? tolower((unsigned char)a[k]) - tolower((unsigned char)b[k]) :
		    (unsigned char)a[k] - (unsigned char)b[k];
		if (c)
			return c;
	}
	return la < lb ? -1 : la > lb;
}

/* Keys only: 0 when every key is equal (what -u compares). */
static int
compare_keys(const char *a, const char *b)
{
	const char *as, *ae, *bs, *be;
	int i, r;

	if (nkeys == 0)
		return compare_span(a, strlen(a), b, strlen(b), opt_n, opt_f) * (opt_r ? -1 : 1);
	for (i = 0; i < nkeys; i++) {
		struct key *k = &keys[i];

		as = field_start(a, k->start);
		bs = field_start(b, k->start);
		ae = k->end ? field_end(a, k->end) : as + strlen(as);
		be = k->end ? field_end(b, k->end) : bs + strlen(bs);
		if (ae < as)
			ae = as;
		if (be < bs)
			be = bs;
		r = compare_span(as, (size_t)(ae - as), bs, (size_t)(be - bs),
		    k->own ? k->n : opt_n, k->own ? k->f : opt_f);
		if (r)
			return (k->own ? k->r : opt_r) ? -r : r;
	}
	return 0;
}

static int
compare(const void *pa, const void *pb)
{
	const char *a = *(char *const *)pa, *b = *(char *const *)pb;
	int r = compare_keys(a, b);

	/* equal keys: the whole line decides, as GNU sort does without -s */
	if (r == 0 && (nkeys > 0 || opt_n || opt_f))
		r = strcmp(a, b) * (opt_r ? -1 : 1);
	return r;
}

static int
key_flags(const char **p, struct key *k)
{
	for (; **p && strchr("nrfb", **p); (*p)++) {
		k->own = 1;
		if (**p == 'n')
			k->n = 1;
		else if (**p == 'r')
			k->r = 1;
		else if (**p == 'f')
			k->f = 1;
	}
	return 0;
}

static int
parse_key(const char *s)
{
	struct key *k;
	char *end;
	const char *p;

	if (nkeys == MAXKEYS)
		return -1;
	k = &keys[nkeys];
	memset(k, 0, sizeof(*k));
	k->start = (int)strtol(s, &end, 10);
	if (end == s || k->start < 1)
		return -1;
	p = end;
	if (*p == '.')	/* character offsets are accepted and ignored */
		for (p++; isdigit((unsigned char)*p); p++)
			;
	key_flags(&p, k);
	if (*p == ',') {
		k->end = (int)strtol(p + 1, &end, 10);
		if (end == p + 1 || k->end < 1)
			return -1;
		p = end;
		if (*p == '.')
			for (p++; isdigit((unsigned char)*p); p++)
				;
		key_flags(&p, k);
	}
	if (*p != '\0')
		return -1;
	nkeys++;
	return 0;
}

int
sort_main(int argc, char **argv)
{
	struct lines ls = { NULL, 0, 0 };
	int c, uniq = 0, i, r = 0;
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
			if (parse_key(optarg) < 0) {
				msg("invalid key '%s'", optarg);
				return 2;
			}
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
	if (ls.n > 1)
		qsort(ls.v, ls.n, sizeof(*ls.v), compare);
	for (j = 0; j < ls.n; j++) {
		if (uniq && j > 0 && compare_keys(ls.v[j - 1], ls.v[j]) == 0)
			continue;
		puts(ls.v[j]);
	}
	return 0;
}
