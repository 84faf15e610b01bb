/* arith.c - $((...)) arithmetic: C integer expressions over shell variables */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

/* Precedence climbing over the expression text; assignments and ?: included. */
struct ar {
	const char *s;
	int err;
	int noeval;	/* inside the untaken branch of && || ?: */
};

static long assign_expr(struct ar *a);

static void
ws(struct ar *a)
{
	while (isspace((unsigned char)*a->s))
		a->s++;
}

static void
error(struct ar *a, const char *what)
{
	if (!a->err)
		sh_error("arithmetic: %s", what);
	a->err = 1;
}

static long
var_value(struct ar *a, const char *name)
{
	const char *v = var_get(name);
	char *end;
	long r;

	if (v == NULL || *v == '\0') {
		if (sh.opt_u && v == NULL) {
			sh_error("%s: parameter not set", name);
			a->err = 1;
		}
		return 0;
	}
	r = strtol(v, &end, 0);
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0')
		error(a, "variable is not a number");
	return r;
}

/* Stores v in name unless this branch is not evaluated. */
static void
step(struct ar *a, const char *name, long v)
{
	char buf[32];

	if (a->noeval || a->err)
		return;
	snprintf(buf, sizeof(buf), "%ld", v);
	var_set(name, buf, 0);
}

static long
primary(struct ar *a)
{
	char name[256];
	size_t n = 0;
	long v;
	char *end;

	ws(a);
	if (*a->s == '(') {
		a->s++;
		v = assign_expr(a);
		ws(a);
		if (*a->s != ')')
			error(a, "missing ')'");
		else
			a->s++;
		return v;
	}
	if (isdigit((unsigned char)*a->s)) {
		v = strtol(a->s, &end, 0);
		a->s = end;
		if (isalnum((unsigned char)*a->s))
			error(a, "bad number");
		return v;
	}
	while ((isalnum((unsigned char)a->s[n]) || a->s[n] == '_') && n < sizeof(name) - 1)
		n++;
	if (n == 0 || isdigit((unsigned char)a->s[0])) {
		error(a, *a->s ? "syntax error" : "missing operand");
		return 0;
	}
	memcpy(name, a->s, n);
	name[n] = '\0';
	a->s += n;
	ws(a);
	if ((a->s[0] == '+' || a->s[0] == '-') && a->s[1] == a->s[0]) {	/* x++ x-- */
		v = var_value(a, name);
		step(a, name, v + (a->s[0] == '+' ? 1 : -1));
		a->s += 2;
		return v;
	}
	return var_value(a, name);
}

static long
unary(struct ar *a)
{
	char name[256];
	size_t n = 0;
	long v;

	ws(a);
	/* ++x --x: only before a name; "- -5" stays two minus signs */
	if ((a->s[0] == '+' || a->s[0] == '-') && a->s[1] == a->s[0]) {
		const char *p = a->s + 2;

		while (isspace((unsigned char)*p))
			p++;
		while ((isalnum((unsigned char)p[n]) || p[n] == '_') && n < sizeof(name) - 1)
			n++;
		if (n > 0 && !isdigit((unsigned char)p[0])) {
			memcpy(name, p, n);
			name[n] = '\0';
			v = var_value(a, name) + (a->s[0] == '+' ? 1 : -1);
			step(a, name, v);
			a->s = p + n;
			return v;
		}
	}
	switch (*a->s) {
	case '-': a->s++; return -unary(a);
	case '+': a->s++; return unary(a);
	case '!': a->s++; return !unary(a);
	case '~': a->s++; return ~unary(a);
	}
	return primary(a);
}

/* Binary operators, loosest first. */
static const struct {
	const char *op;
	int prec;
} binops[] = {
	{ "||", 1 }, { "&&", 2 }, { "|", 3 }, { "^", 4 }, { "&", 5 },
	{ "==", 6 }, { "!=", 6 }, { "<=", 7 }, { ">=", 7 }, { "<<", 8 }, { ">>", 8 },
	{ "<", 7 }, { ">", 7 }, { "+", 9 }, { "-", 9 }, { "*", 10 }, { "/", 10 }, { "%", 10 },
};

