/* cmd_update.c - rpg update: install newer versions from the repositories */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_util.h"
#include "err.h"
#include "fsutil.h"
#include "slots.h"
#include "txn.h"

/* The newest version of exactly name in the first repository that has it. */
static const struct rpg_avail *
newest(const struct rpg_avail *pool, size_t n, const char *name)
{
	const struct rpg_avail *best = NULL;
	char a[256], b[256];
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(pool[i].m->name, name) != 0)
			continue;
		if (best == NULL || pool[i].prio < best->prio ||
		    (pool[i].prio == best->prio &&
		    rpg_evrcmp(cu_evr(pool[i].m, a, sizeof(a)), cu_evr(best->m, b, sizeof(b))) > 0))
			best = &pool[i];
	}
	return best;
}

/* Collect the newer versions of targets (all installed packages when n == 0). */
static int
collect(struct rpg_ctx *ctx, struct rpg_db *db, char **names, int n, const struct rpg_avail *pool,
    size_t npool, struct rpg_avail *want, struct cu_src *srcs, size_t *nwant)
{
	const struct rpg_manifest *m;
	const struct rpg_avail *a;
	char x[256], y[256];
	size_t i, count = n > 0 ? (size_t)n : db->npkgs;

	for (i = 0; i < count; i++) {
		m = n > 0 ? rpg_db_find(db, names[i]) : db->pkgs[i];
		if (m == NULL)
			return rpg_fail(ctx, RPG_E_NOTFOUND, "%s: not installed", names[i]);
		a = newest(pool, npool, m->name);
		if (a == NULL || rpg_evrcmp(cu_evr(a->m, x, sizeof(x)), cu_evr(m, y, sizeof(y))) <= 0)
			continue;
		srcs[*nwant] = *(struct cu_src *)a->ref;
		srcs[*nwant].world = rpg_db_in_world(db, m->name);
		want[*nwant] = *a;
		want[*nwant].ref = &srcs[*nwant];
		(*nwant)++;
	}
	return 0;
}

static int
update(struct rpg_ctx *ctx, struct rpg_db *db, struct cu_keys *k, char **names, int n)
{
	struct rpg_avail *pool = NULL, *want = NULL;
	struct cu_src *psrcs = NULL, *srcs = NULL;
	struct rpg_repos *rs = NULL;
	size_t i, npool = 0, nwant = 0;
	int r;

	if ((r = cu_load_repos(ctx, db, k, &rs)) < 0)
		goto out;
	if (rs->n == 0) {
		r = rpg_fail(ctx, RPG_E_NOTFOUND, "no repository (etc/rpg/repos or --repo)");
		goto out;
	}
	if ((r = cu_pool(ctx, rs, &pool, &psrcs, &npool)) < 0)
		goto out;
	want = calloc(db->npkgs + (size_t)n + 1, sizeof(*want));
	srcs = calloc(db->npkgs + (size_t)n + 1, sizeof(*srcs));
	if (want == NULL || srcs == NULL) {
		r = rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
		goto out;
	}
	if ((r = collect(ctx, db, names, n, pool, npool, want, srcs, &nwant)) < 0)
		goto out;
	if (nwant == 0) {
		cu_say(ctx, "everything is up to date");
		goto out;
	}
	r = cu_install(ctx, db, k, rs, want, nwant, pool, npool);
out:
	for (i = 0; i < nwant; i++)
		rpg_pkg_close(srcs[i].file);
	for (i = 0; i < npool; i++)
		rpg_pkg_close(psrcs[i].file);
	free(want);
	free(srcs);
	free(pool);
	free(psrcs);
	rpg_fetch_repos_free(rs);
	return r;
}

/* The version in the default boot slot of the --image ESP into ver ("" when empty). */
static int
image_kernel_version(struct rpg_ctx *ctx, char *ver, size_t size)
{
	struct rpg_esp esp = { 0 };
	struct loaderconf c;
	int present, r;

	if ((r = rpg_esp_open(ctx, &esp)) < 0)
		return r;
	r = rpg_slots_read(ctx, &esp, &c, &present);
	rpg_esp_close(&esp);
	if (r < 0)
		return r;
	snprintf(ver, size, "%s", present ? lc_slot(&c, c.default_slot)->version : "");
	return 0;
}

