/* tr.c - translate, squeeze or delete characters */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"

static const struct {
	const char *name;
	int (*is)(int);
} classes[] = {
	{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank },
	{ "cntrl", iscntrl }, { "digit", isdigit }, { "graph", isgraph },
	{ "lower", islower }, { "print", isprint }, { "punct", ispunct },
	{ "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
};

static int
unescape(const char **pp)
{
	const char *p = *pp;
	int c = (unsigned char)*p++, v, n;

	if (c != '\\' || *p == '\0') {
		*pp = p;
		return c;
	}
	c = (unsigned char)*p++;
	switch (c) {
	case 'n': c = '\n'; break;
	case 't': c = '\t'; break;
	case 'r': c = '\r'; break;
	case 'a': c = '\a'; break;
	case 'b': c = '\b'; break;
	case 'f': c = '\f'; break;
	case 'v': c = '\v'; break;
	default:
		if (c >= '0' && c <= '7') {
			v = c - '0';
			for (n = 1; n < 3 && *p >= '0' && *p <= '7'; n++)
				v = v * 8 + (*p++ - '0');
			c = v & 0xff;
		}
	}
	*pp = p;
	return c;
}

/* Expands a SET (ranges, escapes, [:class:]) into out; returns its length or -1. */
static int
expand(const char *s, unsigned char *out)
{
	int n = 0, a, b, i;
	size_t k, l;
	const char *e;

	while (*s) {
		if (s[0] == '[' && s[1] == ':' && (e = strstr(s + 2, ":]")) != NULL) {
			l = (size_t)(e - s - 2);
			for (k = 0; k < sizeof(classes) / sizeof(classes[0]); k++)
				if (strlen(classes[k].name) == l && strncmp(s + 2, classes[k].name, l) == 0)
					break;
			if (k == sizeof(classes) / sizeof(classes[0])) {
				msg("invalid character class '%.*s'", (int)l, s + 2);
				return -1;
			}
			for (i = 0; i < 256 && n < 4096; i++)
				if (classes[k].is(i))
					out[n++] = (unsigned char)i;
			s = e + 2;
			continue;
		}
		a = unescape(&s);
		if (s[0] == '-' && s[1] != '\0') {
			s++;
			b = unescape(&s);
			if (b < a) {
				msg("range-endpoints of '%c-%c' are in reverse order", a, b);
				return -1;
			}
			for (i = a; i <= b && n < 4096; i++)
				out[n++] = (unsigned char)i;
		} else if (n < 4096)
			out[n++] = (unsigned char)a;
	}
	return n;
}

int
tr_main(int argc, char **argv)
{
	unsigned char s1[4096], s2[4096];
	int map[256], del[256] = { 0 }, sq[256] = { 0 };
	int c, dflag = 0, sflag = 0, n1, n2 = 0, i, last = -1;

	while ((c = getopt(argc, argv, "dsc")) != -1) {
		if (c == 'd')
			dflag = 1;
		else if (c == 's')
			sflag = 1;
		else
			return usage_error();
	}
	if (optind >= argc || argc - optind > 2 || (!dflag && !sflag && argc - optind != 2))
		return usage_error();
	if ((n1 = expand(argv[optind], s1)) < 0)
		return 1;
	if (optind + 1 < argc && (n2 = expand(argv[optind + 1], s2)) < 0)
		return 1;
	for (i = 0; i < 256; i++)
		map[i] = i;
	for (i = 0; i < n1; i++) {
		if (dflag)
			del[s1[i]] = 1;
		else if (n2 > 0)
			map[s1[i]] = s2[i < n2 ? i : n2 - 1];
		else if (sflag)
			sq[s1[i]] = 1;
	}
	for (i = 0; i < n2; i++)
		sq[s2[i]] = sflag;
	if (dflag && !sflag)
		memset(sq, 0, sizeof(sq));
	while ((c = getchar()) != EOF) {
		if (del[c])
			continue;
		c = map[c];
		if (sq[c] && c == last)
			continue;
		last = c;
		putchar(c);
	}
	return 0;
}
