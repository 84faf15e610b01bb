/* inittab.c - /etc/inittab parsing: ACTION:TTY:COMMAND lines */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "init.h"

static int
parse_line(const char *line, size_t len, struct entry *e)
{
	const char *c1 = memchr(line, ':', len), *c2;
	size_t al, tl, cl;

	if (c1 == NULL || (c2 = memchr(c1 + 1, ':', len - (size_t)(c1 + 1 - line))) == NULL)
		return -1;
	al = (size_t)(c1 - line);
	tl = (size_t)(c2 - c1 - 1);
	cl = len - (size_t)(c2 + 1 - line);
	if (al == 7 && strncmp(line, "respawn", 7) == 0)
		e->action = A_RESPAWN;
	else if (al == 4 && strncmp(line, "once", 4) == 0)
		e->action = A_ONCE;
	else
		return -1;
	if (tl == 0 || tl >= sizeof(e->tty) || cl == 0 || cl >= sizeof(e->cmd))
		return -1;
	memcpy(e->tty, c1 + 1, tl);
	e->tty[tl] = '\0';
	memcpy(e->cmd, c2 + 1, cl);
	e->cmd[cl] = '\0';
	e->pid = 0;
	e->started = 0;
	return 0;
}

int
inittab_parse(const char *text, struct entry *v, int max)
{
	const char *p = text, *nl;
	size_t len;
	int n = 0, line = 0;

	while (*p) {
		line++;
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
			len--;
		while (len > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		if (len > 0 && *p != '#') {
			if (n == max || parse_line(p, len, &v[n]) < 0)
				return -line;
			n++;
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return n;
}

int
entry_argv(const struct entry *e, struct cmdv *c)
{
	char *p, *base;
	int argc = 0;

	snprintf(c->buf, sizeof(c->buf), "%s", e->cmd);
	p = c->buf;
	while (argc < INITTAB_ARGS - 1) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (*p == '\0')
			break;
		c->argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	c->argv[argc] = NULL;
	if (argc == 0)
		return -1;
	if (c->argv[0][0] != '-') {
		snprintf(c->path, sizeof(c->path), "%s", c->argv[0]);
		return 0;
	}
	snprintf(c->path, sizeof(c->path), "%s", c->argv[0] + 1);
	base = strrchr(c->path, '/');
	snprintf(c->argv0, sizeof(c->argv0), "-%s", base ? base + 1 : c->path);
	c->argv[0] = c->argv0;
	return 0;
}
