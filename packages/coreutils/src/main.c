/* main.c - the coreutils multi-call binary: dispatches on argv[0] or argv[1] */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "../lib/util.h"

#define TOOL(name, fn, use, sum) int fn(int, char **);
#include "tools.def"
#undef TOOL

struct tool {
	const char *name;
	int (*fn)(int, char **);
	const char *usage;
	const char *summary;
};

static const struct tool tools[] = {
#define TOOL(name, fn, use, sum) { name, fn, use, sum },
#include "tools.def"
#undef TOOL
};

#define NTOOLS (sizeof(tools) / sizeof(tools[0]))

static const struct tool *current;

void
print_usage(int fd)
{
	if (current == NULL)
		return;
	dprintf(fd, "usage: %s %s\n%s.\n", current->name, current->usage,
	    current->summary);
}

static const struct tool *
find_tool(const char *name)
{
	size_t i;

	for (i = 0; i < NTOOLS; i++)
		if (strcmp(tools[i].name, name) == 0)
			return &tools[i];
	return NULL;
}

static int
self_usage(int fd)
{
	size_t i;

	dprintf(fd, "usage: coreutils TOOL [ARG]... | coreutils --list\n"
	    "Or call it through a link named after the tool. Tools:\n");
	for (i = 0; i < NTOOLS; i++)
		dprintf(fd, "  %-9s %s\n", tools[i].name, tools[i].summary);
	return fd == 1 ? 0 : 2;
}

static int
run(const struct tool *t, int argc, char **argv)
{
	int r;

	current = t;
	prog = t->name;
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		print_usage(1);
		return 0;
	}
	r = t->fn(argc, argv);
	if (fflush(stdout) != 0 && r == 0) {
		msg("write error");
		r = 1;
	}
	return r;
}

int
main(int argc, char **argv)
{
	const char *base = argc > 0 ? strrchr(argv[0], '/') : NULL;
	const struct tool *t;
	size_t i;

	base = base ? base + 1 : (argc > 0 ? argv[0] : "coreutils");
	if ((t = find_tool(base)) != NULL)
		return run(t, argc, argv);
	if (argc < 2)
		return self_usage(2);
	if (strcmp(argv[1], "--list") == 0) {
		for (i = 0; i < NTOOLS; i++)
			printf("%s\n", tools[i].name);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0)
		return self_usage(1);
	if ((t = find_tool(argv[1])) != NULL)
		return run(t, argc - 1, argv + 1);
	fprintf(stderr, "coreutils: unknown tool '%s'\n", argv[1]);
	return 127;
}
