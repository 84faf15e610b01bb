/* chmod.c - change file mode bits (octal or symbolic: u+x, go-w, a=r) */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../lib/util.h"

/* Applies a symbolic mode list ("u+x,go-w") to old; -1 if it is malformed. */
static long
symbolic(const char *s, mode_t old)
{
	mode_t who, perm, m = old, mask = umask(0);
	char op;

	umask(mask);
	while (*s) {
		who = 0;
		for (; strchr("ugoa", *s) && *s; s++)
			who |= *s == 'u' ? 04700 : *s == 'g' ? 02070 : *s == 'o' ? 01007 : 07777;
		if (*s != '+' && *s != '-' && *s != '=')
			return -1;
		op = *s++;
		perm = 0;
		for (; *s && strchr("rwxst", *s); s++)
			perm |= *s == 'r' ? 0444 : *s == 'w' ? 0222 : *s == 'x' ? 0111 :
			    *s == 's' ? 06000 : 01000;
		if (who == 0) {
			who = 07777;
			perm &= ~mask;
		}
		perm &= who;
		if (op == '+')
			m |= perm;
		else if (op == '-')
			m &= ~perm;
		else
			m = (m & ~(who & 0777)) | perm;
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return (long)m;
}

int
chmod_main(int argc, char **argv)
{
	struct stat st;
	char *end;
	long m;
	int i, r = 0, octal;

	if (argc < 3) {
		msg("missing operand");
		return usage_error();
	}
	m = strtol(argv[1], &end, 8);
	octal = *end == '\0' && end != argv[1];
	for (i = 2; i < argc; i++) {
		if (!octal) {
			if (stat(argv[i], &st) < 0) {
				r = fail("access", argv[i]);
				continue;
			}
			if ((m = symbolic(argv[1], st.st_mode & 07777)) < 0) {
				msg("invalid mode: '%s'", argv[1]);
				return 1;
			}
		}
		if (chmod(argv[i], (mode_t)m) < 0)
			r = fail("change permissions of", argv[i]);
	}
	return r;
}
