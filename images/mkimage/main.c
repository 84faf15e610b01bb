/* main.c - rustica-mkimage: argument parsing and the command table, nothing else */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose.h"
#include "disk.h"
#include "util.h"

static void
usage(void)
{
	fprintf(stderr,
	    "usage: rustica-mkimage gpt --esp FAT.img --out DISK.img [--size BYTES] [--seed TEXT]\n"
	    "       rustica-mkimage esp-offset DISK.img\n"
	    "       rustica-mkimage compose RECIPE.json --repo DIR --key PUB --out DIR\n"
	    "                       [--repo-url URL] [--work DIR] [--rpg PATH]\n"
	    "                       [--allow-missing] [--sysroot DIR [--kernel-version V]]\n"
	    "                       [--payload DIR]\n");
	exit(2);
}

/* The value after argv[*i], or usage(). */
static const char *
optval(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		usage();
	}
	return argv[++*i];
}

static int
cmd_gpt(int argc, char **argv)
{
	const char *esp = NULL, *out = NULL, *seed = "";
	uint64_t size = 0;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--esp") == 0) {
			esp = optval(argc, argv, &i);
		} else if (strcmp(argv[i], "--out") == 0) {
			out = optval(argc, argv, &i);
		} else if (strcmp(argv[i], "--size") == 0) {
			size = strtoull(optval(argc, argv, &i), NULL, 0);
		} else if (strcmp(argv[i], "--seed") == 0) {
			seed = optval(argc, argv, &i);
		} else {
			usage();
		}
	}
	if (esp == NULL || out == NULL) {
		usage();
	}
	return mk_disk_wrap(esp, out, size, seed);
}

static int
cmd_esp_offset(int argc, char **argv)
{
	uint64_t off, size;

	if (argc != 2) {
		usage();
	}
	if (mk_disk_find_esp(argv[1], &off, &size) != 0) {
		return -1;
	}
	printf("%llu %llu\n", (unsigned long long)off, (unsigned long long)size);
	return 0;
}

static int
cmd_compose(int argc, char **argv)
{
	struct mk_compose c = { 0 };
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--repo") == 0) {
			c.repo_dir = optval(argc, argv, &i);
		} else if (strcmp(argv[i], "--repo-url") == 0) {
			c.repo_url = optval(argc, argv, &i);
		} else if (strcmp(argv[i], "--key") == 0) {
			c.key = optval(argc, argv, &i);
		} else if (strcmp(argv[i], "--out") == 0) {
			c.out_dir = optval(argc, argv, &i);
		} else if (strcmp(argv[i], "--work") == 0) {
			c.work_dir = optval(argc, argv, &i);
		} else if (strcmp(argv[i], "--rpg") == 0) {
			c.rpg = optval(argc, argv, &i);
		} else if (strcmp(argv[i], "--sysroot") == 0) {
			c.sysroot = optval(argc, argv, &i);
		} else if (strcmp(argv[i], "--payload") == 0) {
			c.payload = optval(argc, argv, &i);
		} else if (strcmp(argv[i], "--allow-missing") == 0) {
			c.allow_missing = 1;
		} else if (strcmp(argv[i], "--kernel-version") == 0) {
			c.kversion = optval(argc, argv, &i);
		} else if (argv[i][0] != '-' && c.recipe == NULL) {
			c.recipe = argv[i];
		} else {
			usage();
		}
	}
	if (c.recipe == NULL || c.repo_dir == NULL || c.key == NULL || c.out_dir == NULL) {
		usage();
	}
	return mk_compose(&c);
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} cmds[] = {
	{ "gpt", cmd_gpt },
	{ "esp-offset", cmd_esp_offset },
	{ "compose", cmd_compose },
};

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage();
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(argv[1], cmds[i].name) == 0) {
			if (cmds[i].run(argc - 1, argv + 1) != 0) {
				fprintf(stderr, "rustica-mkimage: %s\n", mk_error());
				return 1;
			}
			return 0;
		}
	}
	usage();
	return 2;
}
