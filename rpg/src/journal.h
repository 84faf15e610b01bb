/* journal.h - rpg: the transaction journal, ROOT/var/lib/rpg/journal */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_JOURNAL_H
#define RPG_JOURNAL_H

#include <stddef.h>

#include "ctx.h"

/*
 * The journal is a small text file replaced atomically (write, fsync,
 * rename, fsync the directory), so it is always one whole version:
 *
 *   rpg-journal 1
 *   txid 3f9c0a17d2e4b658
 *   state prepare|commit
 *   install NAME          (new manifest staged as txn/NAME.json)
 *   remove NAME
 *   dir PATH              (a directory this transaction created)
 *   aside PATH            (a file or link of an old version, moved to
 *                          .rpg-TXID-a-N beside it so that the directory
 *                          PATH can take its place; N counts the aside lines)
 *
 * "prepare": files are being staged; recovery undoes. "commit": every
 * staged file is durable; recovery finishes the renames and removals.
 */

enum rpg_journal_state {
	RPG_JOURNAL_PREPARE = 1,
	RPG_JOURNAL_COMMIT
};

enum rpg_journal_op {
	RPG_JOP_INSTALL = 1,	/* install or upgrade to the staged manifest */
	RPG_JOP_REMOVE
};

struct rpg_journal_pkg {
	enum rpg_journal_op op;
	char *name;
};

struct rpg_journal {
	char txid[17];
	enum rpg_journal_state state;
	struct rpg_journal_pkg *pkgs;
	size_t npkgs;
	char **dirs;		/* created by this transaction, parents first */
	size_t ndirs;
	char **asides;		/* non-directories a created directory replaces */
	size_t nasides;
};

/* A fresh journal with a random txid; NULL on ENOMEM. */
struct rpg_journal *rpg_journal_new(void);
int rpg_journal_add_pkg(struct rpg_ctx *ctx, struct rpg_journal *j, enum rpg_journal_op op,
    const char *name);
int rpg_journal_add_dir(struct rpg_ctx *ctx, struct rpg_journal *j, const char *path);
int rpg_journal_add_aside(struct rpg_ctx *ctx, struct rpg_journal *j, const char *path);
/* Index of path among j's asides, or -1. */
long rpg_journal_aside_index(const struct rpg_journal *j, const char *path);
/* Write j atomically into dbfd/journal. */
int rpg_journal_write(struct rpg_ctx *ctx, int dbfd, const struct rpg_journal *j);
/* Read dbfd/journal: 0 with *out NULL when there is none. */
int rpg_journal_read(struct rpg_ctx *ctx, int dbfd, struct rpg_journal **out);
/* Remove dbfd/journal durably. */
int rpg_journal_remove(struct rpg_ctx *ctx, int dbfd);
void rpg_journal_free(struct rpg_journal *j);
/*
 * Name of the staging file for file index fi of package index pi:
 * ".rpg-TXID-PI-FI" in the file's own directory.
 */
void rpg_journal_stage_name(const struct rpg_journal *j, size_t pi, size_t fi, char *buf,
    size_t size);

/* Name an aside takes in its own directory: ".rpg-TXID-a-N". */
void rpg_journal_aside_name(const struct rpg_journal *j, size_t n, char *buf, size_t size);

/*
 * Test hook: when the environment variable RPG_CRASH_AT equals step, the
 * process kills itself with SIGKILL right there (used by the crash tests
 * to stop at every named step of a transaction).
 */
void rpg_journal_crashpoint(const char *step);
/* Same, for a numbered step: matches RPG_CRASH_AT=step-N. */
void rpg_journal_crashpoint_n(const char *step, size_t n);

#endif
