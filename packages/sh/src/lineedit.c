/* lineedit.c - interactive line editing: raw terminal, cursor keys, history */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "lineedit.h"
#include "sh.h"

static char *history[LE_HISTORY];
static int nhistory;

void
le_history_add(const char *line)
{
	if (*line == '\0' || (nhistory && strcmp(history[nhistory - 1], line) == 0))
		return;
	if (nhistory == LE_HISTORY) {
		free(history[0]);
		memmove(history, history + 1, sizeof(history[0]) * (LE_HISTORY - 1));
		nhistory--;
	}
	history[nhistory++] = xstrdup(line);
}

void
le_history_clear(void)
{
	while (nhistory > 0)
		free(history[--nhistory]);
}

void
le_init(struct le *e)
{
	memset(e, 0, sizeof(*e));
	e->hist = -1;
}

static void
set_line(struct le *e, const char *s)
{
	size_t n = strlen(s);

	if (n >= LE_MAX)
		n = LE_MAX - 1;
	memcpy(e->buf, s, n);
	e->buf[n] = '\0';
	e->len = e->pos = n;
}

static void
history_move(struct le *e, int up)
{
	if (nhistory == 0)
		return;
	if (e->hist < 0) {
		if (!up)
			return;
		memcpy(e->saved, e->buf, e->len + 1);
		e->hist = nhistory;
	}
	e->hist += up ? -1 : 1;
	if (e->hist < 0)
		e->hist = 0;
	if (e->hist >= nhistory) {
		e->hist = -1;
		set_line(e, e->saved);
		return;
	}
	set_line(e, history[e->hist]);
}

static void
insert(struct le *e, char c)
{
	if (e->len + 1 >= LE_MAX)
		return;
	memmove(e->buf + e->pos + 1, e->buf + e->pos, e->len - e->pos + 1);
	e->buf[e->pos++] = c;
	e->len++;
}

static void
delete_at(struct le *e, size_t at)
{
	if (at >= e->len)
		return;
	memmove(e->buf + at, e->buf + at + 1, e->len - at);
	e->len--;
}

/* The final byte of an escape sequence. */
static void
escape_key(struct le *e, unsigned char c)
{
	switch (c) {
	case 'A': history_move(e, 1); break;
	case 'B': history_move(e, 0); break;
	case 'C': if (e->pos < e->len) e->pos++; break;
	case 'D': if (e->pos > 0) e->pos--; break;
	case 'H': e->pos = 0; break;
	case 'F': e->pos = e->len; break;
	case '~':
		if (e->param == 1 || e->param == 7)
			e->pos = 0;
		else if (e->param == 4 || e->param == 8)
			e->pos = e->len;
		else if (e->param == 3)
			delete_at(e, e->pos);
		break;
	}
}

enum le_result
le_key(struct le *e, unsigned char c)
{
	if (e->esc == 1) {
		e->esc = (c == '[' || c == 'O') ? 2 : 0;
		e->param = 0;
		return LE_CONT;
	}
	if (e->esc == 2) {
		if (c >= '0' && c <= '9') {
			e->param = e->param * 10 + (c - '0');
			return LE_CONT;
		}
		e->esc = 0;
		escape_key(e, c);
		return LE_CONT;
	}
	switch (c) {
	case 033: e->esc = 1; break;
	case '\r': case '\n':
		e->buf[e->len] = '\0';
		return LE_DONE;
	case 3:	/* ^C */
		e->len = e->pos = 0;
		e->buf[0] = '\0';
		e->hist = -1;
		return LE_CANCEL;
	case 4:	/* ^D */
		if (e->len == 0)
			return LE_EOF;
		delete_at(e, e->pos);
		break;
	case 1: e->pos = 0; break;		/* ^A */
	case 5: e->pos = e->len; break;		/* ^E */
	case 2: if (e->pos > 0) e->pos--; break;	/* ^B */
	case 6: if (e->pos < e->len) e->pos++; break;	/* ^F */
	case 11: e->len = e->pos; e->buf[e->len] = '\0'; break;	/* ^K */
	case 12: return LE_CLEAR;		/* ^L */
	case '\t': return LE_COMPLETE;
	case 14: history_move(e, 0); break;	/* ^N */
	case 16: history_move(e, 1); break;	/* ^P */
	case 21:	/* ^U: delete to the start */
		memmove(e->buf, e->buf + e->pos, e->len - e->pos + 1);
		e->len -= e->pos;
		e->pos = 0;
		break;
	case 23:	/* ^W: delete the word before the cursor */
		while (e->pos > 0 && e->buf[e->pos - 1] == ' ')
			delete_at(e, --e->pos);
		while (e->pos > 0 && e->buf[e->pos - 1] != ' ')
			delete_at(e, --e->pos);
		break;
	case 8: case 127:
		if (e->pos > 0)
			delete_at(e, --e->pos);
		break;
	default:
		if (c >= 32)
			insert(e, (char)c);
	}
	e->buf[e->len] = '\0';
	return LE_CONT;
}

