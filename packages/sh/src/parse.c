/* parse.c - the shell parser: tokens to a syntax tree (POSIX grammar, recursive descent) */
/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

/* Parse errors unwind to parse_command through this. */
static jmp_buf *err_jmp;

struct ctx {
	struct parser *p;
	struct lexer *lx;
	int incomplete;
};

static struct node *parse_and_or(struct ctx *c);

static void
syntax_error(struct ctx *c, const char *what)
{
	if (c->lx->tok == T_EOF || c->lx->eof_in_construct) {
		c->incomplete = 1;
		snprintf(c->p->err, sizeof(c->p->err), "line %d: syntax error: unexpected end of file",
		    c->lx->tok_line);
	} else if (what)
		snprintf(c->p->err, sizeof(c->p->err), "line %d: syntax error: %s",
		    c->lx->tok_line, what);
	else
		snprintf(c->p->err, sizeof(c->p->err), "line %d: syntax error: unexpected '%s'",
		    c->lx->tok_line, c->lx->tok == T_WORD ? c->lx->text : tok_name(c->lx->tok));
	longjmp(*err_jmp, 1);
}

static enum tok
next(struct ctx *c)
{
	return lex_next(c->lx);
}

static int
is_word(struct ctx *c, const char *w)
{
	return c->lx->tok == T_WORD && strcmp(c->lx->text, w) == 0;
}

static void
expect_word(struct ctx *c, const char *w)
{
	char msg[64];

	if (!is_word(c, w)) {
		if (c->lx->tok == T_EOF)
			syntax_error(c, NULL);
		snprintf(msg, sizeof(msg), "expected '%s'", w);
		syntax_error(c, msg);
	}
	next(c);
}

static void
skip_newlines(struct ctx *c)
{
	while (c->lx->tok == T_NEWLINE)
		next(c);
}

static struct node *
new_node(struct ctx *c, enum ntype t)
{
	struct node *n = arena_alloc(c->lx->arena, sizeof(*n));

	n->type = t;
	n->line = c->lx->tok_line;
	return n;
}

static struct node *
binary(struct ctx *c, enum ntype t, struct node *a, struct node *b)
{
	struct node *n = new_node(c, t);

	n->a = a;
	n->b = b;
	return n;
}

/* Grows an arena array of char * by one. */
static char **
push_word(struct ctx *c, char **v, int *n, char *w)
{
	char **nv = arena_alloc(c->lx->arena, sizeof(char *) * (size_t)(*n + 2));

	if (*n)
		memcpy(nv, v, sizeof(char *) * (size_t)*n);
	nv[(*n)++] = w;
	nv[*n] = NULL;
	return nv;
}

static int
is_redir_tok(enum tok t)
{
	return t == T_LESS || t == T_GREAT || t == T_DGREAT || t == T_DLESS ||
	    t == T_DLESSDASH || t == T_LESSAND || t == T_GREATAND || t == T_LESSGREAT ||
	    t == T_CLOBBER || t == T_IO_NUMBER;
}

static struct redir *
parse_redir(struct ctx *c)
{
	struct redir *r = arena_alloc(c->lx->arena, sizeof(*r));
	enum tok t;

	r->fd = -1;
	if (c->lx->tok == T_IO_NUMBER) {
		r->fd = atoi(c->lx->text);
		next(c);
	}
	t = c->lx->tok;
	switch (t) {
	case T_LESS: r->type = R_IN; break;
	case T_GREAT: r->type = R_OUT; break;
	case T_DGREAT: r->type = R_APPEND; break;
	case T_CLOBBER: r->type = R_CLOBBER; break;
	case T_LESSAND: r->type = R_DUPIN; break;
	case T_GREATAND: r->type = R_DUPOUT; break;
	case T_LESSGREAT: r->type = R_RDWR; break;
	case T_DLESS: case T_DLESSDASH:
		r->type = R_HEREDOC;
		r->strip_tabs = t == T_DLESSDASH;
		break;
	default: syntax_error(c, NULL);
	}
	if (r->fd < 0)
		r->fd = (t == T_LESS || t == T_LESSAND || t == T_LESSGREAT || t == T_DLESS ||
		    t == T_DLESSDASH) ? 0 : 1;
	if (next(c) != T_WORD)
		syntax_error(c, NULL);
	r->word = c->lx->text;
	if (r->type == R_HEREDOC) {
		if (c->lx->npending == 16)
			syntax_error(c, "too many here-documents");
		c->lx->pending[c->lx->npending++] = r;
	}
	next(c);
	return r;
}

static struct redir *
parse_redirs(struct ctx *c, struct redir *list)
{
	struct redir **tail = &list;

	while (*tail)
		tail = &(*tail)->next;
	while (is_redir_tok(c->lx->tok)) {
		*tail = parse_redir(c);
		tail = &(*tail)->next;
	}
	return list;
}

