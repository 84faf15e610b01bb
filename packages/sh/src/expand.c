/* expand.c - word expansion: parameters, command substitution, arithmetic, splitting, globbing */
/* SPDX-License-Identifier: MIT */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fnmatch.h>

#include "sh.h"

/* What each output character came from. */
enum mark {
	M_LIT,		/* unquoted literal text: globbed, never split */
	M_QUOTED,	/* quoted: neither globbed nor split */
	M_EXP,		/* result of an unquoted expansion: split and globbed */
	M_BREAK,	/* a field boundary ("$@"); the character is not part of the text */
	M_FIELD,	/* a quoted part was here: the field exists even if empty */
};

struct xbuf {
	char *c, *m;
	size_t n, cap;
	int error;
	int empty_at;	/* "$@" expanded to nothing */
};

static void
xput(struct xbuf *x, char c, enum mark m)
{
	if (x->n + 1 >= x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->c = xrealloc(x->c, x->cap);
		x->m = xrealloc(x->m, x->cap);
	}
	x->c[x->n] = c;
	x->m[x->n++] = (char)m;
}

static void
xputs(struct xbuf *x, const char *s, enum mark m)
{
	while (*s)
		xput(x, *s++, m);
}

static void expand_text(struct xbuf *x, const char *s, size_t len, int dq, int heredoc);

void
fields_add(struct fields *f, char *s)
{
	if (f->n + 1 >= f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->v = xrealloc(f->v, sizeof(char *) * (size_t)f->cap);
	}
	f->v[f->n++] = s;
	f->v[f->n] = NULL;
}

