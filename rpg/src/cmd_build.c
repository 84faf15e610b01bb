/* cmd_build.c - rpg build */
/* SPDX-License-Identifier: MIT */
#include "cmd.h"
#include "ctx.h"
#include "err.h"

int
cmd_build(struct rpg_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return rpg_fail(ctx, RPG_E_INTERNAL, "not implemented yet");
}
