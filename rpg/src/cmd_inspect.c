/* cmd_inspect.c - rpg inspect */
/* SPDX-License-Identifier: MIT */
#include "cmd.h"
#include "ctx.h"
#include "err.h"

int
cmd_inspect(struct rpg_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return rpg_fail(ctx, RPG_E_INTERNAL, "not implemented yet");
}
