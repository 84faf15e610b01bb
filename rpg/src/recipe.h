/* recipe.h - rpg: package recipes (recipes/NAME.json) */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_RECIPE_H
#define RPG_RECIPE_H

#include "ctx.h"
#include "manifest.h"

struct rpg_recipe {
	char *path;		/* the recipe file, as given */
	char *dir;		/* its directory, absolute */
	struct rpg_manifest *m;	/* name … provides; no files yet */
	char *source;		/* absolute; "source" is relative to dir (default ".") */
	char *build;		/* sh -e script, "" if none */
	char *install;		/* sh -e script, "" if none */
};

/*
 * Load and validate a recipe: json-c with comments, a fixed key set
 * (name version release arch type summary license depends conflicts
 * provides source build install; the first seven required). Errors are one
 * line naming the recipe file and the key. *out is the caller's.
 */
int rpg_recipe_load(struct rpg_ctx *ctx, const char *path, struct rpg_recipe **out);
void rpg_recipe_free(struct rpg_recipe *r);

#endif
