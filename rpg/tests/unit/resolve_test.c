/* resolve_test.c - rpg: unit tests of depends, conflicts and provides */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "db.h"
#include "resolve.h"
#include "t.h"

/* A manifest with no files: name, version, then JSON arrays of deps. */
static struct rpg_manifest *
mk(const char *name, const char *ver, const char *deps, const char *confl, const char *prov)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_manifest *m = NULL;
	char *json;

	if (asprintf(&json, "{\"name\": \"%s\", \"version\": \"%s\", \"release\": 1, "
	    "\"arch\": \"x86_64\", \"type\": \"user\", \"summary\": \"s\", \"license\": \"MIT\", "
	    "\"depends\": [%s], \"conflicts\": [%s], \"provides\": [%s], \"files\": []}",
	    name, ver, deps, confl, prov) < 0)
		return NULL;
	if (rpg_manifest_parse(&ctx, name, json, strlen(json), &m) < 0)
		printf("# %s\n", ctx.err.msg);
	free(json);
	return m;
}

static struct rpg_dep
dep(const char *s)
{
	struct rpg_dep d;

	rpg_dep_parse(s, &d);
	return d;
}

T_TEST(satisfies_by_name_version_and_provides)
{
	struct rpg_manifest *m = mk("lib", "1.5", "", "", "\"libx=2.0\", \"virtual\"");
	struct rpg_dep d;

	T_ASSERT(m != NULL);
	d = dep("lib>=1.2");
	T_EXPECT(rpg_resolve_satisfies(m, &d));
	rpg_dep_free(&d);
	d = dep("lib<1.2");
	T_EXPECT(!rpg_resolve_satisfies(m, &d));
	rpg_dep_free(&d);
	d = dep("libx>=2");
	T_EXPECT(rpg_resolve_satisfies(m, &d));
	rpg_dep_free(&d);
	d = dep("virtual");
	T_EXPECT(rpg_resolve_satisfies(m, &d));
	rpg_dep_free(&d);
	d = dep("virtual>=1");
	T_EXPECT(!rpg_resolve_satisfies(m, &d));
	rpg_dep_free(&d);
	rpg_manifest_free(m);
}

T_TEST(best_prefers_first_repository_then_newest)
{
	struct rpg_manifest *a = mk("lib", "1.0", "", "", ""), *b = mk("lib", "2.0", "", "", "");
	struct rpg_manifest *c = mk("lib", "3.0", "", "", "");
	struct rpg_avail pool[3] = { { a, NULL, 0 }, { b, NULL, 0 }, { c, NULL, 1 } };
	struct rpg_dep d = dep("lib");

	T_ASSERT(a && b && c);
	T_EXPECT(rpg_resolve_best(pool, 3, &d) == &pool[1]);
	rpg_dep_free(&d);
	d = dep("lib>2.5");
	T_EXPECT(rpg_resolve_best(pool, 3, &d) == &pool[2]);
	rpg_dep_free(&d);
	d = dep("nothere");
	T_EXPECT(rpg_resolve_best(pool, 3, &d) == NULL);
	rpg_dep_free(&d);
	rpg_manifest_free(a);
	rpg_manifest_free(b);
	rpg_manifest_free(c);
}

static struct rpg_db empty_db;

T_TEST(resolve_pulls_dependencies_transitively)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_manifest *app = mk("app", "1.0", "\"lib>=1.0\"", "", "");
	struct rpg_manifest *lib = mk("lib", "1.0", "\"base\"", "", "");
	struct rpg_manifest *base = mk("base", "1.0", "", "", "");
	struct rpg_avail want = { app, NULL, 0 };
	struct rpg_avail pool[2] = { { lib, NULL, 0 }, { base, NULL, 0 } };
	struct rpg_avail *out = NULL;
	size_t n = 0;

	T_ASSERT(app && lib && base);
	T_EXPECT_EQ(rpg_resolve(&ctx, &empty_db, &want, 1, pool, 2, NULL, 0, &out, &n), 0);
	T_EXPECT_EQ(n, 3);
	if (n == 3) {
		T_EXPECT_STR_EQ(out[1].m->name, "lib");
		T_EXPECT_STR_EQ(out[2].m->name, "base");
	}
	free(out);
	T_EXPECT_EQ(rpg_resolve(&ctx, &empty_db, &want, 1, pool, 1, NULL, 0, &out, &n), RPG_E_DEPENDS);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "lib: needs base");
	rpg_manifest_free(app);
	rpg_manifest_free(lib);
	rpg_manifest_free(base);
}

T_TEST(resolve_refuses_conflicts_both_ways)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_manifest *vim = mk("vim", "1.0", "", "\"vi<2\"", "");
	struct rpg_manifest *vi = mk("vi", "1.0", "", "", "");
	struct rpg_avail want[2] = { { vi, NULL, 0 }, { vim, NULL, 0 } };
	struct rpg_avail *out = NULL;
	size_t n = 0;

	T_ASSERT(vim && vi);
	T_EXPECT_EQ(rpg_resolve(&ctx, &empty_db, want, 2, NULL, 0, NULL, 0, &out, &n), RPG_E_CONFLICT);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "vim: conflicts with vi");
	rpg_manifest_free(vim);
	rpg_manifest_free(vi);
}

T_TEST(removal_must_not_break_installed_packages)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_manifest *app = mk("app", "1.0", "\"lib\"", "", "");
	struct rpg_manifest *lib = mk("lib", "1.0", "", "", "");
	struct rpg_manifest *pkgs[2] = { app, lib };
	struct rpg_db db = { .pkgs = pkgs, .npkgs = 2, .rootfd = -1, .dbfd = -1, .lockfd = -1 };
	char *rm_lib[1] = { "lib" }, *rm_both[2] = { "app", "lib" };
	struct rpg_avail *out = NULL;
	size_t n = 0;

	T_ASSERT(app && lib);
	T_EXPECT_EQ(rpg_resolve(&ctx, &db, NULL, 0, NULL, 0, rm_lib, 1, &out, &n), RPG_E_DEPENDS);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "app: needs lib");
	T_EXPECT_EQ(rpg_resolve(&ctx, &db, NULL, 0, NULL, 0, rm_both, 2, &out, &n), 0);
	free(out);
	rpg_manifest_free(app);
	rpg_manifest_free(lib);
}
