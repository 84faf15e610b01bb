/* seq.c - print a sequence of numbers */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <unistd.h>

#include "../lib/util.h"

static int
is_int(const char *s)
{
	char *end;

	strtoll(s, &end, 10);
	return end != s && *end == '\0';
}

static int
num(const char *s, double *d)
{
	char *end;

	*d = strtod(s, &end);
	if (end == s || *end != '\0') {
		msg("invalid floating point argument: '%s'", s);
		return -1;
	}
	return 0;
}

int
seq_main(int argc, char **argv)
{
	const char *sep = "\n";
	double first = 1, inc = 1, last, x;
	long long i, n;
	int c, width = 0, ints, nargs, w, k;
	char buf[64];

	/* Options by hand: a negative number is an operand, not an option. */
	for (optind = 1; optind < argc && argv[optind][0] == '-'; optind++) {
		c = argv[optind][1];
		if (c == 's' && argv[optind][2] == '\0' && optind + 1 < argc)
			sep = argv[++optind];
		else if (c == 'w' && argv[optind][2] == '\0')
			width = 1;
		else if ((c >= '0' && c <= '9') || c == '.')
			break;
		else
			return usage_error();
	}
	nargs = argc - optind;
	if (nargs < 1 || nargs > 3)
		return usage_error();
	ints = 1;
	for (k = optind; k < argc; k++)
		ints &= is_int(argv[k]);
	if (num(argv[argc - 1], &last) < 0 ||
	    (nargs >= 2 && num(argv[optind], &first) < 0) ||
	    (nargs == 3 && num(argv[optind + 1], &inc) < 0))
		return 1;
	if (inc == 0) {
		msg("invalid Zero increment value: '%s'", argv[optind + 1]);
		return 1;
	}
	n = (long long)((last - first) / inc);
	if ((last - first) / inc < 0)
		return 0;
	w = 0;
	if (width && ints) {
		w = snprintf(buf, sizeof(buf), "%lld", (long long)first);
		k = snprintf(buf, sizeof(buf), "%lld", (long long)last);
		w = k > w ? k : w;
	}
	for (i = 0; i <= n; i++) {
		x = first + (double)i * inc;
		if (ints)
			printf("%0*lld", w, (long long)x);
		else
			printf("%g", x);
		fputs(i < n ? sep : "\n", stdout);
	}
	return 0;
}
