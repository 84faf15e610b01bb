/* test.c - evaluate a conditional expression (test and [) */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/util.h"

/* A recursive-descent parser over argv: or := and (-o and)*; and := not (-a not)*;
 * not := ! not | primary; primary := ( or ) | unary | binary | string. */
struct parser {
	char **a;
	int n, i, err;
};

static int expr_or(struct parser *p);

static const char *
peek(struct parser *p, int k)
{
	return p->i + k < p->n ? p->a[p->i + k] : NULL;
}

static int
to_int(struct parser *p, const char *s, long long *v)
{
	char *end;

	*v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (*s == '\0' || *end != '\0') {
		msg("%s: integer expression expected", s);
		p->err = 1;
		return -1;
	}
	return 0;
}

static int
file_test(char op, const char *f)
{
	struct stat st;

	if (op == 'h' || op == 'L')
		return lstat(f, &st) == 0 && S_ISLNK(st.st_mode);
	if (op == 'r')
		return access(f, R_OK) == 0;
	if (op == 'w')
		return access(f, W_OK) == 0;
	if (op == 'x')
		return access(f, X_OK) == 0;
	if (stat(f, &st) < 0)
		return 0;
	switch (op) {
	case 'e': return 1;
	case 'f': return S_ISREG(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 'c': return S_ISCHR(st.st_mode);
	case 'b': return S_ISBLK(st.st_mode);
	case 'p': return S_ISFIFO(st.st_mode);
	case 'S': return S_ISSOCK(st.st_mode);
	case 's': return st.st_size > 0;
	case 'u': return (st.st_mode & S_ISUID) != 0;
	case 'g': return (st.st_mode & S_ISGID) != 0;
	case 'k': return (st.st_mode & S_ISVTX) != 0;
	}
	return 0;
}

static int
binary(struct parser *p, const char *l, const char *op, const char *r)
{
	static const char *ops[] = { "-eq", "-ne", "-lt", "-le", "-gt", "-ge" };
	long long a, b;
	struct stat s1, s2;
	int k;

	if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
		return strcmp(l, r) == 0;
	if (strcmp(op, "!=") == 0)
		return strcmp(l, r) != 0;
	if (strcmp(op, "<") == 0)
		return strcmp(l, r) < 0;
	if (strcmp(op, ">") == 0)
		return strcmp(l, r) > 0;
	if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0) {
		if (stat(l, &s1) < 0 || stat(r, &s2) < 0)
			return 0;
		return op[1] == 'n' ? s1.st_mtime > s2.st_mtime : s1.st_mtime < s2.st_mtime;
	}
	if (strcmp(op, "-ef") == 0)
		return stat(l, &s1) == 0 && stat(r, &s2) == 0 &&
		    s1.st_dev == s2.st_dev && s1.st_ino == s2.st_ino;
	for (k = 0; k < 6; k++)
		if (strcmp(op, ops[k]) == 0)
			break;
	if (to_int(p, l, &a) < 0 || to_int(p, r, &b) < 0)
		return 0;
	switch (k) {
	case 0: return a == b;
	case 1: return a != b;
	case 2: return a < b;
	case 3: return a <= b;
	case 4: return a > b;
	default: return a >= b;
	}
}

static int
is_binop(const char *s)
{
	static const char *ops[] = { "=", "==", "!=", "<", ">", "-eq", "-ne", "-lt",
	    "-le", "-gt", "-ge", "-nt", "-ot", "-ef" };
	size_t k;

	for (k = 0; s && k < sizeof(ops) / sizeof(ops[0]); k++)
		if (strcmp(s, ops[k]) == 0)
			return 1;
	return 0;
}

static int
primary(struct parser *p)
{
	const char *s = peek(p, 0), *op;
	int v;

	if (s == NULL) {
		msg("argument expected");
		p->err = 1;
		return 0;
	}
	if (is_binop(peek(p, 1)) && peek(p, 2) != NULL) {
		op = peek(p, 1);
		p->i += 3;
		return binary(p, s, op, p->a[p->i - 1]);
	}
	if (strcmp(s, "(") == 0) {
		p->i++;
		v = expr_or(p);
		if (peek(p, 0) == NULL || strcmp(peek(p, 0), ")") != 0) {
			msg("')' expected");
			p->err = 1;
		}
		p->i++;
		return v;
	}
	if (s[0] == '-' && s[1] && !s[2] && peek(p, 1) != NULL && strchr("bcdefghkLprSsuwxnzt", s[1])) {
		p->i += 2;
		op = p->a[p->i - 1];
		if (s[1] == 'n')
			return *op != '\0';
		if (s[1] == 'z')
			return *op == '\0';
		if (s[1] == 't')
			return isatty(atoi(op));
		return file_test(s[1], op);
	}
	p->i++;
	return *s != '\0';
}

static int
expr_not(struct parser *p)
{
	const char *s = peek(p, 0);

	if (s && strcmp(s, "!") == 0 && peek(p, 1) != NULL) {
		p->i++;
		return !expr_not(p);
	}
	return primary(p);
}

static int
expr_and(struct parser *p)
{
	int v = expr_not(p);

	while (peek(p, 0) && strcmp(peek(p, 0), "-a") == 0) {
		p->i++;
		v = expr_not(p) && v;
	}
	return v;
}

static int
expr_or(struct parser *p)
{
	int v = expr_and(p);

	while (peek(p, 0) && strcmp(peek(p, 0), "-o") == 0) {
		p->i++;
		v = expr_and(p) || v;
	}
	return v;
}

int
test_main(int argc, char **argv)
{
	struct parser p = { argv + 1, argc - 1, 0, 0 };
	int v;

	if (strcmp(prog, "[") == 0) {
		if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
			msg("missing ']'");
			return 2;
		}
		p.n--;
	}
	if (p.n == 0)
		return 1;
	v = expr_or(&p);
	if (!p.err && p.i < p.n) {
		msg("%s: unexpected operator", p.a[p.i]);
		return 2;
	}
	return p.err ? 2 : !v;
}
