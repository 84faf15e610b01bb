/* cmd_build.c - rpg build: a recipe into a signed DIR/NAME-VERSION-RELEASE.ARCH.rpg */
/* SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "cmd.h"
#include "ctx.h"
#include "err.h"
#include "recipe.h"
#include "sign.h"

struct build_dirs {
	char out[PATH_MAX];	/* -o, absolute */
	char build[PATH_MAX];	/* BUILDDIR: ROOT/build/NAME */
	char dest[PATH_MAX];	/* DESTDIR: ROOT/stage/NAME */
	char pkg[PATH_MAX];	/* the package file */
};

/*
 * BUILDDIR and DESTDIR live under $RPG_BUILDROOT when set, else beside the
 * output directory (-o out/repo gives out/build/NAME and out/stage/NAME).
 */
static int
set_dirs(struct rpg_ctx *ctx, const char *outdir, const struct rpg_recipe *r,
    struct build_dirs *d)
{
	const char *root = getenv("RPG_BUILDROOT");
	char parent[PATH_MAX + 4], name[PATH_MAX];
	int n;

	if (rpg_build_mkdirs(ctx, outdir) != 0) {
		return 1;
	}
	if (realpath(outdir, d->out) == NULL) {
		rpg_fail(ctx, RPG_E_NOTFOUND, "%s: cannot resolve", outdir);
		return 1;
	}
	if (root == NULL || *root == '\0') {
		snprintf(parent, sizeof(parent), "%s/..", d->out);
		if (realpath(parent, name) == NULL) {
			rpg_fail(ctx, RPG_E_NOTFOUND, "%s: cannot resolve", parent);
			return 1;
		}
		root = name;
	}
	n = snprintf(d->build, sizeof(d->build), "%s/build/%s", root, r->m->name);
	n |= snprintf(d->dest, sizeof(d->dest), "%s/stage/%s", root, r->m->name);
	n |= snprintf(d->pkg, sizeof(d->pkg), "%s/", d->out);
	if (n < 0 || strlen(d->pkg) + 300 >= sizeof(d->pkg) || strlen(d->build) + 2 >= PATH_MAX) {
		rpg_fail(ctx, RPG_E_USAGE, "%s: path too long", outdir);
		return 1;
	}
	rpg_manifest_filename(r->m, d->pkg + strlen(d->pkg), sizeof(d->pkg) - strlen(d->pkg));
	return 0;
}

static int
fresh_dirs(struct rpg_ctx *ctx, const struct build_dirs *d)
{
	if (rpg_build_rmtree(ctx, d->build) != 0 || rpg_build_rmtree(ctx, d->dest) != 0 ||
	    rpg_build_mkdirs(ctx, d->build) != 0 || rpg_build_mkdirs(ctx, d->dest) != 0) {
		return 1;
	}
	return 0;
}

static int
build(struct rpg_ctx *ctx, struct rpg_recipe *r, const struct rpg_seckey *key,
    const char *outdir)
{
	struct build_dirs d;
	int64_t epoch;

	if (rpg_build_epoch(ctx, r->dir, &epoch) != 0 || set_dirs(ctx, outdir, r, &d) != 0 ||
	    fresh_dirs(ctx, &d) != 0) {
		return 1;
	}
	if (ctx->verbose) {
		fprintf(stderr, "rpg: build: %s: SRCDIR=%s BUILDDIR=%s DESTDIR=%s "
		    "SOURCE_DATE_EPOCH=%" PRId64 "\n", r->path, r->source, d.build, d.dest, epoch);
	}
	if (rpg_build_step(ctx, r, "build", r->build, d.build, d.dest, epoch) != 0 ||
	    rpg_build_step(ctx, r, "install", r->install, d.build, d.dest, epoch) != 0 ||
	    rpg_build_scan(ctx, d.dest, r->m) != 0) {
		return 1;
	}
	if (r->m->nfiles == 0 && r->m->type != RPG_TYPE_META) {
		rpg_fail(ctx, RPG_E_BUILD, "%s: empty payload: the install step put nothing in %s",
		    r->path, d.dest);
		return 1;
	}
	r->m->build_date = epoch;
	if (rpg_build_pack(ctx, d.dest, r->m, key, epoch, d.pkg) != 0) {
		return 1;
	}
	if (!ctx->quiet) {
		fprintf(stderr, "rpg: build: %s: %zu entries, %llu bytes installed\n", d.pkg,
		    r->m->nfiles, (unsigned long long)r->m->installed_size);
	}
	printf("%s\n", d.pkg);
	return 0;
}

int
cmd_build(struct rpg_ctx *ctx, int argc, char **argv)
{
	const char *keypath = NULL, *outdir = NULL;
	struct rpg_recipe *r = NULL;
	struct rpg_seckey key;
	int ch, rc;

	while ((ch = getopt(argc, argv, "k:o:")) != -1) {
		switch (ch) {
		case 'k':
			keypath = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		default:
			return 2;
		}
	}
	if (keypath == NULL || outdir == NULL || argc - optind != 1) {
		return 2;
	}
	if (rpg_recipe_load(ctx, argv[optind], &r) != 0) {
		return 1;
	}
	if (rpg_seckey_load(ctx, keypath, &key) != 0) {
		rpg_recipe_free(r);
		return 1;
	}
	rc = build(ctx, r, &key, outdir);
	rpg_seckey_wipe(&key);
	rpg_recipe_free(r);
	return rc;
}
