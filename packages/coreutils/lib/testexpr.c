/* testexpr.c - the one evaluator of test(1) expressions, for coreutils' test and sh's builtin */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testexpr.h"

/* A recursive-descent parser over argv: or := and (-o and)*; and := not (-a not)*;
 * not := ! not | primary; primary := ( or ) | unary | binary | string. */
struct tp {
	char **a;
	int n, i, err;
	testexpr_err_fn *report;
	void *arg;
};

static void
fail(struct tp *p, const char *m1, const char *m2)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s%s", m1, m2);
	p->report(p->arg, buf);
	p->err = 1;
}

static int t_or(struct tp *p);

static const char *
arg(struct tp *p, int k)
{
	return p->i + k < p->n ? p->a[p->i + k] : NULL;
}

static long long
number(struct tp *p, const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	while (*end == ' ' || *end == '\t')
		end++;
	if (*s == '\0' || *end != '\0') {
		fail(p, s, ": integer expression expected");
	}
	return v;
}

static int
unary(char op, const char *f)
{
	struct stat st;

	switch (op) {
	case 'n': return *f != '\0';
	case 'z': return *f == '\0';
	case 't': return isatty(atoi(f));
	case 'r': return access(f, R_OK) == 0;
	case 'w': return access(f, W_OK) == 0;
	case 'x': return access(f, X_OK) == 0;
	case 'h': case 'L': return lstat(f, &st) == 0 && S_ISLNK(st.st_mode);
	}
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

/* The binary operators, in one table: name and kind (s string, n number, f file). */
static const struct {
	const char *op;
	char kind;
} binops[] = {
	{ "=", 's' }, { "==", 's' }, { "!=", 's' }, { "<", 's' }, { ">", 's' },
	{ "-eq", 'n' }, { "-ne", 'n' }, { "-lt", 'n' }, { "-le", 'n' }, { "-gt", 'n' },
	{ "-ge", 'n' }, { "-nt", 'f' }, { "-ot", 'f' }, { "-ef", 'f' },
};

static int
binop_index(const char *s)
{
	size_t k;

	for (k = 0; s && k < sizeof(binops) / sizeof(binops[0]); k++)
		if (strcmp(s, binops[k].op) == 0)
			return (int)k;
	return -1;
}

static int
binary(struct tp *p, const char *l, int k, const char *r)
{
	const char *op = binops[k].op;
	struct stat a, b;
	long long x, y;
	int c;

	if (binops[k].kind == 's') {
		c = strcmp(l, r);
		return op[0] == '=' ? c == 0 : op[0] == '!' ? c != 0 : op[0] == '<' ? c < 0 : c > 0;
	}
	if (binops[k].kind == 'f') {
		if (stat(l, &a) < 0 || stat(r, &b) < 0)
			return 0;
		if (op[1] == 'e')
			return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
		return op[1] == 'n' ? a.st_mtime > b.st_mtime : a.st_mtime < b.st_mtime;
	}
	x = number(p, l);
	y = number(p, r);
	switch (op[1] * 256 + op[2]) {
	case 'e' * 256 + 'q': return x == y;
	case 'n' * 256 + 'e': return x != y;
	case 'l' * 256 + 't': return x < y;
	case 'l' * 256 + 'e': return x <= y;
	case 'g' * 256 + 't': return x > y;
	default: return x >= y;
	}
}

static int
primary(struct tp *p)
{
	const char *s = arg(p, 0);
	int k, v;

	if (s == NULL) {
		fail(p, "argument expected", "");
		return 0;
	}
	if ((k = binop_index(arg(p, 1))) >= 0 && arg(p, 2)) {
		p->i += 3;
		return binary(p, s, k, p->a[p->i - 1]);
	}
	if (strcmp(s, "(") == 0) {
		p->i++;
		v = t_or(p);
		if (arg(p, 0) == NULL || strcmp(arg(p, 0), ")") != 0) {
			fail(p, "')' expected", "");
		}
		p->i++;
		return v;
	}
	if (s[0] == '-' && s[1] && !s[2] && arg(p, 1) && strchr("bcdefghkLnprSstuwxz", s[1])) {
		p->i += 2;
		return unary(s[1], p->a[p->i - 1]);
	}
	p->i++;
	return *s != '\0';
}

static int
t_not(struct tp *p)
{
	if (arg(p, 0) && strcmp(arg(p, 0), "!") == 0 && arg(p, 1)) {
		p->i++;
		return !t_not(p);
	}
	return primary(p);
}

static int
t_and(struct tp *p)
{
	int v = t_not(p);

	while (arg(p, 0) && strcmp(arg(p, 0), "-a") == 0) {
		p->i++;
		v = t_not(p) && v;
	}
	return v;
}

static int
t_or(struct tp *p)
{
	int v = t_and(p);

	while (arg(p, 0) && strcmp(arg(p, 0), "-o") == 0) {
		p->i++;
		v = t_and(p) || v;
	}
	return v;
}

int
testexpr_eval(int argc, char **argv, int bracket, testexpr_err_fn *err, void *arg)
{
	struct tp p = { argv + 1, argc - 1, 0, 0, err, arg };
	int v;

	if (bracket) {
		if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
			err(arg, "missing ']'");
			return 2;
		}
		p.n--;
	}
	if (p.n == 0)
		return 1;
	v = t_or(&p);
	if (!p.err && p.i < p.n) {
		fail(&p, p.a[p.i], ": unexpected operator");
		return 2;
	}
	return p.err ? 2 : !v;
}
