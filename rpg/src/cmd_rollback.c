/* cmd_rollback.c - rpg rollback: back to the previous version (kernels: the other slot) */
/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_util.h"
#include "err.h"
#include "slots.h"
#include "txn.h"

static int
rollback_kernel(struct rpg_ctx *ctx, struct rpg_db *db)
{
	struct rpg_esp esp = { 0 };
	char slot;
	int r;

	if ((r = rpg_esp_open(ctx, &esp)) < 0)
		return r;
	r = rpg_slots_rollback(ctx, db, &esp, &slot);
	rpg_esp_close(&esp);
	if (r == 0)
		cu_say(ctx, "boot slot %c is the default again", slot);
	return r;
}

/* Reinstall the previous version's package from the cache (works offline). */
static int
rollback_pkg(struct rpg_ctx *ctx, struct rpg_db *db, const char *name)
{
	char prev[PATH_MAX], path[PATH_MAX];
	struct cu_keys k = { 0 };
	struct cu_src src = { 0 };
	struct rpg_avail want;
	int r;

	if ((r = rpg_db_prev_get(ctx, db, name, prev, sizeof(prev))) < 0)
		return r;
	if (prev[0] == '\0')
		return rpg_fail(ctx, RPG_E_NOTFOUND, "%s: no previous version recorded", name);
	rpg_fetch_cache_path(ctx, prev, path, sizeof(path));
	if ((r = cu_load_keys(ctx, &k)) < 0)
		goto out;
	if ((r = rpg_pkg_open(ctx, path, k.v, k.n, &src.file)) < 0)
		goto out;
	if (strcmp(src.file->m->name, name) != 0) {
		r = rpg_fail(ctx, RPG_E_FORMAT, "%s: is not a package of %s", path, name);
		goto out;
	}
	src.world = rpg_db_in_world(db, name);
	want.m = src.file->m;
	want.ref = &src;
	want.prio = 0;
	r = cu_install(ctx, db, &k, NULL, &want, 1, NULL, 0);
out:
	rpg_pkg_close(src.file);
	free(k.v);
	return r;
}

int
cmd_rollback(struct rpg_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	const struct rpg_manifest *m;
	struct rpg_db *db = NULL;
	int r;

	if (getopt_long(argc, argv, "", opts, NULL) != -1)
		return 2;
	if (argc - optind != 1) {
		rpg_fail(ctx, RPG_E_USAGE, "name one installed package");
		return 2;
	}
	if (ctx->image != NULL) {
		/* An image's ESP holds the kernel slots and loader.conf, no db. */
		r = rollback_kernel(ctx, NULL);
		return r < 0 ? 1 : 0;
	}
	if ((r = cu_open_db(ctx, RPG_DB_WRITE, &db)) < 0)
		return 1;
	m = rpg_db_find(db, argv[optind]);
	if (m == NULL)
		r = rpg_fail(ctx, RPG_E_NOTFOUND, "%s: not installed", argv[optind]);
	else if (m->type == RPG_TYPE_KERNEL)
		r = rollback_kernel(ctx, db);
	else
		r = rollback_pkg(ctx, db, argv[optind]);
	rpg_db_close(db);
	return r < 0 ? 1 : 0;
}
