/* cmd_util.c - rpg: what the install-side commands share (keys, db, progress, output) */
/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_util.h"
#include "err.h"
#include "slots.h"
#include "txn.h"

int
cu_load_keys(struct rpg_ctx *ctx, struct cu_keys *k)
{
	int r;

	k->v = NULL;
	k->n = 0;
	if (ctx->key != NULL) {
		if ((k->v = calloc(1, sizeof(*k->v))) == NULL)
			return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
		if ((r = rpg_pubkey_load(ctx, ctx->key, k->v)) < 0)
			return r;
		k->n = 1;
		return 0;
	}
	if ((r = rpg_pubkey_load_dir(ctx, "etc/rpg/keys", &k->v, &k->n)) < 0)
		return r;
	if (k->n == 0)
		return rpg_fail(ctx, RPG_E_UNTRUSTED, "%s/etc/rpg/keys: no trusted key (*.pub); "
		    "give one with --key", strcmp(ctx->root, "/") == 0 ? "" : ctx->root);
	return 0;
}

void
cu_say(const struct rpg_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	if (ctx->quiet)
		return;
	va_start(ap, fmt);
	fputs("rpg: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

int
cu_open_db(struct rpg_ctx *ctx, enum rpg_db_mode mode, struct rpg_db **db)
{
	int r;

	if ((r = rpg_db_open(ctx, mode, db)) < 0)
		return r;
	r = rpg_txn_recover(ctx, *db);
	if (r < 0) {
		rpg_db_close(*db);
		*db = NULL;
		return r;
	}
	if (r == 1)
		cu_say(ctx, "finished an interrupted transaction");
	return 0;
}

int
cu_progress_on(const struct rpg_ctx *ctx)
{
	if (ctx->quiet || ctx->progress == RPG_PROGRESS_NEVER)
		return 0;
	return ctx->progress == RPG_PROGRESS_ALWAYS || isatty(2);
}

void
cu_progress(void *arg, const char *what, uint64_t done, uint64_t total)
{
	static int last = -1;
	const struct rpg_ctx *ctx = arg;
	char bar[31];
	int pct, fill;

	if (!cu_progress_on(ctx) || total == 0)
		return;
	pct = done >= total ? 100 : (int)(done * 100 / total);
	if (pct == last)
		return;
	last = pct == 100 ? -1 : pct;
	fill = pct * 30 / 100;
	memset(bar, '#', (size_t)fill);
	memset(bar + fill, '.', (size_t)(30 - fill));
	bar[30] = '\0';
	fprintf(stderr, "\r%-24.24s [%s] %3d%% %7.1f MiB", what, bar, pct,
	    (double)total / (1 << 20));
	if (pct == 100)
		fputc('\n', stderr);
	fflush(stderr);
}

void
cu_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

int
cu_root_only(struct rpg_ctx *ctx)
{
	if (ctx->image == NULL)
		return 0;
	return rpg_fail(ctx, RPG_E_USAGE, "--image %s: this command works on a --root sysroot "
	    "(with --image: info and rollback of the kernel)", ctx->image);
}

char *
cu_dep_str(const struct rpg_dep *d, char *buf, size_t size)
{
	static const char *const ops[] = { "", "=", "<", "<=", ">", ">=" };

	snprintf(buf, size, "%s%s%s", d->name, ops[d->op], d->version != NULL ? d->version : "");
	return buf;
}

char *
cu_evr(const struct rpg_manifest *m, char *buf, size_t size)
{
	snprintf(buf, size, "%s-%u", m->version, m->release);
	return buf;
}

int
cu_load_repos(struct rpg_ctx *ctx, struct rpg_db *db, const struct cu_keys *k,
    struct rpg_repos **rs)
{
	int r;

	if ((r = rpg_fetch_repos(ctx, rs)) < 0)
		return r;
	(*rs)->progress = cu_progress;
	(*rs)->parg = ctx;
	return rpg_fetch_indexes(ctx, db, *rs, k->v, k->n);
}

int
cu_pool(struct rpg_ctx *ctx, struct rpg_repos *rs, struct rpg_avail **pool,
    struct cu_src **srcs, size_t *n)
{
	size_t i, e, total = 0;

	*pool = NULL;
	*srcs = NULL;
	*n = 0;
	if (rs == NULL)
		return 0;
	for (i = 0; i < rs->n; i++)
		total += rs->v[i].ix != NULL ? rs->v[i].ix->nentries : 0;
	*pool = calloc(total + 1, sizeof(**pool));
	*srcs = calloc(total + 1, sizeof(**srcs));
	if (*pool == NULL || *srcs == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	for (i = 0; i < rs->n; i++) {
		if (rs->v[i].ix == NULL)
			continue;
		for (e = 0; e < rs->v[i].ix->nentries; e++) {
			(*srcs)[*n].entry = &rs->v[i].ix->entries[e];
			(*srcs)[*n].repo = &rs->v[i];
			(*pool)[*n].m = rs->v[i].ix->entries[e].m;
			(*pool)[*n].ref = &(*srcs)[*n];
			(*pool)[*n].prio = (unsigned)i;
			(*n)++;
		}
	}
	return 0;
}

/* Fetch and open a repository package; check it is what the index said. */
static int
open_src(struct rpg_ctx *ctx, struct rpg_db *db, const struct cu_keys *k,
    struct rpg_repos *rs, struct cu_src *src)
{
	const struct rpg_manifest *im;
	char *path = NULL;
	int r;

	if (src->file != NULL)
		return 0;
	im = src->entry->m;
	if ((r = rpg_fetch_package(ctx, db, rs, src->repo, src->entry, &path)) < 0)
		return r;
	r = rpg_pkg_open(ctx, path, k->v, k->n, &src->file);
	free(path);
	if (r < 0)
		return r;
	if (strcmp(src->file->m->name, im->name) != 0 ||
	    strcmp(src->file->m->version, im->version) != 0 ||
	    src->file->m->release != im->release)
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: package is not the %s-%s-%u the index names",
		    src->file->what, im->name, im->version, im->release);
	return 0;
}

/* Remember where p's .rpg is (the cache), and the version it replaces. */
static int
record(struct rpg_ctx *ctx, struct rpg_db *db, const struct rpg_manifest *m,
    const char *what, int world)
{
	char fname[PATH_MAX], cached[PATH_MAX], cur[PATH_MAX];
	int r;

	rpg_manifest_filename(m, fname, sizeof(fname));
	rpg_fetch_cache_path(ctx, fname, cached, sizeof(cached));
	if (strcmp(cached, what) != 0 && (r = rpg_fetch_cache_put(ctx, db, what, fname)) < 0)
		return r;
	if ((r = rpg_db_cur_get(ctx, db, m->name, cur, sizeof(cur))) < 0)
		return r;
	if (cur[0] != '\0' && strcmp(cur, fname) != 0 &&
	    (r = rpg_db_prev_set(ctx, db, m->name, cur)) < 0)
		return r;
	if ((r = rpg_db_cur_set(ctx, db, m->name, fname)) < 0)
		return r;
	return world ? rpg_db_world_set(ctx, db, m->name, 1) : 0;
}

/* Say what happened to one package. */
static void
report(struct rpg_ctx *ctx, const struct rpg_manifest *old, const struct rpg_manifest *m,
    char slot)
{
	char a[256], b[256];

	cu_evr(m, b, sizeof(b));
	if (slot != 0)
		cu_say(ctx, "%s %s installed into boot slot %c (default from the next boot)", m->name,
		    b, slot);
	else if (old == NULL)
		cu_say(ctx, "installed %s %s", m->name, b);
	else
		cu_say(ctx, "%s %s -> %s", m->name, cu_evr(old, a, sizeof(a)), b);
}

/* Already installed in exactly this version? */
static int
same_installed(const struct rpg_db *db, const struct rpg_manifest *m)
{
	const struct rpg_manifest *old = rpg_db_find(db, m->name);

	return old != NULL && strcmp(old->version, m->version) == 0 &&
	    old->release == m->release && strcmp(old->arch, m->arch) == 0;
}

/* Old versions, for messages, copied before the transaction changes the db. */
struct olds {
	char **names;
	char **evrs;
	size_t n;
};

static int
install_kernels(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_avail *sel, size_t n)
{
	struct rpg_esp esp = { 0 };
	struct cu_src *src;
	size_t i;
	char slot;
	int r = 0;

	for (i = 0; i < n && r == 0; i++) {
		src = sel[i].ref;
		if (src->file == NULL || src->file->m->type != RPG_TYPE_KERNEL)
			continue;
		if (esp.ops == NULL && (r = rpg_esp_open(ctx, &esp)) < 0)
			break;
		if ((r = rpg_slots_install(ctx, db, &esp, src->file, &slot)) == 0) {
			report(ctx, NULL, src->file->m, slot);
			r = record(ctx, db, src->file->m, src->file->what, src->world);
		}
	}
	rpg_esp_close(&esp);
	return r;
}

static int
run_txn(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_avail *sel, size_t n)
{
	struct rpg_manifest **olds;
	struct rpg_txn *t = NULL;
	struct cu_src *src;
	size_t i, count = 0;
	int r;

	olds = calloc(n + 1, sizeof(*olds));
	if (olds == NULL || (r = rpg_txn_new(ctx, db, &t)) < 0) {
		free(olds);
		return olds == NULL ? rpg_fail(ctx, RPG_E_NOMEM, "out of memory") : r;
	}
	rpg_txn_set_progress(t, cu_progress, ctx);
	for (i = 0, r = 0; i < n && r == 0; i++) {
		src = sel[i].ref;
		if (src->file == NULL || src->file->m->type == RPG_TYPE_KERNEL)
			continue;
		/* The transaction owns the file from here; sel keeps pointing at it. */
		r = rpg_txn_add_install(ctx, t, src->file);
		if (r < 0)
			src->file = NULL;
		count++;
	}
	if (r == 0 && count > 0) {
		for (i = 0; i < n; i++) {
			src = sel[i].ref;
			if (src->file != NULL && rpg_db_find(db, src->file->m->name) != NULL)
				olds[i] = rpg_db_find(db, src->file->m->name);
		}
		/* Serialized copies: the db reloads its manifests after the run. */
		for (i = 0; i < n; i++) {
			char *json;
			size_t len;

			if (olds[i] == NULL)
				continue;
			json = rpg_manifest_serialize(olds[i], &len);
			olds[i] = NULL;
			if (json != NULL && rpg_manifest_parse(ctx, "db", json, len, &olds[i]) < 0)
				olds[i] = NULL;
			free(json);
		}
		r = rpg_txn_run(ctx, t);
		for (i = 0; i < n && r == 0; i++) {
			src = sel[i].ref;
			if (src->file == NULL || src->file->m->type == RPG_TYPE_KERNEL)
				continue;
			report(ctx, olds[i], src->file->m, 0);
			r = record(ctx, db, src->file->m, src->file->what, src->world);
		}
	}
	for (i = 0; i < n; i++) {
		rpg_manifest_free(olds[i]);
		src = sel[i].ref;
		if (src->file != NULL && src->file->m->type != RPG_TYPE_KERNEL)
			src->file = NULL;	/* freed with the transaction */
	}
	free(olds);
	rpg_txn_free(t);
	return r;
}

int
cu_install(struct rpg_ctx *ctx, struct rpg_db *db, const struct cu_keys *k,
    struct rpg_repos *rs, const struct rpg_avail *want, size_t nwant,
    const struct rpg_avail *pool, size_t npool)
{
	struct rpg_avail *sel = NULL;
	struct cu_src *src;
	size_t i, n = 0, keep = 0;
	int r;

	if ((r = rpg_resolve(ctx, db, want, nwant, pool, npool, NULL, 0, &sel, &n)) < 0)
		return r;
	for (i = 0; i < n && r == 0; i++)
		r = open_src(ctx, db, k, rs, sel[i].ref);
	/* Drop what is installed already in that very version. */
	for (i = 0; i < n && r == 0; i++) {
		src = sel[i].ref;
		if (same_installed(db, src->file->m)) {
			cu_say(ctx, "%s %s-%u is already installed", src->file->m->name,
			    src->file->m->version, src->file->m->release);
			if (src->world)
				r = rpg_db_world_set(ctx, db, src->file->m->name, 1);
			continue;
		}
		sel[keep++] = sel[i];
	}
	if (r == 0)
		r = run_txn(ctx, db, sel, keep);
	if (r == 0)
		r = install_kernels(ctx, db, sel, keep);
	free(sel);
	return r;
}
