/* cmd_rollback.c - rpg rollback */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "ctx.h"
#include "err.h"

int cmd_rollback(struct rpg_ctx *ctx, int argc, char **argv);

int
cmd_rollback(struct rpg_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	fprintf(stderr, "rpg: rollback: not implemented yet\n");
	return 1;
}