/* With a scratch db at ctx->root: install the newest name into the image's boot slots. */
static int
update_image_kernel(struct rpg_ctx *ctx, struct cu_keys *k, const char *name, const char *have)
{
	struct rpg_avail *pool = NULL, want;
	struct cu_src *psrcs = NULL, src;
	struct rpg_repos *rs = NULL;
	const struct rpg_avail *a;
	struct rpg_db *db = NULL;
	size_t i, npool = 0;
	char v[256];
	int r;

	if ((r = cu_open_db(ctx, RPG_DB_WRITE, &db)) < 0)
		return r;
	if ((r = cu_load_repos(ctx, db, k, &rs)) < 0)
		goto out;
	if (rs->n == 0) {
		r = rpg_fail(ctx, RPG_E_NOTFOUND, "no repository: give --repo with --image");
		goto out;
	}
	if ((r = cu_pool(ctx, rs, &pool, &psrcs, &npool)) < 0)
		goto out;
	a = newest(pool, npool, name);
	if (a == NULL) {
		r = rpg_fail(ctx, RPG_E_NOTFOUND, "%s: not in any repository", name);
		goto out;
	}
	if (a->m->type != RPG_TYPE_KERNEL) {
		r = rpg_fail(ctx, RPG_E_USAGE, "--image %s: %s is not a kernel; update it on a --root "
		    "sysroot", ctx->image, name);
		goto out;
	}
	if (have[0] != '\0' && rpg_evrcmp(cu_evr(a->m, v, sizeof(v)), have) <= 0) {
		cu_say(ctx, "%s %s in the default slot is up to date", name, have);
		goto out;
	}
	src = *(struct cu_src *)a->ref;
	src.world = 1;
	want = *a;
	want.ref = &src;
	r = cu_install(ctx, db, k, rs, &want, 1, pool, npool);
	rpg_pkg_close(src.file);
out:
	for (i = 0; i < npool; i++)
		rpg_pkg_close(psrcs[i].file);
	free(pool);
	free(psrcs);
	rpg_fetch_repos_free(rs);
	rpg_db_close(db);
	return r;
}

/*
 * --image: only the kernel, into the inactive boot slot of the image's ESP
 * (rpg_slots_install through the mtools backend). An image has no package
 * database, so the download cache and db live in a scratch sysroot that is
 * removed afterwards; the installed version is the default slot's.
 */
static int
update_image(struct rpg_ctx *ctx, struct cu_keys *k, char **names, int n)
{
	const char *tmpdir = getenv("TMPDIR"), *root = ctx->root;
	char have[256], scratch[PATH_MAX];
	struct rpg_ctx quiet;
	int r;

	if (n != 1)
		return rpg_fail(ctx, RPG_E_USAGE, "--image %s: name the kernel package to update",
		    ctx->image);
	if ((r = image_kernel_version(ctx, have, sizeof(have))) < 0)
		return r;
	snprintf(scratch, sizeof(scratch), "%s/rpg-image.XXXXXX",
	    tmpdir != NULL && *tmpdir != '\0' ? tmpdir : "/tmp");
	if (mkdtemp(scratch) == NULL)
		return rpg_fail(ctx, -errno, "%s: %s", scratch, strerror(errno));
	ctx->root = scratch;
	r = update_image_kernel(ctx, k, names[0], have);
	ctx->root = root;
	quiet = *ctx;	/* a leftover scratch directory must not hide the real error */
	rpg_fs_rmtree(&quiet, AT_FDCWD, scratch);
	return r;
}

int
cmd_update(struct rpg_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	struct rpg_db *db = NULL;
	struct cu_keys k = { 0 };
	int r;

	if (getopt_long(argc, argv, "", opts, NULL) != -1)
		return 2;
	if ((r = cu_load_keys(ctx, &k)) == 0 && ctx->image != NULL) {
		r = update_image(ctx, &k, argv + optind, argc - optind);
		free(k.v);
		return r < 0 ? 1 : 0;
	}
	if (r == 0 && (r = cu_open_db(ctx, RPG_DB_WRITE, &db)) == 0)
		r = update(ctx, db, &k, argv + optind, argc - optind);
	rpg_db_close(db);
	free(k.v);
	return r < 0 ? 1 : 0;
}