/* ---- completion ---- */
struct cands {
	char **v;
	int n, cap;
};

static void
cand_add(struct cands *c, const char *s, size_t n)
{
	int i;

	for (i = 0; i < c->n; i++)
		if (strlen(c->v[i]) == n && strncmp(c->v[i], s, n) == 0)
			return;
	if (c->n + 1 >= c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->v = xrealloc(c->v, sizeof(char *) * (size_t)c->cap);
	}
	c->v[c->n] = xmalloc(n + 1);
	memcpy(c->v[c->n], s, n);
	c->v[c->n][n] = '\0';
	c->v[++c->n] = NULL;
}

/* Entries of dir starting with prefix, as "shown" + name (+ '/' for directories). */
static void
scan_dir(struct cands *c, const char *dir, const char *shown, const char *prefix, int exec_only)
{
	char path[4096], buf[4096];
	struct dirent *d;
	struct stat st;
	size_t pl = strlen(prefix);
	DIR *dp = opendir(*dir ? dir : ".");
	int isdir;

	if (dp == NULL)
		return;
	while ((d = readdir(dp)) != NULL) {
		if (strncmp(d->d_name, prefix, pl) != 0 || strcmp(d->d_name, ".") == 0 ||
		    strcmp(d->d_name, "..") == 0 || (d->d_name[0] == '.' && prefix[0] != '.'))
			continue;
		snprintf(path, sizeof(path), "%s%s", *dir ? dir : "./", d->d_name);
		isdir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		if (exec_only && (isdir || access(path, X_OK) != 0))
			continue;
		snprintf(buf, sizeof(buf), "%s%s%s", shown, d->d_name, isdir ? "/" : "");
		cand_add(c, buf, strlen(buf));
	}
	closedir(dp);
}

void
le_free_list(char **list)
{
	int i;

	for (i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}

int
le_complete(struct le *e, char ***list)
{
	struct cands c = { NULL, 0, 0 };
	char word[1024], dir[1024];
	const char *path, *colon, *slash;
	size_t start = e->pos, wl, common, k, i;
	int first;

	*list = NULL;
	while (start > 0 && e->buf[start - 1] != ' ' && e->buf[start - 1] != '\t')
		start--;
	wl = e->pos - start;
	if (wl >= sizeof(word))
		return 0;
	memcpy(word, e->buf + start, wl);
	word[wl] = '\0';
	/* the first word of a command: nothing but blanks back to a separator */
	for (i = start; i > 0 && (e->buf[i - 1] == ' ' || e->buf[i - 1] == '\t'); i--)
		;
	first = i == 0 || strchr(";|&(", e->buf[i - 1]) != NULL;
	slash = strrchr(word, '/');
	if (slash) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - word + 1), word);
		scan_dir(&c, dir, dir, slash + 1, 0);
	} else if (first && (path = var_get("PATH")) != NULL) {
		for (; ; path = colon + 1) {
			colon = strchr(path, ':');
			snprintf(dir, sizeof(dir), "%.*s/", (int)(colon ? (size_t)(colon - path) :
			    strlen(path)), path);
			scan_dir(&c, dir, "", word, 1);
			if (colon == NULL)
				break;
		}
	} else
		scan_dir(&c, "", "", word, 0);
	if (c.n == 0)
		return 0;
	common = strlen(c.v[0]);
	for (i = 1; i < (size_t)c.n; i++)
		for (k = 0; k < common; k++)
			if (c.v[i][k] != c.v[0][k]) {
				common = k;
				break;
			}
	for (k = wl; k < common; k++)
		insert(e, c.v[0][k]);
	if (c.n == 1) {
		if (common > 0 && c.v[0][common - 1] != '/')
			insert(e, ' ');
		le_free_list(c.v);
		return 1;
	}
	*list = c.v;
	return c.n;
}

