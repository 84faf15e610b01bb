/* escape.c - backslash escapes for echo -e and printf */
/* SPDX-License-Identifier: MIT */

#include "../lib/util.h"

/* Prints one backslash escape starting after the '\' at *pp; 1 if it was \c (stop). */
int
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
int
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
