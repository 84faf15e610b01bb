/* db_test.c - rpg: unit tests of the installed-package database */
/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "t.h"

#define SHA "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static struct rpg_ctx
root_ctx(const char *name, char *buf, size_t size)
{
	struct rpg_ctx ctx = T_CTX();

	snprintf(buf, size, "%s/%s", T_TMPDIR(), name);
	mkdir(buf, 0755);
	ctx.root = buf;
	return ctx;
}

static struct rpg_manifest *
mk(const char *name, const char *path)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_manifest *m = NULL;
	char *json;

	if (asprintf(&json, "{\"name\": \"%s\", \"version\": \"1.0\", \"release\": 1, "
	    "\"arch\": \"x86_64\", \"type\": \"user\", \"summary\": \"s\", \"license\": \"MIT\", "
	    "\"files\": [{\"path\": \"usr\", \"type\": \"dir\", \"mode\": 493}, "
	    "{\"path\": \"%s\", \"type\": \"file\", \"mode\": 420, \"size\": 0, \"sha256\": \"" SHA "\"}]}",
	    name, path) < 0)
		return NULL;
	if (rpg_manifest_parse(&ctx, name, json, strlen(json), &m) < 0)
		printf("# %s\n", ctx.err.msg);
	free(json);
	return m;
}

T_TEST(read_open_of_a_bare_root_creates_nothing)
{
	char root[4096];
	struct rpg_ctx ctx = root_ctx("db0", root, sizeof(root));
	struct rpg_db *db = NULL;
	char path[4200];

	T_EXPECT_EQ(rpg_db_open(&ctx, RPG_DB_READ, &db), 0);
	T_ASSERT(db != NULL);
	T_EXPECT_EQ(db->npkgs, 0);
	rpg_db_close(db);
	snprintf(path, sizeof(path), "%s/var", root);
	T_EXPECT(access(path, F_OK) != 0);
}

T_TEST(stage_commit_find_owner_drop)
{
	char root[4096];
	struct rpg_ctx ctx = root_ctx("db1", root, sizeof(root));
	struct rpg_manifest *m = mk("hello", "usr/hello");
	const struct rpg_manifest *owner = NULL;
	const struct rpg_file *f = NULL;
	struct rpg_db *db = NULL;

	T_ASSERT(m != NULL);
	T_ASSERT(rpg_db_open(&ctx, RPG_DB_WRITE, &db) == 0);
	T_EXPECT_EQ(rpg_db_stage_manifest(&ctx, db, m), 0);
	T_EXPECT(rpg_db_find(db, "hello") == NULL);
	T_EXPECT_EQ(rpg_db_commit_manifest(&ctx, db, "hello"), 0);
	T_EXPECT_EQ(rpg_db_commit_manifest(&ctx, db, "hello"), 0);	/* idempotent */
	T_EXPECT_EQ(rpg_db_reload(&ctx, db), 0);
	T_ASSERT(rpg_db_find(db, "hello") != NULL);
	T_EXPECT(rpg_db_owner(db, "usr/hello", NULL, &owner, &f));
	T_EXPECT_STR_EQ(owner->name, "hello");
	T_EXPECT(!rpg_db_owner(db, "usr/hello", "hello", &owner, &f));
	T_EXPECT(!rpg_db_owner(db, "usr/other", NULL, &owner, &f));
	T_EXPECT_EQ(rpg_db_drop_manifest(&ctx, db, "hello"), 0);
	T_EXPECT_EQ(rpg_db_reload(&ctx, db), 0);
	T_EXPECT(rpg_db_find(db, "hello") == NULL);
	rpg_db_close(db);
	rpg_manifest_free(m);
}

T_TEST(world_serials_and_previous_persist)
{
	char root[4096], buf[256];
	struct rpg_ctx ctx = root_ctx("db2", root, sizeof(root));
	struct rpg_db *db = NULL;
	uint64_t serial = 1;

	T_ASSERT(rpg_db_open(&ctx, RPG_DB_WRITE, &db) == 0);
	T_EXPECT_EQ(rpg_db_world_set(&ctx, db, "zsh", 1), 0);
	T_EXPECT_EQ(rpg_db_world_set(&ctx, db, "bash", 1), 0);
	T_EXPECT_EQ(rpg_db_world_set(&ctx, db, "zsh", 0), 0);
	T_EXPECT_EQ(rpg_db_serial_get(&ctx, db, "repo1", &serial), 0);
	T_EXPECT_EQ(serial, 0);
	T_EXPECT_EQ(rpg_db_serial_set(&ctx, db, "repo1", 42), 0);
	T_EXPECT_EQ(rpg_db_prev_set(&ctx, db, "bash", "bash-1.0-1.x86_64.rpg"), 0);
	rpg_db_close(db);
	T_ASSERT(rpg_db_open(&ctx, RPG_DB_READ, &db) == 0);
	T_EXPECT(rpg_db_in_world(db, "bash"));
	T_EXPECT(!rpg_db_in_world(db, "zsh"));
	T_EXPECT_EQ(rpg_db_serial_get(&ctx, db, "repo1", &serial), 0);
	T_EXPECT_EQ(serial, 42);
	T_EXPECT_EQ(rpg_db_prev_get(&ctx, db, "bash", buf, sizeof(buf)), 0);
	T_EXPECT_STR_EQ(buf, "bash-1.0-1.x86_64.rpg");
	T_EXPECT_EQ(rpg_db_prev_get(&ctx, db, "zsh", buf, sizeof(buf)), 0);
	T_EXPECT_STR_EQ(buf, "");
	rpg_db_close(db);
}

T_TEST(second_opener_is_locked_out)
{
	char root[4096];
	struct rpg_ctx ctx = root_ctx("db3", root, sizeof(root));
	struct rpg_db *a = NULL, *b = NULL;

	T_ASSERT(rpg_db_open(&ctx, RPG_DB_WRITE, &a) == 0);
	T_EXPECT_EQ(rpg_db_open(&ctx, RPG_DB_WRITE, &b), RPG_E_LOCKED);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "another rpg");
	rpg_db_close(a);
	T_EXPECT_EQ(rpg_db_open(&ctx, RPG_DB_WRITE, &b), 0);
	rpg_db_close(b);
}
