/* grep.c - print lines matching a pattern (POSIX regcomp) */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/util.h"

#define MAXPAT 32

struct grep {
	regex_t re[MAXPAT];
	const char *pat[MAXPAT];
	int npat, fixed, icase, invert, count, number, list, quiet, names, word,
	    line, only, recursive, silent, errors;
};

static int
is_word_char(int c)
{
	return isalnum(c) || c == '_';
}

/* The first match of pattern i in line at or after start: 0 and [*so, *eo), or -1. */
static int
match_one(struct grep *g, int i, const char *line, size_t start, size_t *so, size_t *eo)
{
	regmatch_t m;
	const char *p;
	size_t pl = strlen(g->pat[i]);

	if (!g->fixed) {
		if (regexec(&g->re[i], line + start, 1, &m, start ? REG_NOTBOL : 0) != 0)
			return -1;
		*so = start + (size_t)m.rm_so;
		*eo = start + (size_t)m.rm_eo;
		return 0;
	}
	for (p = line + start; ; p++) {
		if ((g->icase ? strncasecmp(p, g->pat[i], pl) : strncmp(p, g->pat[i], pl)) == 0) {
			*so = (size_t)(p - line);
			*eo = *so + pl;
			return 0;
		}
		if (*p == '\0')
			return -1;
	}
}

/* Whether [so, eo) satisfies -w and -x. */
static int
acceptable(struct grep *g, const char *line, size_t so, size_t eo)
{
	if (g->line)
		return so == 0 && line[eo] == '\0';
	if (g->word)
		return (so == 0 || !is_word_char((unsigned char)line[so - 1])) &&
		    !is_word_char((unsigned char)line[eo]) && eo > so;
	return 1;
}

/* The leftmost acceptable match of any pattern at or after start. */
static int
find(struct grep *g, const char *line, size_t start, size_t *so, size_t *eo)
{
	size_t s, e, from, best_s = (size_t)-1, best_e = 0;
	int i;

	for (i = 0; i < g->npat; i++) {
		for (from = start; match_one(g, i, line, from, &s, &e) == 0; from = s + 1) {
			if (acceptable(g, line, s, e)) {
				if (s < best_s || (s == best_s && e > best_e)) {
					best_s = s;
					best_e = e;
				}
				break;
			}
			if (line[s] == '\0')
				break;
		}
	}
	if (best_s == (size_t)-1)
		return -1;
	*so = best_s;
	*eo = best_e;
	return 0;
}

static void
prefix(struct grep *g, const char *name, unsigned long n)
{
	if (g->names)
		printf("%s:", name);
	if (g->number)
		printf("%lu:", n);
}

/* -o: every non-empty match of the line on its own line. */
static void
print_matches(struct grep *g, const char *line, const char *name, unsigned long n)
{
	size_t so, eo, at = 0;

	while (line[at] && find(g, line, at, &so, &eo) == 0) {
		if (eo > so) {
			prefix(g, name, n);
			printf("%.*s\n", (int)(eo - so), line + so);
			at = eo;
		} else
			at = so + 1;
	}
}

/* 0 if some line matched, 1 if none. */
static int
grep_stream(struct grep *g, FILE *f, const char *name)
{
	char *line = NULL;
	size_t cap = 0, so, eo;
	ssize_t len;
	unsigned long n = 0, hits = 0;

	while ((len = getline(&line, &cap, f)) >= 0) {
		n++;
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if ((find(g, line, 0, &so, &eo) == 0) == g->invert)
			continue;
		hits++;
		if (g->quiet)
			break;
		if (g->list) {
			printf("%s\n", name);
			break;
		}
		if (g->count)
			continue;
		if (g->only && !g->invert) {
			print_matches(g, line, name, n);
			continue;
		}
		prefix(g, name, n);
		printf("%s\n", line);
	}
	free(line);
	if (g->count && !g->quiet) {
		if (g->names)
			printf("%s:", name);
		printf("%lu\n", hits);
	}
	return hits ? 0 : 1;
}

