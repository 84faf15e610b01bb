/* dump.c - a syntax tree back to text, for the parser tests */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "sh.h"

static const char *const redir_ops[] = {
	[R_IN] = "<", [R_OUT] = ">", [R_APPEND] = ">>", [R_HEREDOC] = "<<",
	[R_DUPIN] = "<&", [R_DUPOUT] = ">&", [R_RDWR] = "<>", [R_CLOBBER] = ">|",
};

static void
dump_redirs(const struct redir *r, struct str *o)
{
	char num[16];

	for (; r; r = r->next) {
		snprintf(num, sizeof(num), " %d", r->fd);
		str_adds(o, num);
		str_adds(o, redir_ops[r->type]);
		str_adds(o, r->word);
		if (r->type == R_HEREDOC) {
			str_adds(o, "[");
			str_adds(o, r->body ? r->body : "");
			str_adds(o, "]");
		}
	}
}

static void
words(char **v, int n, struct str *o)
{
	int i;

	for (i = 0; i < n; i++) {
		if (i)
			str_addc(o, ' ');
		str_adds(o, v[i]);
	}
}

/* Lisp-like: (cmd a b), (pipe X Y), (if C T E)... */
void
node_dump(const struct node *n, struct str *o)
{
	static const char *const names[] = {
		[N_CMD] = "cmd", [N_PIPE] = "pipe", [N_AND] = "and", [N_OR] = "or",
		[N_SEQ] = "seq", [N_BG] = "bg", [N_NOT] = "not", [N_SUBSHELL] = "sub",
		[N_GROUP] = "group", [N_IF] = "if", [N_WHILE] = "while", [N_UNTIL] = "until",
		[N_FOR] = "for", [N_CASE] = "case", [N_FUNC] = "func",
	};
	const struct caseitem *it;

	if (n == NULL) {
		str_adds(o, "()");
		return;
	}
	str_addc(o, '(');
	str_adds(o, names[n->type]);
	if (n->type == N_CMD) {
		if (n->nassigns) {
			str_addc(o, ' ');
			words(n->assigns, n->nassigns, o);
		}
		if (n->nwords) {
			str_addc(o, ' ');
			words(n->words, n->nwords, o);
		}
	}
	if (n->name) {
		str_addc(o, ' ');
		str_adds(o, n->name);
	}
	if (n->type == N_FOR && n->has_in) {
		str_adds(o, " in");
		if (n->nwords) {
			str_addc(o, ' ');
			words(n->words, n->nwords, o);
		}
	}
	for (it = n->items; it; it = it->next) {
		str_adds(o, " [");
		words(it->pats, it->npats, o);
		str_adds(o, "] ");
		node_dump(it->body, o);
	}
	if (n->a) {
		str_addc(o, ' ');
		node_dump(n->a, o);
	}
	if (n->b) {
		str_addc(o, ' ');
		node_dump(n->b, o);
	}
	if (n->c) {
		str_addc(o, ' ');
		node_dump(n->c, o);
	}
	dump_redirs(n->redirs, o);
	str_addc(o, ')');
}