static int
is_assignment(const char *w)
{
	const char *eq = strchr(w, '=');

	return eq && eq != w && var_valid_name(w, (size_t)(eq - w));
}

static const char *const reserved_end[] = {
	"then", "else", "elif", "fi", "do", "done", "esac", "}", NULL,
};

static int
at_list_end(struct ctx *c)
{
	int i;

	if (c->lx->tok == T_EOF || c->lx->tok == T_RPAREN || c->lx->tok == T_DSEMI)
		return 1;
	for (i = 0; reserved_end[i]; i++)
		if (is_word(c, reserved_end[i]))
			return 1;
	return 0;
}

/* compound_list: newline-separated and_ors up to a closing reserved word. */
static struct node *
parse_compound_list(struct ctx *c)
{
	struct node *n = NULL, *x;

	skip_newlines(c);
	while (!at_list_end(c)) {
		x = parse_and_or(c);
		if (c->lx->tok == T_AMP) {
			x = binary(c, N_BG, x, NULL);
			next(c);
		} else if (c->lx->tok == T_SEMI || c->lx->tok == T_NEWLINE)
			next(c);
		else if (!at_list_end(c))
			syntax_error(c, NULL);
		n = n ? binary(c, N_SEQ, n, x) : x;
		skip_newlines(c);
	}
	if (n == NULL)
		syntax_error(c, NULL);
	return n;
}

static struct node *
parse_if(struct ctx *c)
{
	struct node *n = new_node(c, N_IF);

	next(c);
	n->a = parse_compound_list(c);
	expect_word(c, "then");
	n->b = parse_compound_list(c);
	if (is_word(c, "elif")) {
		n->c = parse_if(c);
		return n;
	}
	if (is_word(c, "else")) {
		next(c);
		n->c = parse_compound_list(c);
	}
	expect_word(c, "fi");
	return n;
}

static struct node *
parse_do_group(struct ctx *c)
{
	struct node *n;

	skip_newlines(c);
	expect_word(c, "do");
	n = parse_compound_list(c);
	expect_word(c, "done");
	return n;
}

static struct node *
parse_while(struct ctx *c, enum ntype t)
{
	struct node *n = new_node(c, t);

	next(c);
	n->a = parse_compound_list(c);
	n->b = parse_do_group(c);
	return n;
}

static struct node *
parse_for(struct ctx *c)
{
	struct node *n = new_node(c, N_FOR);

	if (next(c) != T_WORD || !var_valid_name(c->lx->text, strlen(c->lx->text)))
		syntax_error(c, "bad for loop variable");
	n->name = c->lx->text;
	next(c);
	skip_newlines(c);
	if (is_word(c, "in")) {
		n->has_in = 1;
		while (next(c) == T_WORD)
			n->words = push_word(c, n->words, &n->nwords, c->lx->text);
		if (c->lx->tok != T_SEMI && c->lx->tok != T_NEWLINE)
			syntax_error(c, NULL);
		next(c);
	} else if (c->lx->tok == T_SEMI)
		next(c);
	n->b = parse_do_group(c);
	return n;
}

static struct node *
parse_case(struct ctx *c)
{
	struct node *n = new_node(c, N_CASE);
	struct caseitem **tail = &n->items, *it;

	if (next(c) != T_WORD)
		syntax_error(c, NULL);
	n->name = c->lx->text;
	next(c);
	skip_newlines(c);
	expect_word(c, "in");
	skip_newlines(c);
	while (!is_word(c, "esac")) {
		it = arena_alloc(c->lx->arena, sizeof(*it));
		if (c->lx->tok == T_LPAREN)
			next(c);
		for (;;) {
			if (c->lx->tok != T_WORD)
				syntax_error(c, NULL);
			it->pats = push_word(c, it->pats, &it->npats, c->lx->text);
			if (next(c) != T_PIPE)
				break;
			next(c);
		}
		if (c->lx->tok != T_RPAREN)
			syntax_error(c, NULL);
		next(c);
		skip_newlines(c);
		if (c->lx->tok != T_DSEMI && !is_word(c, "esac"))
			it->body = parse_compound_list(c);
		*tail = it;
		tail = &it->next;
		if (c->lx->tok == T_DSEMI) {
			next(c);
			skip_newlines(c);
		} else if (!is_word(c, "esac"))
			syntax_error(c, NULL);
	}
	next(c);
	return n;
}

static struct node *
parse_compound(struct ctx *c)
{
	struct node *n;

	if (c->lx->tok == T_LPAREN) {
		n = new_node(c, N_SUBSHELL);
		next(c);
		n->a = parse_compound_list(c);
		if (c->lx->tok != T_RPAREN)
			syntax_error(c, NULL);
		next(c);
	} else if (is_word(c, "{")) {
		n = new_node(c, N_GROUP);
		next(c);
		n->a = parse_compound_list(c);
		expect_word(c, "}");
	} else if (is_word(c, "if"))
		n = parse_if(c);
	else if (is_word(c, "while"))
		n = parse_while(c, N_WHILE);
	else if (is_word(c, "until"))
		n = parse_while(c, N_UNTIL);
	else if (is_word(c, "for"))
		n = parse_for(c);
	else if (is_word(c, "case"))
		n = parse_case(c);
	else
		return NULL;
	n->redirs = parse_redirs(c, NULL);
	return n;
}

