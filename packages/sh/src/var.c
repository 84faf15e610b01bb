/* var.c - shell variables, exported environment, function locals and the function table */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

#define NBUCKET 64

struct var {
	char *name, *val;	/* val NULL: declared but unset (local) */
	int flags;
	struct var *next;
};

struct saved {
	char *name, *val;
	int flags, existed;
	struct saved *next;
};

struct frame {
	struct saved *saved;
	struct frame *up;
};

struct func {
	char *name;
	struct node *body;
	struct func *next;
};

static struct var *table[NBUCKET];
static struct frame *frames;
static struct func *funcs;

static unsigned
hash(const char *s)
{
	unsigned h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % NBUCKET;
}

static struct var *
lookup(const char *name)
{
	struct var *v;

	for (v = table[hash(name)]; v; v = v->next)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

int
var_valid_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (i = 1; i < n; i++)
		if (!(s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

const char *
var_get(const char *name)
{
	struct var *v = lookup(name);

	return v ? v->val : NULL;
}

int
var_flags(const char *name)
{
	struct var *v = lookup(name);

	return v ? v->flags : 0;
}

int
var_set(const char *name, const char *val, int flags)
{
	struct var *v = lookup(name);
	unsigned h;

	if (v && (v->flags & V_READONLY)) {
		sh_error("%s: is read only", name);
		return -1;
	}
	if (v == NULL) {
		v = xmalloc(sizeof(*v));
		v->name = xstrdup(name);
		v->val = NULL;
		v->flags = 0;
		h = hash(name);
		v->next = table[h];
		table[h] = v;
	}
	free(v->val);
	v->val = val ? xstrdup(val) : NULL;
	v->flags |= flags;
	return 0;
}

int
var_unset(const char *name)
{
	struct var **pv, *v;

	for (pv = &table[hash(name)]; (v = *pv) != NULL; pv = &v->next) {
		if (strcmp(v->name, name) != 0)
			continue;
		if (v->flags & V_READONLY) {
			sh_error("%s: is read only", name);
			return -1;
		}
		*pv = v->next;
		free(v->name);
		free(v->val);
		free(v);
		return 0;
	}
	return 0;
}

void
var_export(const char *name)
{
	struct var *v = lookup(name);

	if (v)
		v->flags |= V_EXPORT;
	else
		var_set(name, NULL, V_EXPORT);
}

char **
var_environ(void)
{
	struct var *v;
	char **env;
	size_t n = 0, i = 0, l;
	int b;

	for (b = 0; b < NBUCKET; b++)
		for (v = table[b]; v; v = v->next)
			n++;
	env = xmalloc((n + 1) * sizeof(*env));
	for (b = 0; b < NBUCKET; b++)
		for (v = table[b]; v; v = v->next) {
			if (!(v->flags & V_EXPORT) || v->val == NULL)
				continue;
			l = strlen(v->name) + strlen(v->val) + 2;
			env[i] = xmalloc(l);
			snprintf(env[i++], l, "%s=%s", v->name, v->val);
		}
	env[i] = NULL;
	return env;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp((*(struct var *const *)a)->name, (*(struct var *const *)b)->name);
}

/* Prints a value quoted so the shell can read it back. */
static void
print_quoted(const char *s)
{
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
	}
	putchar('\'');
}

void
var_print(int exported_only)
{
	struct var *v, **all;
	size_t n = 0, i;
	int b;

	for (b = 0; b < NBUCKET; b++)
		for (v = table[b]; v; v = v->next)
			n++;
	all = xmalloc((n + 1) * sizeof(*all));
	n = 0;
	for (b = 0; b < NBUCKET; b++)
		for (v = table[b]; v; v = v->next)
			if (!exported_only || (v->flags & V_EXPORT))
				all[n++] = v;
	qsort(all, n, sizeof(*all), by_name);
	for (i = 0; i < n; i++) {
		if (exported_only)
			fputs("export ", stdout);
		fputs(all[i]->name, stdout);
		if (all[i]->val) {
			putchar('=');
			print_quoted(all[i]->val);
		}
		putchar('\n');
	}
	free(all);
}

void
var_import(char **envp)
{
	char *eq, *name;

	for (; envp && *envp; envp++) {
		if ((eq = strchr(*envp, '=')) == NULL || !var_valid_name(*envp, (size_t)(eq - *envp)))
			continue;
		name = xstrdup(*envp);
		name[eq - *envp] = '\0';
		var_set(name, eq + 1, V_EXPORT);
		free(name);
	}
}

void
var_push_frame(void)
{
	struct frame *f = xmalloc(sizeof(*f));

	f->saved = NULL;
	f->up = frames;
	frames = f;
}

void
var_pop_frame(void)
{
	struct frame *f = frames;
	struct saved *s, *next;
	struct var *v;

	if (f == NULL)
		return;
	for (s = f->saved; s; s = next) {
		next = s->next;
		if (s->existed) {
			var_set(s->name, s->val, 0);
			if ((v = lookup(s->name)) != NULL)
				v->flags = s->flags;
		} else
			var_unset(s->name);
		free(s->name);
		free(s->val);
		free(s);
	}
	frames = f->up;
	free(f);
}

int
var_make_local(const char *name)
{
	struct var *v = lookup(name);
	struct saved *s;

	if (frames == NULL) {
		sh_error("local: not in a function");
		return -1;
	}
	for (s = frames->saved; s; s = s->next)
		if (strcmp(s->name, name) == 0)
			return 0;
	s = xmalloc(sizeof(*s));
	s->name = xstrdup(name);
	s->existed = v != NULL;
	s->val = v && v->val ? xstrdup(v->val) : NULL;
	s->flags = v ? v->flags : 0;
	s->next = frames->saved;
	frames->saved = s;
	return 0;
}

static void
params_free(void)
{
	int i;

	if (!sh.argv_owned)
		return;
	for (i = 1; sh.argv[i]; i++)
		free(sh.argv[i]);
	free(sh.argv);
	sh.argv_owned = 0;
}

static char **
params_copy(int n, char **v)
{
	char **nv = xmalloc(sizeof(char *) * (size_t)(n + 2));
	int i;

	nv[0] = sh.argv ? sh.argv[0] : (char *)"sh";
	for (i = 0; i < n; i++)
		nv[i + 1] = xstrdup(v[i]);
	nv[n + 1] = NULL;
	return nv;
}

void
params_replace(int n, char **v)
{
	char **nv = params_copy(n, v);

	params_free();
	sh.argv = nv;
	sh.argc = n;
	sh.argv_owned = 1;
}

void
params_push(struct params *save, int n, char **v)
{
	save->argv = sh.argv;
	save->argc = sh.argc;
	save->owned = sh.argv_owned;
	sh.argv = params_copy(n, v);
	sh.argc = n;
	sh.argv_owned = 1;
}

void
params_pop(struct params *save)
{
	params_free();
	sh.argv = save->argv;
	sh.argc = save->argc;
	sh.argv_owned = save->owned;
}

void
func_set(const char *name, struct node *body)
{
	struct func *f;

	for (f = funcs; f; f = f->next)
		if (strcmp(f->name, name) == 0) {
			f->body = body;
			return;
		}
	f = xmalloc(sizeof(*f));
	f->name = xstrdup(name);
	f->body = body;
	f->next = funcs;
	funcs = f;
}

struct node *
func_get(const char *name)
{
	struct func *f;

	for (f = funcs; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->body;
	return NULL;
}

int
func_unset(const char *name)
{
	struct func **pf, *f;

	for (pf = &funcs; (f = *pf) != NULL; pf = &f->next)
		if (strcmp(f->name, name) == 0) {
			*pf = f->next;
			free(f->name);
			free(f);
			return 0;
		}
	return 1;
}

/* ---- aliases: name -> text, expanded for the first word of a simple command ---- */
struct alias {
	char *name, *text;
	int active;		/* being expanded: not again (ls='ls -F') */
	struct alias *next;
};

static struct alias *aliases;

static struct alias *
alias_find(const char *name)
{
	struct alias *a;

	for (a = aliases; a; a = a->next)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

void
alias_set(const char *name, const char *text)
{
	struct alias *a = alias_find(name);

	if (a == NULL) {
		a = xmalloc(sizeof(*a));
		a->name = xstrdup(name);
		a->text = NULL;
		a->active = 0;
		a->next = aliases;
		aliases = a;
	}
	free(a->text);
	a->text = xstrdup(text);
}

const char *
alias_get(const char *name)
{
	struct alias *a = alias_find(name);

	return a && !a->active ? a->text : NULL;
}

void
alias_active(const char *name, int on)
{
	struct alias *a = alias_find(name);

	if (a)
		a->active = on;
}

int
alias_unset(const char *name)
{
	struct alias **pa, *a;

	for (pa = &aliases; (a = *pa) != NULL; pa = &a->next)
		if (strcmp(a->name, name) == 0) {
			*pa = a->next;
			free(a->name);
			free(a->text);
			free(a);
			return 0;
		}
	return 1;
}

void
alias_print(void)
{
	struct alias *a;
	const char *p;

	for (a = aliases; a; a = a->next) {
		printf("%s='", a->name);
		for (p = a->text; *p; p++)
			fputs(*p == '\'' ? "'\\''" : (char[]){ *p, 0 }, stdout);
		puts("'");
	}
}