void
fields_free(struct fields *f)
{
	int i;

	for (i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}

static const char *
ifs(void)
{
	const char *s = var_get("IFS");

	return s ? s : " \t\n";
}

/* The value of a special or positional parameter, or NULL. buf holds numbers. */
static const char *
special_param(const char *name, char *buf, size_t n)
{
	long k;

	if (name[1] == '\0') {
		switch (name[0]) {
		case '?': snprintf(buf, n, "%d", sh.status); return buf;
		case '$': snprintf(buf, n, "%ld", (long)sh.pid); return buf;
		case '#': snprintf(buf, n, "%d", sh.argc); return buf;
		case '!':
			if (sh.last_bg == 0)
				return NULL;
			snprintf(buf, n, "%ld", (long)sh.last_bg);
			return buf;
		case '-':
			snprintf(buf, n, "%s%s%s%s%s", sh.opt_e ? "e" : "", sh.opt_x ? "x" : "",
			    sh.opt_u ? "u" : "", sh.opt_f ? "f" : "", sh.interactive ? "i" : "");
			return buf;
		}
	}
	if (name[0] >= '0' && name[0] <= '9') {
		k = strtol(name, NULL, 10);
		if (k == 0)
			return sh.argv[0];
		return k <= sh.argc ? sh.argv[k] : NULL;
	}
	return var_get(name);
}

/* "$*" joined with the first IFS character, or "$@" as separate fields. */
static void
put_all_params(struct xbuf *x, int at, int dq)
{
	const char *s = ifs();
	int i;

	if (sh.argc == 0 && at && dq)
		x->empty_at = 1;
	for (i = 1; i <= sh.argc; i++) {
		if (i > 1) {
			if (at || (!dq && !*s))
				xput(x, 0, M_BREAK);
			else if (*s)
				xput(x, *s, dq ? M_QUOTED : M_EXP);
		}
		if (dq)
			xput(x, 0, M_FIELD);
		xputs(x, sh.argv[i], dq ? M_QUOTED : M_EXP);
	}
}

static void
put_value(struct xbuf *x, const char *v, int dq)
{
	xputs(x, v, dq ? M_QUOTED : M_EXP);
}

/* Expands s (raw text) to a plain string, no splitting. */
static char *
expand_plain(const char *s, size_t len, int dq)
{
	struct xbuf x = { 0 };
	struct str out = { 0 };
	size_t i;

	expand_text(&x, s, len, dq, 0);
	for (i = 0; i < x.n; i++)
		if (x.m[i] == M_BREAK)
			str_addc(&out, ' ');
		else if (x.m[i] != M_FIELD)
			str_addc(&out, x.c[i]);
	free(x.c);
	free(x.m);
	if (x.error) {
		free(out.s);
		return NULL;
	}
	return str_take(&out);
}

/* Expands s to an fnmatch pattern: quoted characters are escaped. */
static char *
expand_pat(const char *s, size_t len)
{
	struct xbuf x = { 0 };
	struct str out = { 0 };
	size_t i;

	expand_text(&x, s, len, 0, 0);
	for (i = 0; i < x.n; i++) {
		if (x.m[i] == M_BREAK || x.m[i] == M_FIELD)
			continue;
		if (x.m[i] == M_QUOTED && strchr("\\*?[]", x.c[i]))
			str_addc(&out, '\\');
		str_addc(&out, x.c[i]);
	}
	free(x.c);
	free(x.m);
	if (x.error) {
		free(out.s);
		return NULL;
	}
	return str_take(&out);
}

/* ${name#pat} family: removes the shortest/longest prefix/suffix match. */
static char *
trim(const char *val, const char *pat, int suffix, int longest)
{
	size_t n = strlen(val), i, k;
	char *tmp = xstrdup(val), save;

	for (k = 0; k <= n; k++) {
		i = longest ? n - k : k;
		if (!suffix) {
			save = tmp[i];
			tmp[i] = '\0';
			if (fnmatch(pat, tmp, 0) == 0) {
				free(tmp);
				return xstrdup(val + i);
			}
			tmp[i] = save;
		} else if (fnmatch(pat, val + (n - i), 0) == 0) {
			tmp[n - i] = '\0';
			return tmp;
		}
	}
	free(tmp);
	return xstrdup(val);
}

/* The word of ${x-word}: in an unquoted expansion its literal text splits too. */
static void
expand_operand(struct xbuf *x, const char *s, size_t len, int dq)
{
	size_t i, start = x->n;

	expand_text(x, s, len, dq, 0);
	for (i = start; i < x->n && !dq; i++)
		if (x->m[i] == M_LIT)
			x->m[i] = M_EXP;
}

/* ${...}: s is the text between the braces. */
static void
expand_braces(struct xbuf *x, const char *s, size_t len, int dq)
{
	char name[256], buf[32], op[3] = "", *w, *res;
	const char *val, *word;
	size_t nl = 0, wl;
	int length = 0, colon = 0, set;

	if (len > 1 && s[0] == '#') {
		length = 1;
		s++;
		len--;
	}
	if (len > 0 && (strchr("@*#?$!-", s[0]) || (s[0] >= '0' && s[0] <= '9'))) {
		nl = 1;
		while (s[0] >= '0' && s[0] <= '9' && nl < len && s[nl] >= '0' && s[nl] <= '9')
			nl++;
	} else
		while (nl < len && var_valid_name(s, nl + 1))
			nl++;
	if (nl == 0 || nl >= sizeof(name)) {
		sh_error("${%.*s}: bad substitution", (int)len, s);
		x->error = 1;
		return;
	}
	memcpy(name, s, nl);
	name[nl] = '\0';
	word = s + nl;
	wl = len - nl;
	if (wl > 0 && word[0] == ':') {
		colon = 1;
		word++;
		wl--;
	}
	if (wl > 0 && strchr("-=?+#%", word[0])) {
		op[0] = word[0];
		word++;
		wl--;
		if ((op[0] == '#' || op[0] == '%') && wl > 0 && word[0] == op[0] && !colon) {
			op[1] = op[0];
			word++;
			wl--;
		}
	} else if (wl > 0 || colon) {
		sh_error("${%s%.*s}: bad substitution", name, (int)(len - nl), s + nl);
		x->error = 1;
		return;
	}
	if (length && op[0]) {
		sh_error("${#%s...}: bad substitution", name);
		x->error = 1;
		return;
	}
	if ((strcmp(name, "@") == 0 || strcmp(name, "*") == 0) && !length && !op[0]) {
		put_all_params(x, name[0] == '@', dq);
		return;
	}
	val = strcmp(name, "@") == 0 || strcmp(name, "*") == 0 ?
	    (sh.argc ? sh.argv[1] : NULL) : special_param(name, buf, sizeof(buf));
	if (strcmp(name, "#") == 0 && length)
		val = special_param(name, buf, sizeof(buf));
	if (length && (name[0] == '@' || name[0] == '*')) {
		snprintf(buf, sizeof(buf), "%d", sh.argc);	/* as bash; POSIX leaves it open */
		put_value(x, buf, dq);
		return;
	}
	set = val != NULL && !(colon && *val == '\0');
	if (length) {
		if (val == NULL && sh.opt_u) {
			sh_error("%s: parameter not set", name);
			x->error = 1;
			return;
		}
		snprintf(buf, sizeof(buf), "%zu", val ? strlen(val) : 0);
		put_value(x, buf, dq);
		return;
	}
	switch (op[0]) {
	case '\0':
		if (val == NULL && sh.opt_u) {
			sh_error("%s: parameter not set", name);
			x->error = 1;
			return;
		}
		if (val)
			put_value(x, val, dq);
		return;
	case '-':
		if (set)
			put_value(x, val, dq);
		else
			expand_operand(x, word, wl, dq);
		return;
	case '+':
		if (set)
			expand_operand(x, word, wl, dq);
		return;
	case '=':
		if (set) {
			put_value(x, val, dq);
			return;
		}
		if (!var_valid_name(name, strlen(name))) {
			sh_error("%s: cannot assign in this way", name);
			x->error = 1;
			return;
		}
		if ((w = expand_plain(word, wl, dq)) == NULL) {
			x->error = 1;
			return;
		}
		var_set(name, w, 0);
		put_value(x, w, dq);
		free(w);
		return;
	case '?':
		if (set) {
			put_value(x, val, dq);
			return;
		}
		w = expand_plain(word, wl, dq);
		sh_error("%s: %s", name, w && *w ? w : "parameter null or not set");
		free(w);
		x->error = 1;
		if (!sh.interactive)
			sh_exit(2);
		return;
	default:	/* # ## % %% */
		if (val == NULL) {
			if (sh.opt_u) {
				sh_error("%s: parameter not set", name);
				x->error = 1;
			}
			return;
		}
		if ((w = expand_pat(word, wl)) == NULL) {
			x->error = 1;
			return;
		}
		res = trim(val, w, op[0] == '%', op[1] != '\0');
		put_value(x, res, dq);
		free(res);
		free(w);
	}
}

/* `...`: undoes the backslash escapes of backquotes, then substitutes. */
static void
backquote(struct xbuf *x, const char *s, size_t len, int dq)
{
	struct str src = { 0 }, out = { 0 };
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len && (s[i + 1] == '\\' || s[i + 1] == '`' ||
		    s[i + 1] == '$' || (dq && s[i + 1] == '"')))
			i++;
		str_addc(&src, s[i]);
	}
	cmdsubst(src.s ? src.s : "", src.len, &out);
	if (out.s)
		put_value(x, out.s, dq);
	free(src.s);
	free(out.s);
}

