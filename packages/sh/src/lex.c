/* lex.c - the shell lexer: input text to tokens, here-document bodies */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

static const struct {
	const char *text;
	enum tok tok;
} ops[] = {	/* longest first */
	{ "<<-", T_DLESSDASH }, { "&&", T_AND_IF }, { "||", T_OR_IF }, { ";;", T_DSEMI },
	{ "<<", T_DLESS }, { ">>", T_DGREAT }, { "<&", T_LESSAND }, { ">&", T_GREATAND },
	{ "<>", T_LESSGREAT }, { ">|", T_CLOBBER }, { ";", T_SEMI }, { "&", T_AMP },
	{ "|", T_PIPE }, { "(", T_LPAREN }, { ")", T_RPAREN }, { "<", T_LESS },
	{ ">", T_GREAT },
};

static const char *const names[] = {
	[T_EOF] = "end of file", [T_NEWLINE] = "newline", [T_WORD] = "word",
	[T_IO_NUMBER] = "io number", [T_SEMI] = ";", [T_AMP] = "&", [T_PIPE] = "|",
	[T_AND_IF] = "&&", [T_OR_IF] = "||", [T_DSEMI] = ";;", [T_LPAREN] = "(",
	[T_RPAREN] = ")", [T_LESS] = "<", [T_GREAT] = ">", [T_DGREAT] = ">>",
	[T_DLESS] = "<<", [T_DLESSDASH] = "<<-", [T_LESSAND] = "<&", [T_GREATAND] = ">&",
	[T_LESSGREAT] = "<>", [T_CLOBBER] = ">|",
};

const char *
tok_name(enum tok t)
{
	return names[t];
}

void
lex_init(struct lexer *lx, const char *src, size_t len, struct arena *a)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = src;
	lx->len = len;
	lx->line = 1;
	lx->arena = a;
}

static int
peekc(struct lexer *lx, size_t k)
{
	return lx->pos + k < lx->len ? (unsigned char)lx->src[lx->pos + k] : -1;
}

static int
getch(struct lexer *lx)
{
	int c = peekc(lx, 0);

	if (c >= 0) {
		lx->pos++;
		if (c == '\n')
			lx->line++;
	}
	return c;
}

static int scan_until(struct lexer *lx, int close);

/* Single quotes: everything up to the next quote. */
static int
scan_squote(struct lexer *lx)
{
	int c;

	while ((c = getch(lx)) != '\'')
		if (c < 0)
			return -1;
	return 0;
}

/* After "$(": a command, to the balancing ")"; after "$((" also works. */
static int
scan_paren(struct lexer *lx)
{
	return scan_until(lx, ')');
}

/* Scans a $ expansion whose '$' was consumed. */
static int
scan_dollar(struct lexer *lx)
{
	int c = peekc(lx, 0);

	if (c == '(') {
		getch(lx);
		return scan_paren(lx);
	}
	if (c == '{') {
		getch(lx);
		return scan_until(lx, '}');
	}
	return 0;
}

static int
scan_backquote(struct lexer *lx)
{
	int c;

	while ((c = getch(lx)) != '`') {
		if (c < 0)
			return -1;
		if (c == '\\' && getch(lx) < 0)
			return -1;
	}
	return 0;
}

static int
scan_dquote(struct lexer *lx)
{
	int c;

	for (;;) {
		c = getch(lx);
		if (c < 0)
			return -1;
		if (c == '"')
			return 0;
		if (c == '\\' && getch(lx) < 0)
			return -1;
		if (c == '$' && scan_dollar(lx) < 0)
			return -1;
		if (c == '`' && scan_backquote(lx) < 0)
			return -1;
	}
}

/* Whether the word at p (len chars left) is w followed by a delimiter. */
static int
word_is(const char *p, size_t left, const char *w)
{
	size_t l = strlen(w);

	return left >= l && strncmp(p, w, l) == 0 &&
	    (left == l || strchr(" \t\n;&|()", p[l]) != NULL);
}

/*
 * Scans to the unquoted close character, balancing ( and { with their pairs.
 * Inside $(...), a `case` ... `esac` is tracked so that the ')' ending a
 * pattern does not end the substitution.
 */
static int
scan_until(struct lexer *lx, int close)
{
	int c, depth = 0, open = close == ')' ? '(' : '{', cases = 0, prev = ' ';

	for (;;) {
		if (close == ')' && strchr(" \t\n;&|(", prev)) {
			if (word_is(lx->src + lx->pos, lx->len - lx->pos, "case"))
				cases++;
			else if (cases > 0 && word_is(lx->src + lx->pos, lx->len - lx->pos, "esac"))
				cases--;
		}
		c = getch(lx);
		if (c < 0)
			return -1;
		prev = c;
		if (c == close && depth == 0 && cases > 0)
			continue;
		if (c == close && depth-- == 0)
			return 0;
		if (c == open)
			depth++;
		else if (c == '\\')
			getch(lx);
		else if (c == '\'' && scan_squote(lx) < 0)
			return -1;
		else if (c == '"' && scan_dquote(lx) < 0)
			return -1;
		else if (c == '`' && scan_backquote(lx) < 0)
			return -1;
		else if (c == '$' && scan_dollar(lx) < 0)
			return -1;
	}
}

