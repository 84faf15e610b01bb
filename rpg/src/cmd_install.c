/* cmd_install.c - rpg install: resolve, verify and install packages atomically */
/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "cmd_util.h"
#include "err.h"
#include "fsutil.h"
#include "txn.h"

/* An operand names a file when it ends in .rpg or holds a '/' and exists. */
static int
is_file(const char *arg)
{
	struct stat st;
	size_t n = strlen(arg);

	if ((n > 4 && strcmp(arg + n - 4, ".rpg") == 0) || strchr(arg, '/') != NULL)
		return stat(arg, &st) == 0 || (n > 4 && strcmp(arg + n - 4, ".rpg") == 0);
	return 0;
}

/* Operands that name packages: look them up in the repositories. */
static int
add_names(struct rpg_ctx *ctx, char **names, size_t nnames, struct rpg_avail *pool, size_t npool,
    struct rpg_avail *want, struct cu_src *srcs, size_t *nwant)
{
	const struct rpg_avail *a;
	struct rpg_dep d = { 0 };
	size_t i;

	for (i = 0; i < nnames; i++) {
		d.name = names[i];
		if ((a = rpg_resolve_best(pool, npool, &d)) == NULL)
			return rpg_fail(ctx, RPG_E_NOTFOUND, "%s: no such package in the repositories",
			    names[i]);
		srcs[*nwant] = *(struct cu_src *)a->ref;
		srcs[*nwant].world = 1;
		want[*nwant] = *a;
		want[*nwant].ref = &srcs[*nwant];
		(*nwant)++;
	}
	return 0;
}

static int
repos_configured(struct rpg_ctx *ctx)
{
	struct rpg_repos *rs;
	int n;

	if (rpg_fetch_repos(ctx, &rs) < 0) {
		rpg_fetch_repos_free(rs);
		ctx->err.code = 0;
		return 0;
	}
	n = rs->n > 0;
	rpg_fetch_repos_free(rs);
	return n;
}

static int
install(struct rpg_ctx *ctx, struct rpg_db *db, struct cu_keys *k, char **args, int nargs)
{
	struct rpg_avail *want, *pool = NULL;
	struct cu_src *srcs, *psrcs = NULL;
	struct rpg_repos *rs = NULL;
	char **names;
	size_t i, nwant = 0, nnames = 0, npool = 0;
	int r = 0;

	want = calloc((size_t)nargs, sizeof(*want));
	srcs = calloc((size_t)nargs, sizeof(*srcs));
	names = calloc((size_t)nargs, sizeof(*names));
	if (want == NULL || srcs == NULL || names == NULL) {
		r = rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < (size_t)nargs && r == 0; i++) {
		if (!is_file(args[i])) {
			names[nnames++] = args[i];
			continue;
		}
		if ((r = rpg_pkg_open(ctx, args[i], k->v, k->n, &srcs[nwant].file)) < 0)
			break;
		srcs[nwant].world = 1;
		want[nwant].m = srcs[nwant].file->m;
		want[nwant].ref = &srcs[nwant];
		nwant++;
	}
	if (r == 0 && nnames == 0) {
		r = cu_install(ctx, db, k, NULL, want, nwant, NULL, 0);
		if (r != RPG_E_DEPENDS || !repos_configured(ctx))
			goto out;
		ctx->err.code = 0;	/* try again with the repositories */
	}
	if (r == 0 || r == RPG_E_DEPENDS) {
		if ((r = cu_load_repos(ctx, db, k, &rs)) == 0 &&
		    (r = cu_pool(ctx, rs, &pool, &psrcs, &npool)) == 0 &&
		    (r = add_names(ctx, names, nnames, pool, npool, want, srcs, &nwant)) == 0)
			r = cu_install(ctx, db, k, rs, want, nwant, pool, npool);
	}
out:
	for (i = 0; i < nwant; i++)
		rpg_pkg_close(srcs[i].file);
	for (i = 0; i < npool; i++)
		rpg_pkg_close(psrcs[i].file);
	free(want);
	free(srcs);
	free(names);
	free(pool);
	free(psrcs);
	rpg_fetch_repos_free(rs);
	return r;
}

int
cmd_install(struct rpg_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	struct rpg_db *db = NULL;
	struct cu_keys k = { 0 };
	int r;

	if (getopt_long(argc, argv, "", opts, NULL) != -1)
		return 2;
	if (optind >= argc) {
		rpg_fail(ctx, RPG_E_USAGE, "name at least one package or .rpg file");
		return 2;
	}
	if (cu_root_only(ctx) < 0)
		return 1;
	/* Like pacman -r: a root that does not exist yet is made (mkdir -p, 0755). */
	if ((r = cu_load_keys(ctx, &k)) == 0 && (r = rpg_fs_mkroot(ctx, 0755)) == 0 &&
	    (r = cu_open_db(ctx, RPG_DB_WRITE, &db)) == 0)
		r = install(ctx, db, &k, argv + optind, argc - optind);
	rpg_db_close(db);
	free(k.v);
	return r < 0 ? 1 : 0;
}