static void
arith(struct xbuf *x, const char *s, size_t len, int dq)
{
	char *e = expand_plain(s, len, 1), buf[32];
	int err = 0;
	long v;

	if (e == NULL) {
		x->error = 1;
		return;
	}
	v = arith_eval(e, &err);
	free(e);
	if (err) {
		x->error = 1;
		if (!sh.interactive)
			sh_exit(2);
		return;
	}
	snprintf(buf, sizeof(buf), "%ld", v);
	put_value(x, buf, dq);
}

/* A '$' at s[0]; returns the length consumed. */
static size_t
dollar(struct xbuf *x, const char *s, size_t len, int dq)
{
	struct str out = { 0 };
	char name[256], buf[32];
	const char *v;
	size_t n, k;

	if (len < 2) {
		xput(x, '$', dq ? M_QUOTED : M_LIT);
		return 1;
	}
	if (s[1] == '(' && len > 2 && s[2] == '(') {
		n = lex_skip(s + 2, len - 2, '(');
		/* $(( ... )): the inner parenthesis closes just before the outer. */
		if (n >= 3 && s[2 + n - 1] == ')' && s[2 + n - 2] == ')') {
			arith(x, s + 3, n - 3, dq);
			return 2 + n;
		}
	}
	if (s[1] == '(') {
		n = lex_skip(s + 2, len - 2, '(');
		cmdsubst(s + 2, n ? n - 1 : 0, &out);
		if (out.s)
			put_value(x, out.s, dq);
		free(out.s);
		return 2 + n;
	}
	if (s[1] == '{') {
		n = lex_skip(s + 2, len - 2, '{');
		expand_braces(x, s + 2, n ? n - 1 : 0, dq);
		return 2 + n;
	}
	if (s[1] == '@' || s[1] == '*') {
		put_all_params(x, s[1] == '@', dq);
		return 2;
	}
	if (strchr("?$#!-", s[1]) || (s[1] >= '0' && s[1] <= '9')) {
		name[0] = s[1];
		name[1] = '\0';
		n = 2;
	} else {
		for (n = 1; n < len && n < sizeof(name) && var_valid_name(s + 1, n); n++)
			;
		if (n == 1) {
			xput(x, '$', dq ? M_QUOTED : M_LIT);
			return 1;
		}
		k = n - 1;
		memcpy(name, s + 1, k);
		name[k] = '\0';
	}
	v = special_param(name, buf, sizeof(buf));
	if (v == NULL && sh.opt_u && strcmp(name, "!") != 0) {
		sh_error("%s: parameter not set", name);
		x->error = 1;
		return n;
	}
	if (v)
		put_value(x, v, dq);
	return n;
}