static struct node *
parse_simple(struct ctx *c)
{
	struct node *n = new_node(c, N_CMD), *f;
	struct redir **tail = &n->redirs;
	int i;

	for (i = 0; reserved_end[i]; i++)
		if (is_word(c, reserved_end[i]))
			syntax_error(c, NULL);
	for (;;) {
		if (is_redir_tok(c->lx->tok)) {
			*tail = parse_redir(c);
			tail = &(*tail)->next;
		} else if (c->lx->tok == T_WORD) {
			if (n->nwords == 0 && is_assignment(c->lx->text))
				n->assigns = push_word(c, n->assigns, &n->nassigns, c->lx->text);
			else
				n->words = push_word(c, n->words, &n->nwords, c->lx->text);
			next(c);
			if (c->lx->tok == T_LPAREN && n->nwords == 1 && n->nassigns == 0 &&
			    n->redirs == NULL) {
				if (!var_valid_name(n->words[0], strlen(n->words[0])))
					syntax_error(c, "bad function name");
				if (next(c) != T_RPAREN)
					syntax_error(c, NULL);
				next(c);
				skip_newlines(c);
				f = new_node(c, N_FUNC);
				f->name = n->words[0];
				if ((f->a = parse_compound(c)) == NULL)
					syntax_error(c, "function body must be a compound command");
				c->p->has_func = 1;
				return f;
			}
		} else
			break;
	}
	if (n->nwords == 0 && n->nassigns == 0 && n->redirs == NULL)
		syntax_error(c, NULL);
	return n;
}

static struct node *
parse_command_node(struct ctx *c)
{
	struct node *n = parse_compound(c);

	return n ? n : parse_simple(c);
}

static struct node *
parse_pipeline(struct ctx *c)
{
	struct node *n;
	int bang = 0;

	if (is_word(c, "!")) {
		bang = 1;
		next(c);
	}
	n = parse_command_node(c);
	while (c->lx->tok == T_PIPE) {
		next(c);
		skip_newlines(c);
		n = binary(c, N_PIPE, n, parse_command_node(c));
	}
	return bang ? binary(c, N_NOT, n, NULL) : n;
}

static struct node *
parse_and_or(struct ctx *c)
{
	struct node *n = parse_pipeline(c);
	enum tok t;

	while ((t = c->lx->tok) == T_AND_IF || t == T_OR_IF) {
		next(c);
		skip_newlines(c);
		n = binary(c, t == T_AND_IF ? N_AND : N_OR, n, parse_pipeline(c));
	}
	return n;
}

/* A top-level list: and_ors separated by ; and &, ended by a newline or EOF. */
static struct node *
parse_list(struct ctx *c)
{
	struct node *n = NULL, *x;
	int sep;

	for (;;) {
		x = parse_and_or(c);
		sep = 1;
		if (c->lx->tok == T_AMP) {
			x = binary(c, N_BG, x, NULL);
			next(c);
		} else if (c->lx->tok == T_SEMI)
			next(c);
		else
			sep = 0;
		n = n ? binary(c, N_SEQ, n, x) : x;
		if (c->lx->tok == T_NEWLINE || c->lx->tok == T_EOF)
			return n;
		if (!sep)
			syntax_error(c, NULL);
	}
}

void
parser_init(struct parser *p, const char *src, size_t len, struct arena *a)
{
	memset(p, 0, sizeof(*p));
	lex_init(&p->lx, src, len, a);
	p->lx.tok = T_NEWLINE;	/* "no current token": lexed on the first call */
}

enum parse_status
parse_command(struct parser *p, struct node **out)
{
	struct ctx c = { p, &p->lx, 0 };
	jmp_buf jb, *saved = err_jmp;

	*out = NULL;
	p->err[0] = '\0';
	err_jmp = &jb;
	if (setjmp(jb)) {
		err_jmp = saved;
		return c.incomplete ? P_INCOMPLETE : P_ERROR;
	}
	/* The previous call left its terminating token current. */
	if (p->lx.tok == T_NEWLINE || p->lx.tok == T_SEMI)
		next(&c);
	while (p->lx.tok == T_NEWLINE)
		next(&c);
	if (p->lx.tok == T_EOF) {
		err_jmp = saved;
		return p->lx.eof_in_construct ? P_INCOMPLETE : P_EOF;
	}
	*out = parse_list(&c);
	err_jmp = saved;
	if (p->lx.eof_in_construct) {
		snprintf(p->err, sizeof(p->err), "line %d: syntax error: unexpected end of file",
		    p->lx.tok_line);
		return P_INCOMPLETE;
	}
	return P_OK;
}
