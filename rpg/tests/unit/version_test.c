/* version_test.c - rpg: unit tests of version ordering and dependency strings */
/* SPDX-License-Identifier: MIT */
#include "t.h"
#include "version.h"

static int
sign(int v)
{
	return v < 0 ? -1 : v > 0;
}

/* Each pair is strictly ascending; also checks antisymmetry and reflexivity. */
static const char *const ascending[][2] = {
	{ "1.0", "1.1" }, { "1.0", "1.0.1" }, { "1.9", "1.10" }, { "1.0~rc1", "1.0" },
	{ "1.0~rc1", "1.0~rc2" }, { "1.0~~", "1.0~" }, { "1.0~rc2", "1.0.1" },
	{ "1.0a", "1.0b" }, { "1.0", "1.0a" }, { "1.0a", "1.0.1" }, { "2", "10" },
	{ "0.9.99", "1" }, { "1.01", "1.2" }, { "1.0alpha", "1.0beta" }, { "1.a", "1.1" },
	{ "99999999999999999999", "100000000000000000000" }, { "1.0_rc1", "1.0_rc2" },
	{ "1.2.3", "1.2.4" }, { "2.0~beta", "2.0~rc" }, { "1", "1.0.0.1" },
};

static const char *const equal[][2] = {
	{ "1.0", "1.0" }, { "1.01", "1.1" }, { "1.0", "1_0" }, { "1.0", "1+0" }, { "007", "7" },
};

T_TEST(vercmp_ascending_pairs)
{
	size_t i;

	for (i = 0; i < sizeof(ascending) / sizeof(ascending[0]); i++) {
		if (sign(rpg_vercmp(ascending[i][0], ascending[i][1])) != -1 ||
		    sign(rpg_vercmp(ascending[i][1], ascending[i][0])) != 1) {
			T_FAILF("%s < %s does not hold", ascending[i][0], ascending[i][1]);
		}
		T_EXPECT_EQ(rpg_vercmp(ascending[i][0], ascending[i][0]), 0);
	}
}

T_TEST(vercmp_equal_pairs)
{
	size_t i;

	for (i = 0; i < sizeof(equal) / sizeof(equal[0]); i++) {
		if (rpg_vercmp(equal[i][0], equal[i][1]) != 0) {
			T_FAILF("%s == %s does not hold", equal[i][0], equal[i][1]);
		}
	}
}

T_TEST(vercmp_is_transitive_on_a_sorted_list)
{
	static const char *const list[] = {
		"0.1", "0.9~rc1", "0.9", "0.9a", "0.9.1", "1.0~alpha", "1.0~beta", "1.0",
		"1.0a", "1.0.0.1", "1.1", "1.10", "2", "10.0",
	};
	size_t n = sizeof(list) / sizeof(list[0]), i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			int want = i < j ? -1 : i > j;

			if (sign(rpg_vercmp(list[i], list[j])) != want) {
				T_FAILF("vercmp(%s, %s) != %d", list[i], list[j], want);
			}
		}
	}
}

T_TEST(evrcmp_compares_release_numerically)
{
	T_EXPECT(rpg_evrcmp("1.0-2", "1.0-10") < 0);
	T_EXPECT(rpg_evrcmp("1.0-10", "1.0-2") > 0);
	T_EXPECT(rpg_evrcmp("1.1-1", "1.0-9") > 0);
	T_EXPECT_EQ(rpg_evrcmp("1.0-3", "1.0-3"), 0);
	T_EXPECT_EQ(rpg_evrcmp("1.0-3", "1.0"), 0);
	T_EXPECT(rpg_evrcmp("1.0~rc1-5", "1.0-1") < 0);
}

T_TEST(version_valid)
{
	T_EXPECT(rpg_version_valid("1.0"));
	T_EXPECT(rpg_version_valid("0.1.0~rc1+git_2"));
	T_EXPECT(!rpg_version_valid(""));
	T_EXPECT(!rpg_version_valid("v1.0"));
	T_EXPECT(!rpg_version_valid("1.0-1"));
	T_EXPECT(!rpg_version_valid("1.0 "));
	T_EXPECT(!rpg_version_valid("1/0"));
}

T_TEST(dep_parse_ops)
{
	static const struct {
		const char *s, *name, *version;
		enum rpg_op op;
	} cases[] = {
		{ "init", "init", NULL, RPG_OP_ANY },
		{ "init>=0.1", "init", "0.1", RPG_OP_GE },
		{ "init<=0.1-2", "init", "0.1-2", RPG_OP_LE },
		{ "lib-c=1.2", "lib-c", "1.2", RPG_OP_EQ },
		{ "a<2", "a", "2", RPG_OP_LT },
		{ "a>2", "a", "2", RPG_OP_GT },
		{ "a >= 2", "a", "2", RPG_OP_GE },
	};
	struct rpg_dep d;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		T_ASSERT(rpg_dep_parse(cases[i].s, &d) == 0);
		T_EXPECT_STR_EQ(d.name, cases[i].name);
		T_EXPECT_EQ(d.op, cases[i].op);
		if (cases[i].version != NULL) {
			T_EXPECT_STR_EQ(d.version, cases[i].version);
		} else {
			T_EXPECT(d.version == NULL);
		}
		rpg_dep_free(&d);
	}
}

T_TEST(dep_parse_rejects_garbage)
{
	static const char *const bad[] = {
		"", ">=1", "a>=", "a=>1", "a>=x1", "a!1", "a>=1-x", "a>=1-", "-a", "a>=1 2",
	};
	struct rpg_dep d;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (rpg_dep_parse(bad[i], &d) != RPG_E_FORMAT) {
			T_FAILF("accepted \"%s\"", bad[i]);
			rpg_dep_free(&d);
		}
	}
}

T_TEST(dep_match)
{
	static const struct {
		const char *dep, *evr;
		int want;
	} cases[] = {
		{ "a", "0.1-1", 1 }, { "a>=1.0", "1.0-1", 1 }, { "a>=1.0", "0.9-9", 0 },
		{ "a>1.0", "1.0-5", 0 }, { "a>1.0-1", "1.0-5", 1 }, { "a<1.0", "1.0~rc1-1", 1 },
		{ "a<=1.0", "1.0-7", 1 }, { "a=1.0", "1.0-7", 1 }, { "a=1.0-7", "1.0-8", 0 },
		{ "a<2", "10-1", 0 },
	};
	struct rpg_dep d;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		T_ASSERT(rpg_dep_parse(cases[i].dep, &d) == 0);
		if (rpg_dep_match(&d, cases[i].evr) != cases[i].want) {
			T_FAILF("%s vs %s: expected %d", cases[i].dep, cases[i].evr, cases[i].want);
		}
		rpg_dep_free(&d);
	}
}