static int
is_meta(int c)
{
	return c < 0 || c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' ||
	    c == '|' || c == '<' || c == '>' || c == '(' || c == ')';
}

/* A word: returns its raw text (quotes kept, line continuations removed). */
static char *
scan_word(struct lexer *lx)
{
	struct str w = { 0 };
	size_t start;
	int c;
	char *r;

	while (!is_meta(c = peekc(lx, 0))) {
		if (c == '\\' && peekc(lx, 1) == '\n') {
			getch(lx);
			getch(lx);
			continue;
		}
		start = lx->pos;
		getch(lx);
		if (c == '\\') {
			if (getch(lx) < 0)
				lx->eof_in_construct = 1;
		} else if (c == '\'') {
			if (scan_squote(lx) < 0)
				lx->eof_in_construct = 1;
		} else if (c == '"') {
			if (scan_dquote(lx) < 0)
				lx->eof_in_construct = 1;
		} else if (c == '`') {
			if (scan_backquote(lx) < 0)
				lx->eof_in_construct = 1;
		} else if (c == '$') {
			if (scan_dollar(lx) < 0)
				lx->eof_in_construct = 1;
		}
		str_addn(&w, lx->src + start, lx->pos - start);
	}
	r = arena_strndup(lx->arena, w.s ? w.s : "", w.len);
	free(w.s);
	return r;
}

/* The delimiter of a here-doc: quote removal; sets *quoted if any quoting. */
static char *
heredoc_delim(struct lexer *lx, const char *w, int *quoted)
{
	struct str d = { 0 };
	char *r;

	*quoted = 0;
	for (; *w; w++) {
		if (*w == '\\' && w[1]) {
			*quoted = 1;
			str_addc(&d, *++w);
		} else if (*w == '\'' || *w == '"')
			*quoted = 1;
		else
			str_addc(&d, *w);
	}
	r = arena_strndup(lx->arena, d.s ? d.s : "", d.len);
	free(d.s);
	return r;
}

static void
read_heredoc(struct lexer *lx, struct redir *r)
{
	struct str body = { 0 };
	size_t start, end;
	int quoted;
	char *delim = heredoc_delim(lx, r->word, &quoted);

	r->quoted = quoted;
	for (;;) {
		if (lx->pos >= lx->len) {
			lx->eof_in_construct = 1;
			break;
		}
		start = lx->pos;
		if (r->strip_tabs)
			while (peekc(lx, 0) == '\t')
				getch(lx), start++;
		while (peekc(lx, 0) >= 0 && peekc(lx, 0) != '\n')
			getch(lx);
		end = lx->pos;
		getch(lx);
		if (end - start == strlen(delim) && strncmp(lx->src + start, delim, end - start) == 0)
			break;
		str_addn(&body, lx->src + start, end - start);
		str_addc(&body, '\n');
	}
	r->body = arena_strndup(lx->arena, body.s ? body.s : "", body.len);
	free(body.s);
}

static void
read_pending_heredocs(struct lexer *lx)
{
	int i;

	for (i = 0; i < lx->npending; i++)
		read_heredoc(lx, lx->pending[i]);
	lx->npending = 0;
}

enum tok
lex_next(struct lexer *lx)
{
	size_t i, l;
	int c;

	for (;;) {
		c = peekc(lx, 0);
		if (c == ' ' || c == '\t')
			getch(lx);
		else if (c == '\\' && peekc(lx, 1) == '\n') {
			getch(lx);
			getch(lx);
		} else if (c == '#') {
			while (peekc(lx, 0) >= 0 && peekc(lx, 0) != '\n')
				getch(lx);
		} else
			break;
	}
	lx->text = NULL;
	lx->tok_line = lx->line;
	if (c < 0) {
		if (lx->npending)
			read_pending_heredocs(lx);
		return lx->tok = T_EOF;
	}
	if (c == '\n') {
		getch(lx);
		read_pending_heredocs(lx);
		return lx->tok = T_NEWLINE;
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		l = strlen(ops[i].text);
		if (lx->pos + l <= lx->len && strncmp(lx->src + lx->pos, ops[i].text, l) == 0) {
			lx->pos += l;
			return lx->tok = ops[i].tok;
		}
	}
	lx->text = scan_word(lx);
	for (i = 0; lx->text[i] >= '0' && lx->text[i] <= '9'; i++)
		;
	if (i > 0 && lx->text[i] == '\0' && (peekc(lx, 0) == '<' || peekc(lx, 0) == '>'))
		return lx->tok = T_IO_NUMBER;
	return lx->tok = T_WORD;
}

/*
 * For the expander: the length of the construct at s that starts after the
 * opener kind ('(' for $( or $((, '{' for ${, '`', '"', '\''), including the closer.
 * Returns len if it is unterminated.
 */
size_t
lex_skip(const char *s, size_t len, int kind)
{
	struct lexer lx;
	int r;

	memset(&lx, 0, sizeof(lx));
	lx.src = s;
	lx.len = len;
	if (kind == '(')
		r = scan_paren(&lx);
	else if (kind == '{')
		r = scan_until(&lx, '}');
	else if (kind == '`')
		r = scan_backquote(&lx);
	else if (kind == '"')
		r = scan_dquote(&lx);
	else
		r = scan_squote(&lx);
	return r < 0 ? len : lx.pos;
}
