/* grep.c - print lines matching a pattern (POSIX regcomp) */
/* SPDX-License-Identifier: MIT */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../lib/util.h"

#define MAXPAT 32

struct grep {
	regex_t re[MAXPAT];
	const char *fixed[MAXPAT];
	int npat, fixed_mode, icase, invert, count, number, list, quiet, names;
};

static int
matches(struct grep *g, const char *line)
{
	int i, hit = 0;
	size_t ll, pl;

	for (i = 0; i < g->npat && !hit; i++) {
		if (!g->fixed_mode) {
			hit = regexec(&g->re[i], line, 0, NULL, 0) == 0;
			continue;
		}
		pl = strlen(g->fixed[i]);
		for (ll = 0; line[ll] && !hit; ll++)
			hit = (g->icase ? strncasecmp(line + ll, g->fixed[i], pl) :
			    strncmp(line + ll, g->fixed[i], pl)) == 0;
		if (pl == 0)
			hit = 1;
	}
	return hit != g->invert;
}

/* 0 if some line matched, 1 if none. */
static int
grep_file(struct grep *g, FILE *f, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long n = 0, hits = 0;

	while ((len = getline(&line, &cap, f)) >= 0) {
		n++;
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (!matches(g, line))
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
		if (g->names)
			printf("%s:", name);
		if (g->number)
			printf("%lu:", n);
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

static int
add_pattern(struct grep *g, const char *p)
{
	if (g->npat == MAXPAT) {
		msg("too many patterns");
		return -1;
	}
	g->fixed[g->npat++] = p;
	return 0;
}

static int
compile(struct grep *g, int ext)
{
	int i, e, flags = (ext ? REG_EXTENDED : 0) | (g->icase ? REG_ICASE : 0) | REG_NOSUB;
	char err[256];

	for (i = 0; i < g->npat && !g->fixed_mode; i++) {
		if ((e = regcomp(&g->re[i], g->fixed[i], flags)) != 0) {
			regerror(e, &g->re[i], err, sizeof(err));
			msg("bad pattern '%s': %s", g->fixed[i], err);
			return -1;
		}
	}
	return 0;
}

int
grep_main(int argc, char **argv)
{
	static struct grep g;
	int c, ext = 0, silent = 0, force_names = -1, i, r = 1, any_error = 0, m;
	FILE *f;

	while ((c = getopt(argc, argv, "EFGcHhilnqsve:")) != -1) {
		switch (c) {
		case 'E': ext = 1; break;
		case 'F': g.fixed_mode = 1; break;
		case 'G': ext = 0; break;
		case 'c': g.count = 1; break;
		case 'H': force_names = 1; break;
		case 'h': force_names = 0; break;
		case 'i': g.icase = 1; break;
		case 'l': g.list = 1; break;
		case 'n': g.number = 1; break;
		case 'q': g.quiet = 1; break;
		case 's': silent = 1; break;
		case 'v': g.invert = 1; break;
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
	g.names = force_names >= 0 ? force_names : argc - optind > 1;
	if (optind == argc)
		return grep_file(&g, stdin, "(standard input)");
	for (i = optind; i < argc; i++) {
		f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		if (f == NULL) {
			if (!silent)
				fail("open", argv[i]);
			any_error = 1;
			continue;
		}
		m = grep_file(&g, f, argv[i]);
		if (f != stdin)
			fclose(f);
		if (m == 0) {
			r = 0;
			if (g.quiet)
				break;
		}
	}
	return any_error && !(g.quiet && r == 0) ? 2 : r;
}
