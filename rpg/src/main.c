/* main.c - rpg: global options, the command table, exit status */
/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "ctx.h"
#include "err.h"

#define RPG_TOOL_VERSION "0.1.0"

struct cmd {
	const char *name;
	int (*fn)(struct rpg_ctx *, int, char **);
	const char *args;	/* usage after "rpg NAME" (rpg.8's SYNOPSIS repeats it) */
	const char *what;	/* one line for "rpg --help" */
};

static const struct cmd cmds[] = {
	{ "keygen", cmd_keygen, "-s KEY.sec -p KEY.pub",
	    "make a minisign-compatible Ed25519 key pair" },
	{ "build", cmd_build, "RECIPE.json -k KEY.sec -o DIR",
	    "build a signed package DIR/NAME-VERSION-RELEASE.ARCH.rpg" },
	{ "verify", cmd_verify, "FILE.rpg... [-p KEY.pub]",
	    "check a package's signature and every file hash" },
	{ "inspect", cmd_inspect, "[--json] FILE.rpg",
	    "print a package's manifest and file list" },
	{ "repo", cmd_repo, "index DIR -k KEY.sec",
	    "write DIR/index.json and DIR/index.json.minisig" },
	{ "install", cmd_install, "NAME|FILE.rpg...",
	    "resolve, verify and install packages atomically" },
	{ "remove", cmd_remove, "NAME...",
	    "remove installed packages" },
	{ "update", cmd_update, "[NAME...]",
	    "install newer versions from the repositories" },
	{ "rollback", cmd_rollback, "NAME",
	    "go back to the previous version (kernels: the other boot slot)" },
	{ "list", cmd_list, "[--type TYPE] [--json]",
	    "list installed packages" },
	{ "info", cmd_info, "[--json] NAME",
	    "show an installed package" },
	{ "files", cmd_files, "[--json] NAME",
	    "list an installed package's files" },
	{ "owner", cmd_owner, "[--json] PATH",
	    "name the package that owns a path" },
	{ "check", cmd_check, "[--json] [NAME...]",
	    "check installed files against their manifests" },
};
#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static const char global_usage[] =
    "[-qv] [--root DIR | --image FILE] [--repo URL] [--key PUB] COMMAND [ARG...]";

static const struct option global_opts[] = {
	{ "root", required_argument, NULL, 'r' },
	{ "image", required_argument, NULL, 'i' },
	{ "repo", required_argument, NULL, 'R' },
	{ "key", required_argument, NULL, 'K' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static const struct cmd *
find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < NCMDS; i++) {
		if (strcmp(cmds[i].name, name) == 0) {
			return &cmds[i];
		}
	}
	return NULL;
}

static void
usage_cmd(FILE *f, const struct cmd *c)
{
	fprintf(f, "usage: rpg %s %s\n", c->name, c->args);
}

static void
usage_all(FILE *f)
{
	size_t i;

	fprintf(f, "usage: rpg %s\n\ncommands:\n", global_usage);
	for (i = 0; i < NCMDS; i++) {
		fprintf(f, "  rpg %s %s\n", cmds[i].name, cmds[i].args);
		fprintf(f, "      %s\n", cmds[i].what);
	}
	fprintf(f, "\nglobal options:\n"
	    "  --root DIR     operate on the sysroot DIR (default /)\n"
	    "  --image FILE   operate on the EFI System Partition of a GPT disk image\n"
	    "  --repo URL     use this repository instead of ROOT/etc/rpg/repos\n"
	    "  --key PUB      trust this public key instead of ROOT/etc/rpg/keys\n"
	    "  -v, -q         more output, less output\n"
	    "  --help, --version\n"
	    "\"rpg help COMMAND\" or \"rpg COMMAND --help\" shows one command's usage.\n");
}

/* "help [CMD]": 0, or 2 for an unknown command. */
static int
help(int argc, char **argv)
{
	const struct cmd *c;

	if (argc < 2) {
		usage_all(stdout);
		return 0;
	}
	if ((c = find_cmd(argv[1])) == NULL) {
		fprintf(stderr, "rpg: help: unknown command \"%s\"\n", argv[1]);
		return 2;
	}
	usage_cmd(stdout, c);
	printf("%s\n", c->what);
	return 0;
}

static int
wants_help(int argc, char **argv)
{
	return argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
}

/* Parse the global options; the index of the command word, or -1 to exit with *status. */
static int
parse_global(struct rpg_ctx *ctx, int argc, char **argv, int *status)
{
	int ch;

	*status = 0;
	while ((ch = getopt_long(argc, argv, "+hqvV", global_opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			ctx->root = optarg;
			break;
		case 'i':
			ctx->image = optarg;
			break;
		case 'R':
			ctx->repo = optarg;
			break;
		case 'K':
			ctx->key = optarg;
			break;
		case 'v':
			ctx->verbose++;
			break;
		case 'q':
			ctx->quiet = 1;
			break;
		case 'h':
			usage_all(stdout);
			return -1;
		case 'V':
			printf("rpg %s\n", RPG_TOOL_VERSION);
			return -1;
		default:
			usage_all(stderr);
			*status = 2;
			return -1;
		}
	}
	if (optind >= argc) {
		usage_all(stderr);
		*status = 2;
		return -1;
	}
	return optind;
}

static int
run(struct rpg_ctx *ctx, const struct cmd *c, int argc, char **argv)
{
	int rc;

	if (wants_help(argc, argv)) {
		usage_cmd(stdout, c);
		printf("%s\n", c->what);
		return 0;
	}
	optind = 0;
	rc = c->fn(ctx, argc, argv);
	if (rc == 0) {
		return 0;
	}
	if (ctx->err.msg[0] != '\0') {
		fprintf(stderr, "rpg: %s: %s\n", c->name, ctx->err.msg);
	} else if (rc < 0) {
		fprintf(stderr, "rpg: %s: %s\n", c->name, rpg_strerror(rc));
	}
	if (rc == 2) {
		usage_cmd(stderr, c);
		return 2;
	}
	return 1;
}

int
main(int argc, char **argv)
{
	struct rpg_ctx ctx;
	const struct cmd *c;
	int i, status;

	rpg_ctx_init(&ctx);
	if ((i = parse_global(&ctx, argc, argv, &status)) < 0) {
		return status;
	}
	if (ctx.image != NULL && strcmp(ctx.root, "/") != 0) {
		fprintf(stderr, "rpg: --root and --image exclude each other\n");
		return 2;
	}
	if (strcmp(argv[i], "help") == 0) {
		return help(argc - i, argv + i);
	}
	if ((c = find_cmd(argv[i])) == NULL) {
		fprintf(stderr, "rpg: unknown command \"%s\" (rpg --help lists them)\n", argv[i]);
		return 2;
	}
	return run(&ctx, c, argc - i, argv + i);
}
