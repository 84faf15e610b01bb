/* cmd_keygen.c - rpg keygen */
/* SPDX-License-Identifier: MIT */
#include "cmd.h"
#include "ctx.h"
#include "err.h"

int
cmd_keygen(struct rpg_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return rpg_fail(ctx, RPG_E_INTERNAL, "not implemented yet");
}