static int
match_binop(struct ar *a, int *prec, const char **op)
{
	size_t i, l;

	ws(a);
	for (i = 0; i < sizeof(binops) / sizeof(binops[0]); i++) {
		l = strlen(binops[i].op);
		if (strncmp(a->s, binops[i].op, l) != 0)
			continue;
		/* "a = b", "a |= b" are assignments, not comparisons or bit ops */
		if (a->s[l] == '=' && l == 1 && strchr("|&^<>+-*/%", a->s[0]))
			return 0;
		if (l == 2 && a->s[2] == '=' && (a->s[0] == '<' || a->s[0] == '>') && a->s[0] == a->s[1])
			return 0;
		*prec = binops[i].prec;
		*op = binops[i].op;
		return 1;
	}
	return 0;
}

static long
apply(struct ar *a, const char *op, long l, long r)
{
	if ((op[0] == '/' || op[0] == '%') && r == 0) {
		if (!a->noeval)
			error(a, "division by zero");
		return 0;
	}
	switch (op[0]) {
	case '|': return op[1] ? (l || r) : (l | r);
	case '&': return op[1] ? (l && r) : (l & r);
	case '^': return l ^ r;
	case '=': return l == r;
	case '!': return l != r;
	case '<': return op[1] == '=' ? l <= r : op[1] == '<' ? l << r : l < r;
	case '>': return op[1] == '=' ? l >= r : op[1] == '>' ? l >> r : l > r;
	case '+': return l + r;
	case '-': return l - r;
	case '*': return l * r;
	case '/': return l / r;
	default: return l % r;
	}
}

static long
binary(struct ar *a, int min)
{
	long l = unary(a), r;
	const char *op;
	int prec, skip;

	while (!a->err && match_binop(a, &prec, &op) && prec >= min) {
		a->s += strlen(op);
		skip = (op[0] == '&' && op[1] == '&' && !l) || (op[0] == '|' && op[1] == '|' && l);
		a->noeval += skip;
		r = binary(a, prec + 1);
		a->noeval -= skip;
		l = apply(a, op, l, r);
	}
	return l;
}

static long
cond_expr(struct ar *a)
{
	long c = binary(a, 1), t, f;

	ws(a);
	if (*a->s != '?')
		return c;
	a->s++;
	a->noeval += !c;
	t = assign_expr(a);
	a->noeval -= !c;
	ws(a);
	if (*a->s != ':') {
		error(a, "expected ':'");
		return 0;
	}
	a->s++;
	a->noeval += !!c;
	f = cond_expr(a);
	a->noeval -= !!c;
	return c ? t : f;
}

static long
assign_expr(struct ar *a)
{
	static const char *const aops[] = { "<<=", ">>=", "+=", "-=", "*=", "/=", "%=",
	    "&=", "|=", "^=", "=" };
	const char *save;
	char name[256], buf[32];
	size_t n = 0, i, l;
	long v;

	ws(a);
	save = a->s;
	while ((isalnum((unsigned char)a->s[n]) || a->s[n] == '_') && n < sizeof(name) - 1)
		n++;
	if (n > 0 && !isdigit((unsigned char)a->s[0])) {
		memcpy(name, a->s, n);
		name[n] = '\0';
		a->s += n;
		ws(a);
		for (i = 0; i < sizeof(aops) / sizeof(aops[0]); i++) {
			l = strlen(aops[i]);
			if (strncmp(a->s, aops[i], l) != 0 || (l == 1 && a->s[1] == '='))
				continue;
			a->s += l;
			v = assign_expr(a);
			if (l > 1) {
				char op[3] = { aops[i][0], l == 3 ? aops[i][1] : '\0', '\0' };
				v = apply(a, op, var_value(a, name), v);
			}
			if (!a->noeval && !a->err) {
				snprintf(buf, sizeof(buf), "%ld", v);
				var_set(name, buf, 0);
			}
			return v;
		}
		a->s = save;
	}
	return cond_expr(a);
}

long
arith_eval(const char *expr, int *err)
{
	struct ar a = { expr, 0, 0 };
	long v;

	ws(&a);
	if (*a.s == '\0')
		return 0;
	v = assign_expr(&a);
	ws(&a);
	if (!a.err && *a.s != '\0')
		error(&a, "syntax error");
	*err = a.err;
	return v;
}
