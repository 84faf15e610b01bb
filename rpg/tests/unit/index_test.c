/* index_test.c - rpg: unit tests of index.json parsing, lookup and writing */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "index.h"
#include "t.h"

#define SHA "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define ENTRY(n, v, r, extra) "{\"name\": \"" n "\", \"version\": \"" v "\", \"release\": " #r \
	", \"arch\": \"x86_64\", \"type\": \"user\", " extra "\"filename\": \"" n "-" v "-" #r \
	".x86_64.rpg\", \"size\": 10, \"sha256\": \"" SHA "\"}"

static const char good[] = "{\"format\": 1, \"serial\": 7, \"packages\": ["
    ENTRY("sh", "1.10", 1, "\"provides\": [\"shell\"], ") ","
    ENTRY("sh", "1.9", 3, "") ","
    ENTRY("dash", "0.5", 1, "\"provides\": [\"shell=1\"], ") ","
    ENTRY("sh", "1.10", 2, "") "]}";

static int
parse(struct rpg_ctx *ctx, const char *json, struct rpg_index **ix)
{
	return rpg_index_parse(ctx, "index.json", json, strlen(json), ix);
}

T_TEST(parse_and_find_newest)
{
	struct rpg_ctx ctx = T_CTX();
	const struct rpg_index_entry *e;
	struct rpg_index *ix;
	char evr[64];

	T_ASSERT(parse(&ctx, good, &ix) == 0);
	T_EXPECT_EQ(ix->serial, 7);
	T_EXPECT_EQ(ix->nentries, 4);
	T_ASSERT((e = rpg_index_find(ix, "sh")) != NULL);
	T_EXPECT_STR_EQ(rpg_index_evr(e, evr, sizeof(evr)), "1.10-2");
	T_EXPECT_EQ(e->size, 10);
	T_ASSERT((e = rpg_index_find(ix, "shell")) != NULL);
	T_EXPECT_STR_EQ(e->m->name, "sh");
	T_EXPECT(rpg_index_find(ix, "nope") == NULL);
	rpg_index_free(ix);
}

T_TEST(serialize_sorted_round_trip)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_index *ix, *ix2;
	char *a, *b;
	size_t la, lb;

	T_ASSERT(parse(&ctx, good, &ix) == 0);
	rpg_index_sort(ix);
	T_EXPECT_STR_EQ(ix->entries[0].m->name, "dash");
	T_EXPECT_STR_EQ(ix->entries[1].m->version, "1.9");
	T_EXPECT_EQ(ix->entries[2].m->release, 1);
	T_EXPECT_EQ(ix->entries[3].m->release, 2);
	T_ASSERT((a = rpg_index_serialize(ix, &la)) != NULL);
	T_ASSERT(rpg_index_parse(&ctx, "again", a, la, &ix2) == 0);
	T_ASSERT((b = rpg_index_serialize(ix2, &lb)) != NULL);
	T_EXPECT_STR_EQ(a, b);
	T_EXPECT_EQ(ix2->serial, 7);
	free(a);
	free(b);
	rpg_index_free(ix);
	rpg_index_free(ix2);
}

T_TEST(rejects_bad_indexes)
{
	static const struct {
		const char *json, *want;
	} cases[] = {
		{ "{\"packages\": []}", "\"serial\"" },
		{ "{\"serial\": -1, \"packages\": []}", "\"serial\"" },
		{ "{\"serial\": 1}", "\"packages\"" },
		{ "{\"serial\": 1, \"packages\": [], \"x\": 1}", "\"x\": unknown key" },
		{ "{\"format\": 9, \"serial\": 1, \"packages\": []}", "\"format\"" },
		{ "{\"serial\": 1, \"packages\": [{\"name\": \"a\"}]}", "packages[0]" },
		{ "{\"serial\": 1, \"packages\": [{\"name\": \"a\", \"version\": \"1\", \"release\": 1, \"arch\": \"x\", \"type\": \"user\", \"filename\": \"../a.rpg\", \"size\": 1, \"sha256\": \"" SHA "\"}]}", "\"filename\"" },
		{ "{\"serial\": 1, \"packages\": [{\"name\": \"a\", \"version\": \"1\", \"release\": 1, \"arch\": \"x\", \"type\": \"user\", \"filename\": \"a.rpg\", \"size\": 1, \"sha256\": \"00\"}]}", "\"sha256\"" },
		{ "{\"serial\": 1, \"packages\": [{\"name\": \"a\", \"version\": \"1\", \"release\": 1, \"arch\": \"x\", \"type\": \"user\", \"filename\": \"a.rpg\", \"sha256\": \"" SHA "\"}]}", "\"size\"" },
		{ "{\"serial\": 1, \"packages\": [{\"name\": \"a\", \"version\": \"1\", \"release\": 1, \"arch\": \"x\", \"type\": \"user\", \"files\": [], \"filename\": \"a.rpg\", \"size\": 1, \"sha256\": \"" SHA "\"}]}", "\"files\"" },
		{ "not json", "invalid JSON" },
	};
	struct rpg_ctx ctx = T_CTX();
	struct rpg_index *ix;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (parse(&ctx, cases[i].json, &ix) == 0) {
			T_FAILF("accepted %s", cases[i].json);
			rpg_index_free(ix);
			continue;
		}
		T_EXPECT_STR_CONTAINS(ctx.err.msg, cases[i].want);
		T_EXPECT_STR_CONTAINS(ctx.err.msg, "index.json");
	}
}
