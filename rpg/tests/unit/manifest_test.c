/* manifest_test.c - rpg: unit tests of manifest parsing, validation and serialisation */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "manifest.h"
#include "t.h"

#define SHA "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define HEAD "\"name\": \"hello\", \"version\": \"1.0\", \"release\": 2, \"arch\": \"x86_64\", " \
	"\"type\": \"user\", \"summary\": \"Hi\", \"license\": \"MIT\", "

static const char good[] = "{" HEAD "\"depends\": [\"init>=0.1\"], \"provides\": [\"greeter\"], "
    "\"files\": ["
    "{\"path\": \"usr\", \"type\": \"dir\", \"mode\": 493},"
    "{\"path\": \"usr/bin\", \"type\": \"dir\", \"mode\": 493},"
    "{\"path\": \"usr/bin/hello\", \"type\": \"file\", \"mode\": 493, \"size\": 0, \"sha256\": \"" SHA "\"},"
    "{\"path\": \"usr/bin/hi\", \"type\": \"symlink\", \"mode\": 511, \"target\": \"hello\"}"
    "]}";

static int
parse(struct rpg_ctx *ctx, const char *json, struct rpg_manifest **m)
{
	return rpg_manifest_parse(ctx, "hello.rpg", json, strlen(json), m);
}

/* Parse "{HEAD files: [FILES]}" and expect code; the message must mention want. */
static void
expect_files(const char *files, int code, const char *want)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_manifest *m = NULL;
	char *json;

	T_ASSERT(asprintf(&json, "{" HEAD "\"files\": [%s]}", files) > 0);
	if (parse(&ctx, json, &m) != code) {
		T_FAILF("files [%s]: got %d (%s), expected %d", files, ctx.err.code, ctx.err.msg, code);
	}
	if (code != 0) {
		T_EXPECT_STR_CONTAINS(ctx.err.msg, want);
		T_EXPECT(m == NULL);
	}
	rpg_manifest_free(m);
	free(json);
}

T_TEST(parse_good_manifest)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_manifest *m;
	const struct rpg_file *f;
	char buf[128];

	T_ASSERT(parse(&ctx, good, &m) == 0);
	T_EXPECT_STR_EQ(m->name, "hello");
	T_EXPECT_EQ(m->release, 2);
	T_EXPECT_EQ(m->type, RPG_TYPE_USER);
	T_EXPECT_EQ(m->nfiles, 4);
	T_EXPECT_EQ(m->ndepends, 1);
	T_EXPECT_EQ(m->depends[0].op, RPG_OP_GE);
	T_EXPECT_EQ(m->nprovides, 1);
	T_ASSERT((f = rpg_manifest_find(m, "usr/bin/hi")) != NULL);
	T_EXPECT_STR_EQ(f->target, "hello");
	T_EXPECT(rpg_manifest_find(m, "usr/bin/nope") == NULL);
	T_EXPECT_STR_EQ(rpg_manifest_nvr(m, buf, sizeof(buf)), "hello-1.0-2");
	T_EXPECT_STR_EQ(rpg_manifest_filename(m, buf, sizeof(buf)), "hello-1.0-2.x86_64.rpg");
	rpg_manifest_free(m);
}

T_TEST(serialize_round_trips)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_manifest *m, *m2;
	char *a, *b;
	size_t la, lb;

	T_ASSERT(parse(&ctx, good, &m) == 0);
	T_ASSERT((a = rpg_manifest_serialize(m, &la)) != NULL);
	T_EXPECT_EQ(strlen(a), la);
	T_ASSERT(rpg_manifest_parse(&ctx, "again", a, la, &m2) == 0);
	T_ASSERT((b = rpg_manifest_serialize(m2, &lb)) != NULL);
	T_EXPECT_STR_EQ(a, b);
	T_EXPECT_STR_CONTAINS(a, "\"depends\": [\"init>=0.1\"]");
	rpg_manifest_free(m);
	rpg_manifest_free(m2);
	free(a);
	free(b);
}

T_TEST(rejects_bad_fields)
{
	static const struct {
		const char *json, *want;
	} cases[] = {
		{ "{\"name\": \"a\"}", "\"version\": missing" },
		{ "{" HEAD "\"bogus\": 1, \"files\": []}", "\"bogus\": unknown key" },
		{ "{\"name\": \"a\", \"version\": \"x1\", \"release\": 1, \"arch\": \"x\", \"type\": \"user\", \"files\": []}", "\"version\": invalid value \"x1\"" },
		{ "{\"name\": \"a\", \"version\": \"1\", \"release\": 1, \"arch\": \"x\", \"type\": \"bogus\", \"files\": []}", "\"type\": must be" },
		{ "{\"name\": \"a b\", \"version\": \"1\", \"release\": 1, \"arch\": \"x\", \"type\": \"user\", \"files\": []}", "\"name\": invalid" },
		{ "{\"name\": \"a\", \"version\": \"1\", \"release\": -1, \"arch\": \"x\", \"type\": \"user\", \"files\": []}", "\"release\"" },
		{ "{\"name\": \"a\", \"version\": \"1\", \"release\": \"1\", \"arch\": \"x\", \"type\": \"user\", \"files\": []}", "\"release\"" },
		{ "{" HEAD "\"depends\": [\"a>=\"], \"files\": []}", "\"depends\": invalid entry" },
		{ "{" HEAD "\"provides\": [\"a>=1\"], \"files\": []}", "\"provides\"" },
		{ "{" HEAD "\"format\": 2, \"files\": []}", "\"format\"" },
		{ "{" HEAD "\"installed_size\": 5, \"files\": []}", "installed_size" },
		{ "{" HEAD "\"build_date\": 0}", "\"files\": missing" },
		{ "{" HEAD "\"files\": []} x", "invalid JSON" },
		{ "{" HEAD "\"files\": [", "invalid JSON" },
		{ "[]", "not a JSON object" },
		{ "{" HEAD "\"summary\": \"a\\u0000b\", \"files\": []}", "summary" },
	};
	struct rpg_ctx ctx = T_CTX();
	struct rpg_manifest *m;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (parse(&ctx, cases[i].json, &m) == 0) {
			T_FAILF("accepted %s", cases[i].json);
			rpg_manifest_free(m);
			continue;
		}
		T_EXPECT_STR_CONTAINS(ctx.err.msg, cases[i].want);
		T_EXPECT_STR_CONTAINS(ctx.err.msg, "hello.rpg: ");
	}
}

