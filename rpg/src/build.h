/* build.h - rpg: building a package from a recipe (steps, payload scan, packing) */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_BUILD_H
#define RPG_BUILD_H

#include <stdint.h>

#include "ctx.h"
#include "manifest.h"
#include "recipe.h"
#include "sign.h"

/*
 * SOURCE_DATE_EPOCH for a build: the environment's if set, else the time of
 * the last commit of the git repository holding dir, else 0.
 */
int rpg_build_epoch(struct rpg_ctx *ctx, const char *dir, int64_t *epoch);
/* Remove path and everything below it (no error if absent); 0 or -errno in ctx. */
int rpg_build_rmtree(struct rpg_ctx *ctx, const char *path);
/* mkdir -p; 0 or -errno in ctx. */
int rpg_build_mkdirs(struct rpg_ctx *ctx, const char *path);
/*
 * Run one recipe step (script) with sh -e in builddir, its output on
 * stderr, with SRCDIR BUILDDIR DESTDIR RPG_NAME RPG_VERSION RPG_RELEASE
 * RPG_ARCH SOURCE_DATE_EPOCH set. step names it in errors (RPG_E_BUILD).
 */
int rpg_build_step(struct rpg_ctx *ctx, const struct rpg_recipe *r, const char *step,
    const char *script, const char *builddir, const char *destdir, int64_t epoch);
/*
 * Fill m->files (sorted) and m->installed_size from what is in destdir.
 * Refuses device nodes, fifos, sockets and hard-linked files (RPG_E_UNSAFE).
 */
int rpg_build_scan(struct rpg_ctx *ctx, const char *destdir, struct rpg_manifest *m);
/*
 * Write the package for m (whose files come from destdir) to outpath
 * atomically: manifest, signature with key, payload, mtimes clamped to
 * epoch. The same inputs give the same bytes.
 */
int rpg_build_pack(struct rpg_ctx *ctx, const char *destdir, const struct rpg_manifest *m,
    const struct rpg_seckey *key, int64_t epoch, const char *outpath);

#endif
