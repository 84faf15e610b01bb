/* echo.c - print arguments (and printf: format and print data) */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/util.h"

/* Prints one backslash escape starting after the '\' at *pp; 1 if it was \c (stop). */
static int
put_escape(const char **pp, int octal_needs_zero)
{
	const char *p = *pp;
	int c = *p++, v, n;

	switch (c) {
	case 'a': putchar('\a'); break;
	case 'b': putchar('\b'); break;
	case 'c': *pp = p; return 1;
	case 'e': putchar(033); break;
	case 'f': putchar('\f'); break;
	case 'n': putchar('\n'); break;
	case 'r': putchar('\r'); break;
	case 't': putchar('\t'); break;
	case 'v': putchar('\v'); break;
	case '\\': putchar('\\'); break;
	case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
		if (octal_needs_zero && c != '0') {
			putchar('\\');
			p--;
			break;
		}
		v = c - '0';
		if (octal_needs_zero)
			v = 0;
		for (n = 0; n < 3 && *p >= '0' && *p <= '7'; n++)
			v = v * 8 + (*p++ - '0');
		putchar(v & 0xff);
		break;
	case '\0':
		putchar('\\');
		p--;
		break;
	default:
		putchar('\\');
		putchar(c);
	}
	*pp = p;
	return 0;
}

/* Prints s interpreting escapes; 1 if \c stopped it. */
static int
put_escaped(const char *s, int octal_needs_zero)
{
	while (*s) {
		if (*s != '\\') {
			putchar(*s++);
			continue;
		}
		s++;
		if (put_escape(&s, octal_needs_zero))
			return 1;
	}
	return 0;
}

int
echo_main(int argc, char **argv)
{
	int i = 1, nl = 1, esc = 0;
	const char *p;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (p = argv[i] + 1; *p == 'n' || *p == 'e' || *p == 'E'; p++)
			;
		if (*p)
			break;
		for (p = argv[i] + 1; *p; p++) {
			if (*p == 'n')
				nl = 0;
			else
				esc = *p == 'e';
		}
	}
	for (; i < argc; i++) {
		if (esc && put_escaped(argv[i], 1))
			return 0;
		if (!esc)
			fputs(argv[i], stdout);
		if (i + 1 < argc)
			putchar(' ');
	}
	if (nl)
		putchar('\n');
	return 0;
}

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