T_TEST(rejects_unsafe_paths)
{
	expect_files("{\"path\": \"/etc/passwd\", \"type\": \"dir\", \"mode\": 493}", RPG_E_UNSAFE, "/etc/passwd: unsafe path");
	expect_files("{\"path\": \"a/../../b\", \"type\": \"dir\", \"mode\": 493}", RPG_E_UNSAFE, "unsafe path");
	expect_files("{\"path\": \"..\", \"type\": \"dir\", \"mode\": 493}", RPG_E_UNSAFE, "unsafe path");
	expect_files("{\"path\": \"a/./b\", \"type\": \"dir\", \"mode\": 493}", RPG_E_UNSAFE, "unsafe path");
	expect_files("{\"path\": \"a//b\", \"type\": \"dir\", \"mode\": 493}", RPG_E_UNSAFE, "unsafe path");
	expect_files("{\"path\": \"a/\", \"type\": \"dir\", \"mode\": 493}", RPG_E_UNSAFE, "unsafe path");
	expect_files("{\"path\": \"\", \"type\": \"dir\", \"mode\": 493}", RPG_E_UNSAFE, "unsafe path");
	expect_files("{\"path\": \"a\xff\", \"type\": \"dir\", \"mode\": 493}", RPG_E_UNSAFE, "not UTF-8");
	expect_files("{\"path\": \".RPG\", \"type\": \"dir\", \"mode\": 493}", RPG_E_UNSAFE, ".RPG: unsafe path");
	expect_files("{\"path\": \".RPGx\", \"type\": \"dir\", \"mode\": 493}", 0, "");
	expect_files("{\"path\": \"\xc3\xbc\", \"type\": \"dir\", \"mode\": 493}", 0, "");
}

T_TEST(rejects_bad_file_entries)
{
	expect_files("{\"path\": \"b\", \"type\": \"dir\", \"mode\": 493},{\"path\": \"a\", \"type\": \"dir\", \"mode\": 493}", RPG_E_FORMAT, "a: files not sorted or duplicated");
	expect_files("{\"path\": \"a\", \"type\": \"dir\", \"mode\": 493},{\"path\": \"a\", \"type\": \"dir\", \"mode\": 493}", RPG_E_FORMAT, "duplicated");
	expect_files("{\"path\": \"a\", \"type\": \"symlink\", \"mode\": 511, \"target\": \"/etc\"},{\"path\": \"a/passwd\", \"type\": \"dir\", \"mode\": 493}", RPG_E_UNSAFE, "a/passwd: parent a is not a directory");
	expect_files("{\"path\": \"a\", \"type\": \"dir\", \"mode\": 493, \"size\": 1}", RPG_E_FORMAT, "\"size\" only for files");
	expect_files("{\"path\": \"a\", \"type\": \"file\", \"mode\": 420}", RPG_E_FORMAT, "\"size\" missing");
	expect_files("{\"path\": \"a\", \"type\": \"file\", \"mode\": 420, \"size\": 1, \"sha256\": \"00\"}", RPG_E_FORMAT, "\"sha256\" missing or invalid");
	expect_files("{\"path\": \"a\", \"type\": \"file\", \"mode\": 9999, \"size\": 1, \"sha256\": \"" SHA "\"}", RPG_E_FORMAT, "\"mode\"");
	expect_files("{\"path\": \"a\", \"type\": \"fifo\", \"mode\": 420}", RPG_E_FORMAT, "\"type\" must be");
	expect_files("{\"path\": \"a\", \"type\": \"symlink\", \"mode\": 511}", RPG_E_FORMAT, "\"target\" missing");
	expect_files("{\"path\": \"a\", \"type\": \"dir\", \"mode\": 493, \"uid\": 0}", RPG_E_FORMAT, "a: \"uid\": unknown key");
	expect_files("{\"path\": \"a\", \"type\": \"dir\", \"mode\": 493}", 0, "");
}

T_TEST(rejects_oversize_manifest)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_manifest *m;

	T_EXPECT_EQ(rpg_manifest_parse(&ctx, "big", good, RPG_MANIFEST_MAX + 1, &m), RPG_E_FORMAT);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "larger than");
}

T_TEST(pkgtype_names)
{
	T_EXPECT_EQ(rpg_pkgtype_parse("kernel"), RPG_TYPE_KERNEL);
	T_EXPECT_EQ(rpg_pkgtype_parse("nope"), 0);
	T_EXPECT_STR_EQ(rpg_pkgtype_name(RPG_TYPE_META), "meta");
}