static int grep_path(struct grep *g, const char *path);

static int
grep_dir(struct grep *g, const char *path)
{
	char sub[PATH_MAX];
	struct dirent *d;
	DIR *dp = opendir(path);
	int r = 1;

	if (dp == NULL) {
		if (!g->silent)
			fail("open directory", path);
		g->errors = 1;
		return 1;
	}
	while ((d = readdir(dp)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		if (path_join(sub, sizeof(sub), path, d->d_name) && grep_path(g, sub) == 0)
			r = 0;
		if (r == 0 && g->quiet)
			break;
	}
	closedir(dp);
	return r;
}

static int
grep_path(struct grep *g, const char *path)
{
	struct stat st;
	FILE *f;
	int r;

	if (strcmp(path, "-") == 0)
		return grep_stream(g, stdin, "(standard input)");
	if (g->recursive && lstat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return grep_dir(g, path);
		if (!S_ISREG(st.st_mode))
			return 1;
	}
	if ((f = fopen(path, "r")) == NULL) {
		if (!g->silent)
			fail("open", path);
		g->errors = 1;
		return 1;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		if (!g->silent)
			msg("%s: Is a directory", path);
		g->errors = 1;
		return 1;
	}
	r = grep_stream(g, f, path);
	fclose(f);
	return r;
}

static int
add_pattern(struct grep *g, const char *p)
{
	if (g->npat == MAXPAT) {
		msg("too many patterns");
		return -1;
	}
	g->pat[g->npat++] = p;
	return 0;
}

static int
compile(struct grep *g, int ext)
{
	int i, e, flags = (ext ? REG_EXTENDED : 0) | (g->icase ? REG_ICASE : 0);
	char err[256];

	for (i = 0; i < g->npat && !g->fixed; i++) {
		if ((e = regcomp(&g->re[i], g->pat[i], flags)) != 0) {
			regerror(e, &g->re[i], err, sizeof(err));
			msg("bad pattern '%s': %s", g->pat[i], err);
			return -1;
		}
	}
	return 0;
}

int
grep_main(int argc, char **argv)
{
	static struct grep g;
	int c, ext = 0, force_names = -1, i, r = 1;

	while ((c = getopt(argc, argv, "EFGcHhilnoqRrsvwxe:")) != -1) {
		switch (c) {
		case 'E': ext = 1; break;
		case 'F': g.fixed = 1; break;
		case 'G': ext = 0; break;
		case 'c': g.count = 1; break;
		case 'H': force_names = 1; break;
		case 'h': force_names = 0; break;
		case 'i': g.icase = 1; break;
		case 'l': g.list = 1; break;
		case 'n': g.number = 1; break;
		case 'o': g.only = 1; break;
		case 'q': g.quiet = 1; break;
		case 'R': case 'r': g.recursive = 1; break;
		case 's': g.silent = 1; break;
		case 'v': g.invert = 1; break;
		case 'w': g.word = 1; break;
		case 'x': g.line = 1; break;
		case 'e':
			if (add_pattern(&g, optarg) < 0)
				return 2;
			break;
		default: return usage_error();
		}
	}
	if (g.npat == 0) {
		if (optind == argc)
			return usage_error();
		add_pattern(&g, argv[optind++]);
	}
	if (compile(&g, ext) < 0)
		return 2;
	g.names = force_names >= 0 ? force_names : (argc - optind > 1 || g.recursive);
	if (optind == argc)
		r = g.recursive ? grep_path(&g, ".") : grep_stream(&g, stdin, "(standard input)");
	for (i = optind; i < argc; i++) {
		if (grep_path(&g, argv[i]) == 0) {
			r = 0;
			if (g.quiet)
				break;
		}
	}
	return g.errors && !(g.quiet && r == 0) ? 2 : r;
}
