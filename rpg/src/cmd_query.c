/* cmd_query.c - rpg list, info, files, owner, check */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "ctx.h"
#include "err.h"

int cmd_list(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_info(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_files(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_owner(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_check(struct rpg_ctx *ctx, int argc, char **argv);

int
cmd_list(struct rpg_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	fprintf(stderr, "rpg: list: not implemented yet\n");
	return 1;
}

int
cmd_info(struct rpg_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	fprintf(stderr, "rpg: info: not implemented yet\n");
	return 1;
}

int
cmd_files(struct rpg_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	fprintf(stderr, "rpg: files: not implemented yet\n");
	return 1;
}

int
cmd_owner(struct rpg_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	fprintf(stderr, "rpg: owner: not implemented yet\n");
	return 1;
}

int
cmd_check(struct rpg_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	fprintf(stderr, "rpg: check: not implemented yet\n");
	return 1;
}
