/* resolve.h - rpg: dependencies, conflicts and provides of a transaction */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_RESOLVE_H
#define RPG_RESOLVE_H

#include <stddef.h>

#include "ctx.h"
#include "db.h"
#include "manifest.h"
#include "version.h"

/* A package that could be installed: from a file, or a repository (prio = its rank). */
struct rpg_avail {
	const struct rpg_manifest *m;
	void *ref;		/* the caller's: pkgfile, index entry… */
	unsigned prio;		/* lower is searched first (repository order) */
};

/*
 * 1 if m satisfies d: by name and version, or by a provide (an unversioned
 * provide satisfies only an unversioned dependency).
 */
int rpg_resolve_satisfies(const struct rpg_manifest *m, const struct rpg_dep *d);
/* The best candidate for d: the first repository that has one, its newest version. */
const struct rpg_avail *rpg_resolve_best(const struct rpg_avail *pool, size_t npool,
    const struct rpg_dep *d);
/*
 * Complete a transaction: want[] are the packages asked for; missing
 * dependencies are pulled from pool[]; remove[] are names being removed.
 * Then the whole resulting system (installed minus replaced and removed,
 * plus the selection) must have every dependency met and no conflict.
 * *out (malloc'd) is want[] followed by what was pulled in.
 */
int rpg_resolve(struct rpg_ctx *ctx, const struct rpg_db *db, const struct rpg_avail *want,
    size_t nwant, const struct rpg_avail *pool, size_t npool, char *const *remove,
    size_t nremove, struct rpg_avail **out, size_t *nout);

#endif
