/* cmd_util.h - rpg: what the install-side commands share (keys, db, progress, output) */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_CMD_UTIL_H
#define RPG_CMD_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ctx.h"
#include "db.h"
#include "fetch.h"
#include "manifest.h"
#include "resolve.h"
#include "sign.h"

struct cu_keys {
	struct rpg_pubkey *v;
	size_t n;
};

/* Trusted keys: --key, else the .pub files in ROOT/etc/rpg/keys; none is an error. */
int cu_load_keys(struct rpg_ctx *ctx, struct cu_keys *k);
/* Open the db and finish or undo an interrupted transaction (said on stderr). */
int cu_open_db(struct rpg_ctx *ctx, enum rpg_db_mode mode, struct rpg_db **db);
/* Repositories with verified indexes, progress bars hooked up. */
int cu_load_repos(struct rpg_ctx *ctx, struct rpg_db *db, const struct cu_keys *k,
    struct rpg_repos **rs);

/* Where a candidate package comes from: an opened local file, or a repository entry. */
struct cu_src {
	struct rpg_pkgfile *file;		/* owned until installed */
	const struct rpg_index_entry *entry;
	const struct rpg_repo *repo;
	int world;				/* asked for by name or file */
};

/* Every index entry of every repository as a resolve pool (ref = a struct cu_src). */
int cu_pool(struct rpg_ctx *ctx, struct rpg_repos *rs, struct rpg_avail **pool,
    struct cu_src **srcs, size_t *n);
/*
 * Install want[] (ref = struct cu_src) and the dependencies resolve pulls
 * from pool[]: fetch and verify repository packages, route kernels to the
 * boot slots and everything else through one transaction, then record the
 * cache file, the previous version (for rollback) and the world list.
 */
int cu_install(struct rpg_ctx *ctx, struct rpg_db *db, const struct cu_keys *k,
    struct rpg_repos *rs, const struct rpg_avail *want, size_t nwant,
    const struct rpg_avail *pool, size_t npool);

/* Refuse --image for a command that needs a sysroot: RPG_E_USAGE, or 0. */
int cu_root_only(struct rpg_ctx *ctx);
/* "name>=1.0" of a dependency into buf. */
char *cu_dep_str(const struct rpg_dep *d, char *buf, size_t size);
/* "V-R" of a manifest. */
char *cu_evr(const struct rpg_manifest *m, char *buf, size_t size);
/* Progress bar on stderr when it is a terminal (or forced), not quiet. */
void cu_progress(void *arg, const char *what, uint64_t done, uint64_t total);
int cu_progress_on(const struct rpg_ctx *ctx);
/* A JSON string literal on f. */
void cu_json_str(FILE *f, const char *s);
/* Say something on stderr unless -q. */
void cu_say(const struct rpg_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
