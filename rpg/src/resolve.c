/* resolve.c - rpg: dependencies, conflicts and provides of a transaction */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "resolve.h"

static void
evr(const struct rpg_manifest *m, char *buf, size_t size)
{
	snprintf(buf, size, "%s-%u", m->version, m->release);
}

int
rpg_resolve_satisfies(const struct rpg_manifest *m, const struct rpg_dep *d)
{
	char v[256];
	size_t i;

	if (strcmp(m->name, d->name) == 0) {
		evr(m, v, sizeof(v));
		if (rpg_dep_match(d, v))
			return 1;
	}
	for (i = 0; i < m->nprovides; i++) {
		if (strcmp(m->provides[i].name, d->name) != 0)
			continue;
		if (d->op == RPG_OP_ANY)
			return 1;
		if (m->provides[i].op == RPG_OP_EQ && m->provides[i].version != NULL &&
		    rpg_dep_match(d, m->provides[i].version))
			return 1;
	}
	return 0;
}

static int
newer(const struct rpg_manifest *a, const struct rpg_manifest *b)
{
	char va[256], vb[256];

	evr(a, va, sizeof(va));
	evr(b, vb, sizeof(vb));
	return rpg_evrcmp(va, vb) > 0;
}

const struct rpg_avail *
rpg_resolve_best(const struct rpg_avail *pool, size_t npool, const struct rpg_dep *d)
{
	const struct rpg_avail *best = NULL;
	size_t i;

	for (i = 0; i < npool; i++) {
		if (!rpg_resolve_satisfies(pool[i].m, d))
			continue;
		if (best == NULL || pool[i].prio < best->prio ||
		    (pool[i].prio == best->prio && strcmp(pool[i].m->name, d->name) == 0 &&
		    (strcmp(best->m->name, d->name) != 0 || newer(pool[i].m, best->m))))
			best = &pool[i];
	}
	return best;
}

struct sel {
	struct rpg_avail *v;
	size_t n, cap;
};

static int
push(struct rpg_ctx *ctx, struct sel *s, const struct rpg_avail *a)
{
	struct rpg_avail *g;

	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		g = realloc(s->v, s->cap * sizeof(*g));
		if (g == NULL)
			return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
		s->v = g;
	}
	s->v[s->n++] = *a;
	return 0;
}

static const struct rpg_avail *
sel_find(const struct sel *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].m->name, name) == 0)
			return &s->v[i];
	return NULL;
}

static int
removing(char *const *remove, size_t nremove, const char *name)
{
	size_t i;

	for (i = 0; i < nremove; i++)
		if (strcmp(remove[i], name) == 0)
			return 1;
	return 0;
}

/* The system after the transaction, as a list of manifests. */
static int
final_state(struct rpg_ctx *ctx, const struct rpg_db *db, const struct sel *s,
    char *const *remove, size_t nremove, const struct rpg_manifest ***out, size_t *nout)
{
	const struct rpg_manifest **v;
	size_t i, n = 0;

	v = calloc(db->npkgs + s->n + 1, sizeof(*v));
	if (v == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	for (i = 0; i < db->npkgs; i++)
		if (sel_find(s, db->pkgs[i]->name) == NULL &&
		    !removing(remove, nremove, db->pkgs[i]->name))
			v[n++] = db->pkgs[i];
	for (i = 0; i < s->n; i++)
		v[n++] = s->v[i].m;
	*out = v;
	*nout = n;
	return 0;
}

static int
satisfied_in(const struct rpg_manifest **v, size_t n, const struct rpg_dep *d)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (rpg_resolve_satisfies(v[i], d))
			return 1;
	return 0;
}

static void
dep_str(const struct rpg_dep *d, char *buf, size_t size)
{
	static const char *const ops[] = { "", "=", "<", "<=", ">", ">=" };

	snprintf(buf, size, "%s%s%s", d->name, ops[d->op], d->version ? d->version : "");
}

/* Every dependency met and no conflict in the final state v. */
static int
check_state(struct rpg_ctx *ctx, const struct rpg_manifest **v, size_t n)
{
	char ds[512];
	size_t i, k, c;

	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i]->ndepends; k++) {
			if (satisfied_in(v, n, &v[i]->depends[k]))
				continue;
			dep_str(&v[i]->depends[k], ds, sizeof(ds));
			return rpg_fail(ctx, RPG_E_DEPENDS, "%s: needs %s, which nothing would provide",
			    v[i]->name, ds);
		}
		for (c = 0; c < v[i]->nconflicts; c++)
			for (k = 0; k < n; k++) {
				if (k == i || !rpg_resolve_satisfies(v[k], &v[i]->conflicts[c]))
					continue;
				dep_str(&v[i]->conflicts[c], ds, sizeof(ds));
				return rpg_fail(ctx, RPG_E_CONFLICT, "%s: conflicts with %s (%s)",
				    v[i]->name, v[k]->name, ds);
			}
	}
	return 0;
}

/* Pull in pool packages for the unmet dependencies of everything selected. */
static int
close_deps(struct rpg_ctx *ctx, const struct rpg_db *db, struct sel *s,
    const struct rpg_avail *pool, size_t npool, char *const *remove, size_t nremove)
{
	const struct rpg_manifest **v;
	const struct rpg_avail *a;
	const struct rpg_dep *d;
	size_t i, k, n;
	char ds[512];
	int r;

	for (i = 0; i < s->n; i++) {
		for (k = 0; k < s->v[i].m->ndepends; k++) {
			d = &s->v[i].m->depends[k];
			if ((r = final_state(ctx, db, s, remove, nremove, &v, &n)) < 0)
				return r;
			r = satisfied_in(v, n, d);
			free(v);
			if (r)
				continue;
			a = rpg_resolve_best(pool, npool, d);
			dep_str(d, ds, sizeof(ds));
			if (a == NULL)
				return rpg_fail(ctx, RPG_E_DEPENDS, "%s: needs %s, which no repository has",
				    s->v[i].m->name, ds);
			if (sel_find(s, a->m->name) != NULL)
				return rpg_fail(ctx, RPG_E_DEPENDS, "%s: needs %s, but another %s is selected",
				    s->v[i].m->name, ds, a->m->name);
			if ((r = push(ctx, s, a)) < 0)
				return r;
		}
	}
	return 0;
}

int
rpg_resolve(struct rpg_ctx *ctx, const struct rpg_db *db, const struct rpg_avail *want,
    size_t nwant, const struct rpg_avail *pool, size_t npool, char *const *remove,
    size_t nremove, struct rpg_avail **out, size_t *nout)
{
	const struct rpg_manifest **v;
	struct sel s = { 0 };
	size_t i, n;
	int r = 0;

	for (i = 0; i < nwant && r == 0; i++) {
		if (sel_find(&s, want[i].m->name) != NULL)
			r = rpg_fail(ctx, RPG_E_CONFLICT, "%s: asked for twice", want[i].m->name);
		else
			r = push(ctx, &s, &want[i]);
	}
	if (r == 0)
		r = close_deps(ctx, db, &s, pool, npool, remove, nremove);
	if (r == 0 && (r = final_state(ctx, db, &s, remove, nremove, &v, &n)) == 0) {
		r = check_state(ctx, v, n);
		free(v);
	}
	if (r < 0) {
		free(s.v);
		return r;
	}
	*out = s.v;
	*nout = s.n;
	return 0;
}
