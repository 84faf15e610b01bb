/* cmd_remove.c - rpg remove: remove installed packages atomically */
/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_util.h"
#include "err.h"
#include "txn.h"

static int
remove_pkgs(struct rpg_ctx *ctx, struct rpg_db *db, char **names, int n)
{
	const struct rpg_manifest *m;
	struct rpg_avail *sel = NULL;
	struct rpg_txn *t = NULL;
	char **evrs;
	size_t nsel;
	int i, r = 0;

	for (i = 0; i < n; i++) {
		if ((m = rpg_db_find(db, names[i])) == NULL)
			return rpg_fail(ctx, RPG_E_NOTFOUND, "%s: not installed", names[i]);
		if (m->type == RPG_TYPE_KERNEL)
			return rpg_fail(ctx, RPG_E_CONFLICT, "%s: a kernel lives in a boot slot; "
			    "install another kernel or roll back instead", names[i]);
	}
	if ((r = rpg_resolve(ctx, db, NULL, 0, NULL, 0, names, (size_t)n, &sel, &nsel)) < 0)
		return r;
	free(sel);
	evrs = calloc((size_t)n, sizeof(*evrs));
	if (evrs == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		char b[256];

		evrs[i] = strdup(cu_evr(rpg_db_find(db, names[i]), b, sizeof(b)));
	}
	if ((r = rpg_txn_new(ctx, db, &t)) == 0) {
		for (i = 0; i < n && r == 0; i++)
			r = rpg_txn_add_remove(ctx, t, names[i]);
		if (r == 0)
			r = rpg_txn_run(ctx, t);
		rpg_txn_free(t);
	}
	for (i = 0; i < n; i++) {
		if (r == 0)
			r = rpg_db_world_set(ctx, db, names[i], 0);
		if (r == 0)
			cu_say(ctx, "removed %s %s", names[i], evrs[i] != NULL ? evrs[i] : "");
		free(evrs[i]);
	}
	free(evrs);
	return r;
}

int
cmd_remove(struct rpg_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	struct rpg_db *db = NULL;
	int r;

	if (getopt_long(argc, argv, "", opts, NULL) != -1)
		return 2;
	if (optind >= argc) {
		rpg_fail(ctx, RPG_E_USAGE, "name at least one installed package");
		return 2;
	}
	if (cu_root_only(ctx) < 0)
		return 1;
	if ((r = cu_open_db(ctx, RPG_DB_WRITE, &db)) == 0)
		r = remove_pkgs(ctx, db, argv + optind, argc - optind);
	rpg_db_close(db);
	return r < 0 ? 1 : 0;
}