/* ---- the terminal side ---- */
static void
out(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void
redraw(int fd, const char *prompt, const struct le *e)
{
	const char *nl = strrchr(prompt, '\n');
	char tail[32];
	int n;

	if (nl)	/* a multi-line prompt: only its last line is redrawn */
		prompt = nl + 1;

	out(fd, "\r", 1);
	out(fd, prompt, strlen(prompt));
	out(fd, e->buf, e->len);
	out(fd, "\033[K", 3);
	if (e->len > e->pos) {
		n = snprintf(tail, sizeof(tail), "\033[%zuD", e->len - e->pos);
		out(fd, tail, (size_t)n);
	}
}

/* Tab: complete; a second Tab in a row lists the candidates. */
static void
show_completions(struct le *e, int again)
{
	char **list;
	int n = le_complete(e, &list), i;

	if (n > 1 && again) {
		out(2, "\r\n", 2);
		for (i = 0; list[i]; i++) {
			out(2, list[i], strlen(list[i]));
			out(2, i + 1 < n ? "  " : "\r\n", 2);
		}
	} else if (n == 0)
		out(2, "\a", 1);
	le_free_list(list);
}

static int
changed(const struct le *e, const char *before)
{
	return strcmp(e->buf, before) != 0;
}

/* A line read without editing (not a terminal): byte by byte, so the rest
 * of the input stays for the commands that run. */
static char *
plain_readline(int fd)
{
	struct str s = { 0 };
	ssize_t r;
	char c;

	for (;;) {
		r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return s.s && s.len ? str_take(&s) : (free(s.s), (char *)NULL);
		str_addc(&s, c);
		if (c == '\n')
			return str_take(&s);
	}
}

char *
le_readline(int fd, const char *prompt)
{
	struct termios old, raw;
	struct le e;
	enum le_result r = LE_CONT;
	unsigned char c;
	ssize_t n;
	char *line, before[LE_MAX];
	size_t l, len = 0, pos = 0;
	int was_esc, tabs = 0;

	if (!isatty(fd) || tcgetattr(fd, &old) < 0) {
		if (prompt && *prompt && isatty(2))
			out(2, prompt, strlen(prompt));
		return plain_readline(fd);
	}
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(tcflag_t)(ICRNL | IXON);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(fd, TCSADRAIN, &raw);
	le_init(&e);
	before[0] = '\0';
	out(2, prompt, strlen(prompt));
	while (r == LE_CONT || r == LE_CANCEL || r == LE_CLEAR || r == LE_COMPLETE) {
		n = read(fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			r = LE_EOF;
			break;
		}
		was_esc = e.esc;
		r = le_key(&e, c);
		if (r == LE_CANCEL) {
			out(2, "^C\r\n", 4);
			out(2, prompt, strlen(prompt));
			len = pos = 0;
			before[0] = '\0';
			continue;
		}
		if (r == LE_CLEAR)
			out(2, "\033[H\033[2J", 7);
		if (r == LE_COMPLETE) {
			show_completions(&e, tabs++);
			r = LE_CONT;
			len = (size_t)-1;	/* force a redraw */
		} else
			tabs = 0;
		if (r == LE_CONT && !was_esc && c >= 32 && c != 127 && e.pos == e.len &&
		    e.len == len + 1 && pos == len && memcmp(e.buf, before, len) == 0)
			out(2, e.buf + e.len - 1, 1);	/* typing at the end: plain echo */
		else if (r == LE_CONT && !was_esc && (c == 127 || c == 8) && e.pos == e.len &&
		    e.len + 1 == len && pos == len)
			out(2, "\b \b", 3);		/* erasing at the end */
		else if (r != LE_EOF && r != LE_DONE && !(r == LE_CONT && e.len == len && e.pos == pos &&
		    c != 12 && !changed(&e, before)))
			redraw(2, prompt, &e);
		len = e.len;
		pos = e.pos;
		memcpy(before, e.buf, e.len + 1);
	}
	out(2, "\r\n", 2);
	tcsetattr(fd, TCSADRAIN, &old);
	if (r == LE_EOF)
		return NULL;
	le_history_add(e.buf);
	l = strlen(e.buf);
	line = xmalloc(l + 2);
	memcpy(line, e.buf, l);
	line[l] = '\n';
	line[l + 1] = '\0';
	return line;
}
