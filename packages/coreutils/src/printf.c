/* printf.c - format and print data */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/util.h"

static int printf_status;

static long long
arg_int(const char *s)
{
	char *end;
	long long v;

	if (s[0] == '\'' || s[0] == '"')
		return (unsigned char)s[1];
	errno = 0;
	v = strtoll(s, &end, 0);
	if (*s == '\0')
		return 0;
	if (*end != '\0' || errno != 0) {
		msg("'%s': expected a numeric value", s);
		printf_status = 1;
	}
	return v;
}

static double
arg_double(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (*s != '\0' && *end != '\0') {
		msg("'%s': expected a numeric value", s);
		printf_status = 1;
	}
	return v;
}

/* One conversion spec at f (after '%'); consumes an argument; returns the new f. */
static const char *
convert(const char *f, char ***args, int *stop)
{
	char spec[64], *a, conv;
	size_t n = 1;

	spec[0] = '%';
	while (*f && strchr("-+ #0123456789.", *f) && n < sizeof(spec) - 4)
		spec[n++] = *f++;
	conv = *f ? *f++ : 's';
	a = **args ? *(*args)++ : NULL;
	switch (conv) {
	case 'd': case 'i':
		spec[n++] = 'l'; spec[n++] = 'l'; spec[n++] = conv; spec[n] = '\0';
		printf(spec, a ? arg_int(a) : 0LL);
		break;
	case 'u': case 'x': case 'X': case 'o':
		spec[n++] = 'l'; spec[n++] = 'l'; spec[n++] = conv; spec[n] = '\0';
		printf(spec, (unsigned long long)(a ? arg_int(a) : 0));
		break;
	case 'f': case 'e': case 'E': case 'g': case 'G':
		spec[n++] = conv; spec[n] = '\0';
		printf(spec, a ? arg_double(a) : 0.0);
		break;
	case 'c':
		if (a && *a)
			putchar(*a);
		break;
	case 'b':
		if (a && put_escaped(a, 1))
			*stop = 1;
		break;
	case 's':
		spec[n++] = 's'; spec[n] = '\0';
		printf(spec, a ? a : "");
		break;
	default:
		msg("invalid conversion '%%%c'", conv);
		printf_status = 1;
		*stop = 1;
	}
	return f;
}

int
printf_main(int argc, char **argv)
{
	char **args;
	const char *f;
	int stop = 0, used;

	if (argc < 2)
		return usage_error();
	args = argv + 2;
	do {
		char **before = args;

		for (f = argv[1]; *f && !stop; ) {
			if (*f == '\\') {
				f++;
				stop = put_escape(&f, 0);
			} else if (*f == '%' && f[1] == '%') {
				putchar('%');
				f += 2;
			} else if (*f == '%') {
				f = convert(f + 1, &args, &stop);
			} else
				putchar(*f++);
		}
		used = args != before;
	} while (*args && used && !stop);
	return printf_status;
}
