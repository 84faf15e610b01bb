/* cmd.h - rpg: the command entry points main.c dispatches to */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_CMD_H
#define RPG_CMD_H

#include "ctx.h"

/*
 * Every command is int cmd_NAME(ctx, argc, argv) in cmd_NAME.c (the query
 * commands share cmd_query.c). argv[0] is the command's name and getopt is
 * reset (optind = 0) before the call, so a command parses its own options
 * with getopt/getopt_long (GNU permutation: options may follow operands).
 * "CMD --help" and "help CMD" never reach the command.
 *
 * Return the exit status:
 *   0            full success;
 *   1            failure: put the reason in ctx->err with rpg_fail() and main
 *                prints "rpg: CMD: <ctx->err.msg>" (a command that printed its
 *                own message leaves ctx->err.msg empty);
 *   2            usage error: main prints ctx->err.msg if any, then the
 *                command's usage line.
 * A negative RPG_E_* / -errno code is accepted too and treated as 1.
 * Output for the user goes to stdout, progress and chatter to stderr,
 * honouring ctx->quiet and ctx->verbose.
 */
int cmd_keygen(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_build(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_verify(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_inspect(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_repo(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_install(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_remove(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_update(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_rollback(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_list(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_info(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_files(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_owner(struct rpg_ctx *ctx, int argc, char **argv);
int cmd_check(struct rpg_ctx *ctx, int argc, char **argv);

#endif
