/* cmd_install.c - rpg install */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "ctx.h"
#include "err.h"

int cmd_install(struct rpg_ctx *ctx, int argc, char **argv);

int
cmd_install(struct rpg_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	fprintf(stderr, "rpg: install: not implemented yet\n");
	return 1;
}
