/* version.c - rpg: version ordering (apk/rpm-like) and dependency constraints */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "version.h"

static int
is_sep(int c)
{
	return c == '.' || c == '_' || c == '+';
}

int
rpg_version_valid(const char *s)
{
	const char *p;

	if (s == NULL || !isdigit((unsigned char)*s)) {
		return 0;
	}
	for (p = s; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && !is_sep(*p) && *p != '~') {
			return 0;
		}
	}
	return p - s <= 128;
}

/* Compare two digit runs numerically, of any length (leading zeros ignored). */
static int
cmp_digits(const char *a, size_t na, const char *b, size_t nb)
{
	int c;

	while (na > 0 && *a == '0') {
		a++, na--;
	}
	while (nb > 0 && *b == '0') {
		b++, nb--;
	}
	if (na != nb) {
		return na < nb ? -1 : 1;
	}
	c = memcmp(a, b, na);
	return c < 0 ? -1 : c > 0;
}

static int
cmp_alpha(const char *a, size_t na, const char *b, size_t nb)
{
	int c = memcmp(a, b, na < nb ? na : nb);

	if (c != 0) {
		return c < 0 ? -1 : 1;
	}
	return na < nb ? -1 : na > nb;
}

static size_t
run_len(const char *s, int digits)
{
	size_t n = 0;

	while (s[n] != '\0' && (digits ? isdigit((unsigned char)s[n]) :
	    isalpha((unsigned char)s[n]))) {
		n++;
	}
	return n;
}

/* Compare a and b, stopping at the end of the string or at stop (e.g. '-'). */
static int
vercmp_until(const char *a, const char *b, int stop)
{
	size_t na, nb;
	int da, db, c;

	for (;;) {
		while (*a != '\0' && *a != stop && is_sep(*a)) {
			a++;
		}
		while (*b != '\0' && *b != stop && is_sep(*b)) {
			b++;
		}
		if (*a == '~' || *b == '~') {
			if (*a != '~') {
				return 1;
			}
			if (*b != '~') {
				return -1;
			}
			a++, b++;
			continue;
		}
		if (*a == '\0' || *a == stop || *b == '\0' || *b == stop) {
			break;
		}
		da = isdigit((unsigned char)*a) != 0;
		db = isdigit((unsigned char)*b) != 0;
		if (da != db) {
			return da ? 1 : -1;	/* a number is newer than letters */
		}
		na = run_len(a, da);
		nb = run_len(b, db);
		if (na == 0 || nb == 0) {
			/* Bytes outside the alphabet: compare them as they are. */
			if (*a != *b) {
				return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
			}
			a++, b++;
			continue;
		}
		c = da ? cmp_digits(a, na, b, nb) : cmp_alpha(a, na, b, nb);
		if (c != 0) {
			return c;
		}
		a += na;
		b += nb;
	}
	da = *a == '\0' || *a == stop;
	db = *b == '\0' || *b == stop;
	return da == db ? 0 : da ? -1 : 1;
}

int
rpg_vercmp(const char *a, const char *b)
{
	return vercmp_until(a, b, '\0');
}

int
rpg_evrcmp(const char *a, const char *b)
{
	const char *ra = strrchr(a, '-'), *rb = strrchr(b, '-');
	int c;

	c = vercmp_until(a, b, '-');
	if (c != 0 || ra == NULL || rb == NULL) {
		return c;
	}
	return cmp_digits(ra + 1, strlen(ra + 1), rb + 1, strlen(rb + 1));
}

static int
valid_name_char(int c)
{
	return isalnum(c) || c == '.' || c == '_' || c == '+' || c == '-';
}

/* 1 if s is "V" or "V-R" with R all digits. */
static int
valid_evr(const char *s)
{
	const char *dash = strrchr(s, '-');
	char *v;
	int ok;

	if (dash == NULL) {
		return rpg_version_valid(s);
	}
	if (dash[1] == '\0' || strspn(dash + 1, "0123456789") != strlen(dash + 1)) {
		return 0;
	}
	if ((v = strndup(s, (size_t)(dash - s))) == NULL) {
		return 0;
	}
	ok = rpg_version_valid(v);
	free(v);
	return ok;
}

static const struct {
	const char *text;
	enum rpg_op op;
} ops[] = {
	{ ">=", RPG_OP_GE }, { "<=", RPG_OP_LE }, { "=", RPG_OP_EQ },
	{ "<", RPG_OP_LT }, { ">", RPG_OP_GT },
};

int
rpg_dep_parse(const char *s, struct rpg_dep *d)
{
	const char *p = s, *q;
	size_t i, n;

	memset(d, 0, sizeof(*d));
	while (*p != '\0' && valid_name_char((unsigned char)*p)) {
		p++;
	}
	if (p == s || !isalnum((unsigned char)*s)) {
		return RPG_E_FORMAT;
	}
	n = (size_t)(p - s);
	for (q = p; *q == ' '; q++) {
	}
	if (*q != '\0') {
		for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
			if (strncmp(q, ops[i].text, strlen(ops[i].text)) == 0) {
				break;
			}
		}
		if (i == sizeof(ops) / sizeof(ops[0])) {
			return RPG_E_FORMAT;
		}
		d->op = ops[i].op;
		for (q += strlen(ops[i].text); *q == ' '; q++) {
		}
		if (!valid_evr(q)) {
			return RPG_E_FORMAT;
		}
	}
	if ((d->name = strndup(s, n)) == NULL) {
		return RPG_E_NOMEM;
	}
	if (d->op != RPG_OP_ANY && (d->version = strdup(q)) == NULL) {
		rpg_dep_free(d);
		return RPG_E_NOMEM;
	}
	return 0;
}

int
rpg_dep_match(const struct rpg_dep *d, const char *evr)
{
	int c;

	if (d->op == RPG_OP_ANY) {
		return 1;
	}
	c = rpg_evrcmp(evr, d->version);
	switch (d->op) {
	case RPG_OP_EQ:
		return c == 0;
	case RPG_OP_LT:
		return c < 0;
	case RPG_OP_LE:
		return c <= 0;
	case RPG_OP_GT:
		return c > 0;
	case RPG_OP_GE:
		return c >= 0;
	default:
		return 0;
	}
}

void
rpg_dep_free(struct rpg_dep *d)
{
	free(d->name);
	free(d->version);
	d->name = NULL;
	d->version = NULL;
}

char *
rpg_dep_format(const struct rpg_dep *d, char *buf, size_t size)
{
	static const char *const opname[] = { "", "=", "<", "<=", ">", ">=" };

	snprintf(buf, size, "%s%s%s", d->name, d->op <= RPG_OP_GE ? opname[d->op] : "?",
	    d->op != RPG_OP_ANY && d->version != NULL ? d->version : "");
	return buf;
}
