/* cmd_remove.c - rpg remove */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "ctx.h"
#include "err.h"

int cmd_remove(struct rpg_ctx *ctx, int argc, char **argv);

int
cmd_remove(struct rpg_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	fprintf(stderr, "rpg: remove: not implemented yet\n");
	return 1;
}
