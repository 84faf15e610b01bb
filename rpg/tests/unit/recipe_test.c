/* recipe_test.c - rpg: unit tests of recipe loading and validation */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "io.h"
#include "recipe.h"
#include "t.h"

#define BASE "\"name\": \"a\", \"version\": \"1.0\", \"release\": 1, \"arch\": \"x86_64\", " \
	"\"type\": \"user\", \"summary\": \"s\", \"license\": \"MIT\""

/* Write text as a recipe file and load it: the return code, message in ctx. */
static int
load(struct rpg_ctx *ctx, const char *text, struct rpg_recipe **r)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/r.json", T_TMPDIR());
	if (rpg_io_write_atomic(ctx, path, text, strlen(text), 0644) != 0) {
		return -1;
	}
	return rpg_recipe_load(ctx, path, r);
}

T_TEST(loads_a_recipe_with_comments)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_recipe *r;

	T_ASSERT(load(&ctx, "/* c */ {" BASE ", // line\n \"build\": \"true\"}", &r) == 0);
	T_EXPECT_STR_EQ(r->m->name, "a");
	T_EXPECT_STR_EQ(r->build, "true");
	T_EXPECT_STR_EQ(r->install, "");
	T_EXPECT_STR_EQ(r->source, r->dir);
	T_EXPECT_EQ(r->m->nfiles, 0);
	rpg_recipe_free(r);
}

T_TEST(errors_name_the_recipe_and_key)
{
	static const struct {
		const char *json, *want;
	} cases[] = {
		{ "{" BASE ", \"bogus\": 1}", "r.json: \"bogus\": unknown key" },
		{ "{\"name\": \"a\"}", "r.json: \"version\": missing" },
		{ "{" BASE ", \"build_date\": 1}", "\"build_date\": unknown key" },
		{ "{" BASE ", \"build\": 1}", "\"build\": must be a string" },
		{ "{" BASE ", \"source\": \"does/not/exist\"}", "\"source\": " },
		{ "{\"name\": \"a\", \"version\": \"one\", \"release\": 1, \"arch\": \"x86_64\", \"type\": \"user\", \"summary\": \"s\", \"license\": \"MIT\"}", "r.json: \"version\": invalid value \"one\"" },
		{ "{\"name\": \"a\", \"version\": \"1\", \"release\": 1, \"arch\": \"x86_64\", \"type\": \"app\", \"summary\": \"s\", \"license\": \"MIT\"}", "r.json: \"type\": must be" },
		{ "{" BASE ", \"depends\": [\"b>>1\"]}", "r.json: \"depends\": invalid entry \"b>>1\"" },
		{ "{" BASE, "r.json: invalid JSON" },
	};
	struct rpg_ctx ctx = T_CTX();
	struct rpg_recipe *r;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (load(&ctx, cases[i].json, &r) == 0) {
			T_FAILF("accepted %s", cases[i].json);
			rpg_recipe_free(r);
			continue;
		}
		T_EXPECT_STR_CONTAINS(ctx.err.msg, cases[i].want);
	}
}
