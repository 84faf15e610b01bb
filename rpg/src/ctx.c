/* ctx.c - rpg: context defaults */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "ctx.h"

void
rpg_ctx_init(struct rpg_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->root = "/";
	ctx->progress = RPG_PROGRESS_AUTO;
}