/* The core: raw word text to marked characters. */
static void
expand_text(struct xbuf *x, const char *s, size_t len, int dq, int heredoc)
{
	size_t i = 0, n, start;
	int at_before;
	const char *home;

	if (!dq && len > 0 && s[0] == '~' && (len == 1 || s[1] == '/') &&
	    (home = var_get("HOME")) != NULL) {
		xputs(x, home, M_QUOTED);
		i = 1;
	}
	while (i < len && !x->error) {
		char c = s[i];

		if (c == '\\') {
			if (i + 1 >= len) {
				xput(x, '\\', dq ? M_QUOTED : M_LIT);
				i++;
			} else if (!dq || strchr(heredoc ? "$`\\" : "$`\"\\", s[i + 1])) {
				xput(x, s[i + 1], M_QUOTED);
				i += 2;
			} else if (s[i + 1] == '\n') {
				i += 2;
			} else {
				xput(x, '\\', M_QUOTED);
				i++;
			}
		} else if (c == '\'' && !dq) {
			n = lex_skip(s + i + 1, len - i - 1, '\'');
			xput(x, 0, M_FIELD);
			for (start = i + 1; start < i + n; start++)
				xput(x, s[start], M_QUOTED);
			i += 1 + n;
		} else if (c == '"' && !dq) {
			n = lex_skip(s + i + 1, len - i - 1, '"');
			at_before = x->empty_at;
			x->empty_at = 0;
			start = x->n;
			expand_text(x, s + i + 1, n ? n - 1 : 0, 1, 0);
			if (!(x->empty_at && x->n == start))
				xput(x, 0, M_FIELD);
			x->empty_at = at_before;
			i += 1 + n;
		} else if (c == '$') {
			i += dollar(x, s + i, len - i, dq);
		} else if (c == '`') {
			n = lex_skip(s + i + 1, len - i - 1, '`');
			backquote(x, s + i + 1, n ? n - 1 : 0, dq);
			i += 1 + n;
		} else {
			xput(x, c, dq ? M_QUOTED : M_LIT);
			i++;
		}
	}
}

struct field {
	struct str plain, pat;
	int exists, globbable;
};

static void
field_end(struct field *f, struct fields *out)
{
	glob_t g;
	size_t i;

	if (!f->exists) {
		free(f->plain.s);
		free(f->pat.s);
		memset(f, 0, sizeof(*f));
		return;
	}
	if (f->globbable && !sh.opt_f && glob(f->pat.s, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			fields_add(out, xstrdup(g.gl_pathv[i]));
		globfree(&g);
		free(str_take(&f->plain));
	} else
		fields_add(out, str_take(&f->plain));
	free(f->pat.s);
	memset(f, 0, sizeof(*f));
}

/* Field splitting and pathname expansion of marked characters. */
static void
split(struct xbuf *x, struct fields *out)
{
	const char *sep = ifs();
	struct field f;
	size_t i;
	int ws;

	memset(&f, 0, sizeof(f));
	for (i = 0; i < x->n; i++) {
		char c = x->c[i];
		enum mark m = (enum mark)x->m[i];

		if (m == M_BREAK) {
			field_end(&f, out);
			continue;
		}
		if (m == M_FIELD) {
			f.exists = 1;
			continue;
		}
		if (m == M_EXP && strchr(sep, c) && c != '\0') {
			ws = c == ' ' || c == '\t' || c == '\n';
			if (!ws)
				f.exists = 1;
			field_end(&f, out);
			continue;
		}
		f.exists = 1;
		str_addc(&f.plain, c);
		if (m == M_QUOTED && strchr("\\*?[]", c))
			str_addc(&f.pat, '\\');
		str_addc(&f.pat, c);
		if (m != M_QUOTED && strchr("*?[", c))
			f.globbable = 1;
	}
	field_end(&f, out);
}

int
expand_words(char **words, int n, struct fields *out)
{
	struct xbuf x;
	int i;

	for (i = 0; i < n; i++) {
		memset(&x, 0, sizeof(x));
		expand_text(&x, words[i], strlen(words[i]), 0, 0);
		if (!x.error)
			split(&x, out);
		free(x.c);
		free(x.m);
		if (x.error)
			return -1;
	}
	return 0;
}

char *
expand_word(const char *w)
{
	return expand_plain(w, strlen(w), 0);
}

char *
expand_pattern(const char *w)
{
	return expand_pat(w, strlen(w));
}

char *
expand_heredoc(const char *body)
{
	struct xbuf x = { 0 };
	struct str out = { 0 };
	size_t i;

	expand_text(&x, body, strlen(body), 1, 1);
	for (i = 0; i < x.n; i++)
		if (x.m[i] != M_FIELD && x.m[i] != M_BREAK)
			str_addc(&out, x.c[i]);
		else if (x.m[i] == M_BREAK)
			str_addc(&out, ' ');
	free(x.c);
	free(x.m);
	if (x.error) {
		free(out.s);
		return NULL;
	}
	return str_take(&out);
}
