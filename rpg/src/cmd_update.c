/* cmd_update.c - rpg update */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "ctx.h"
#include "err.h"

int cmd_update(struct rpg_ctx *ctx, int argc, char **argv);

int
cmd_update(struct rpg_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	fprintf(stderr, "rpg: update: not implemented yet\n");
	return 1;
}
