/* db.h - rpg: the installed-package database under ROOT/var/lib/rpg */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_DB_H
#define RPG_DB_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "manifest.h"

/*
 * On disk (docs/TRANSACTIONS.md):
 *   var/lib/rpg/lock               flock()ed by every rpg that opens the db
 *   var/lib/rpg/installed/N.json   canonical manifest of each installed package
 *   var/lib/rpg/world              names the user asked for, one a line, sorted
 *   var/lib/rpg/prev/N             file name of N's previous .rpg in the cache
 *   var/lib/rpg/serials/KEY        last accepted index serial of a repository
 *   var/lib/rpg/slots/slot-X.json  manifest of the kernel in ESP slot X
 *   var/lib/rpg/journal            the open transaction, if any (journal.c)
 *   var/lib/rpg/txn/N.json         manifests staged by the open transaction
 * This module is the only one that knows these names, except the journal's.
 */

#define RPG_DB_DIR "var/lib/rpg"
#define RPG_CACHE_DIR "var/cache/rpg"

struct rpg_db {
	int rootfd;			/* ctx->root */
	int dbfd;			/* RPG_DB_DIR, -1 if absent (read-only open) */
	int lockfd;
	struct rpg_manifest **pkgs;	/* installed, sorted by name */
	size_t npkgs;
	char **world;			/* sorted */
	size_t nworld;
};

enum rpg_db_mode {
	RPG_DB_READ = 0,	/* no db yet is an empty db; nothing is created */
	RPG_DB_WRITE		/* create the layout when missing */
};

/* Open (and lock, exclusively: RPG_E_LOCKED if held) the db of ctx->root. */
int rpg_db_open(struct rpg_ctx *ctx, enum rpg_db_mode mode, struct rpg_db **out);
void rpg_db_close(struct rpg_db *db);
/* Re-read installed/ and world (after a transaction or recovery). */
int rpg_db_reload(struct rpg_ctx *ctx, struct rpg_db *db);

/* The installed package named name, or NULL. */
struct rpg_manifest *rpg_db_find(const struct rpg_db *db, const char *name);
/*
 * Who owns path (files and symlinks first, then directories): 1 and
 * *pkg / *file set, or 0 when nobody does. Skips package skip (may be NULL).
 */
int rpg_db_owner(const struct rpg_db *db, const char *path, const char *skip,
    const struct rpg_manifest **pkg, const struct rpg_file **file);

/* World list edits, written atomically. */
int rpg_db_world_set(struct rpg_ctx *ctx, struct rpg_db *db, const char *name, int present);
int rpg_db_in_world(const struct rpg_db *db, const char *name);

/* Staged manifests of the open transaction. */
int rpg_db_stage_manifest(struct rpg_ctx *ctx, struct rpg_db *db, const struct rpg_manifest *m);
/* Load txn/name.json into *out; 0, or RPG_E_NOTFOUND when it is not there. */
int rpg_db_load_staged(struct rpg_ctx *ctx, struct rpg_db *db, const char *name,
    struct rpg_manifest **out);
/* Rename txn/name.json over installed/name.json; 0 also when already done. */
int rpg_db_commit_manifest(struct rpg_ctx *ctx, struct rpg_db *db, const char *name);
/* Write installed/NAME.json directly (kernel packages, which live in boot slots). */
int rpg_db_put_installed(struct rpg_ctx *ctx, struct rpg_db *db, const struct rpg_manifest *m);
/* Remove installed/name.json; 0 also when already gone. */
int rpg_db_drop_manifest(struct rpg_ctx *ctx, struct rpg_db *db, const char *name);
/* Remove the txn/ directory's contents. */
int rpg_db_clear_staged(struct rpg_ctx *ctx, struct rpg_db *db);
/* fsync the db directories (after renames in them). */
int rpg_db_sync(struct rpg_ctx *ctx, struct rpg_db *db);

/* Previous .rpg file name of a package (for rollback); buf empty when none. */
int rpg_db_prev_get(struct rpg_ctx *ctx, struct rpg_db *db, const char *name, char *buf,
    size_t size);
int rpg_db_prev_set(struct rpg_ctx *ctx, struct rpg_db *db, const char *name,
    const char *filename);
/* Current .rpg file name of a package (what it was installed from). */
int rpg_db_cur_get(struct rpg_ctx *ctx, struct rpg_db *db, const char *name, char *buf,
    size_t size);
int rpg_db_cur_set(struct rpg_ctx *ctx, struct rpg_db *db, const char *name,
    const char *filename);

/* Last accepted index serial of repository key (0 when none). */
int rpg_db_serial_get(struct rpg_ctx *ctx, struct rpg_db *db, const char *key, uint64_t *serial);
int rpg_db_serial_set(struct rpg_ctx *ctx, struct rpg_db *db, const char *key, uint64_t serial);

/* Kernel slot records: manifest of the package in slot 'a' or 'b' (NULL when empty). */
int rpg_db_slot_get(struct rpg_ctx *ctx, struct rpg_db *db, char slot, struct rpg_manifest **out);
int rpg_db_slot_set(struct rpg_ctx *ctx, struct rpg_db *db, char slot,
    const struct rpg_manifest *m);

/* Open ROOT/var/cache/rpg (created when missing) as a new fd the caller closes. */
int rpg_db_cachefd(struct rpg_ctx *ctx, struct rpg_db *db, int *fd);

#endif
