/* txn_test.c - rpg: unit tests of transaction recovery (redo after commit, undo before) */
/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "fsutil.h"
#include "journal.h"
#include "txn.h"
#include "t.h"


static char *
file_text(const char *root, const char *rel)
{
	struct rpg_ctx ctx = T_CTX();
	char path[4200], *buf = NULL;
	int fd;

	snprintf(path, sizeof(path), "%s", root);
	fd = open(path, O_RDONLY | O_DIRECTORY);
	if (rpg_fs_read(&ctx, fd, rel, 4096, &buf, NULL) < 0)
		buf = NULL;
	close(fd);
	return buf;
}

/*
 * A root with "old" installed (usr/share/x/old, usr/share/x/keep) and a
 * transaction to "new" (usr/share/x/keep, usr/share/y/new) whose files
 * are staged and journalled in state st, as if rpg died right there.
 */
static struct rpg_db *
crashed_root(struct rpg_ctx *ctx, char *root, size_t size, const char *name,
    enum rpg_journal_state st)
{
	static const char oldm[] = "{\"name\": \"p\", \"version\": \"1.0\", \"release\": 1, "
	    "\"arch\": \"x86_64\", \"type\": \"user\", \"summary\": \"s\", \"license\": \"MIT\", "
	    "\"files\": [{\"path\": \"usr\", \"type\": \"dir\", \"mode\": 493}, "
	    "{\"path\": \"usr/share\", \"type\": \"dir\", \"mode\": 493}, "
	    "{\"path\": \"usr/share/x\", \"type\": \"dir\", \"mode\": 493}, "
	    "{\"path\": \"usr/share/x/keep\", \"type\": \"file\", \"mode\": 420, \"size\": 4, "
	    "\"sha256\": \"%s\"}, "
	    "{\"path\": \"usr/share/x/old\", \"type\": \"file\", \"mode\": 420, \"size\": 4, "
	    "\"sha256\": \"%s\"}]}";
	static const char newm[] = "{\"name\": \"p\", \"version\": \"2.0\", \"release\": 1, "
	    "\"arch\": \"x86_64\", \"type\": \"user\", \"summary\": \"s\", \"license\": \"MIT\", "
	    "\"files\": [{\"path\": \"usr\", \"type\": \"dir\", \"mode\": 493}, "
	    "{\"path\": \"usr/share\", \"type\": \"dir\", \"mode\": 493}, "
	    "{\"path\": \"usr/share/x\", \"type\": \"dir\", \"mode\": 493}, "
	    "{\"path\": \"usr/share/x/keep\", \"type\": \"file\", \"mode\": 420, \"size\": 4, "
	    "\"sha256\": \"%s\"}, "
	    "{\"path\": \"usr/share/y\", \"type\": \"dir\", \"mode\": 493}, "
	    "{\"path\": \"usr/share/y/new\", \"type\": \"file\", \"mode\": 420, \"size\": 4, "
	    "\"sha256\": \"%s\"}]}";
	struct rpg_manifest *m = NULL;
	struct rpg_journal *j;
	struct rpg_db *db = NULL;
	char *json, stage[64], hex[RPG_SHA256_HEX], hexold[RPG_SHA256_HEX];
	uint8_t sum[RPG_SHA256_LEN];
	int fd, x;

	snprintf(root, size, "%s/%s", T_TMPDIR(), name);
	mkdir(root, 0755);
	ctx->root = root;
	if (rpg_db_open(ctx, RPG_DB_WRITE, &db) < 0)
		return NULL;
	rpg_sha256("new\n", 4, sum);
	rpg_hex(sum, sizeof(sum), hex);
	rpg_sha256("old\n", 4, sum);
	rpg_hex(sum, sizeof(sum), hexold);
	/* Installed: version 1. */
	if (asprintf(&json, oldm, hexold, hexold) < 0 ||
	    rpg_manifest_parse(ctx, "old", json, strlen(json), &m) < 0)
		return NULL;
	free(json);
	rpg_db_stage_manifest(ctx, db, m);
	rpg_db_commit_manifest(ctx, db, "p");
	rpg_manifest_free(m);
	rpg_fs_opendir(ctx, db->rootfd, "usr/share/x", RPG_FS_CREATE, 0755, &x);
	rpg_fs_write_atomic(ctx, x, "keep", "old\n", 4, 0644);
	rpg_fs_write_atomic(ctx, x, "old", "old\n", 4, 0644);
	/* Staged: version 2, its new directory and both files. */
	if (asprintf(&json, newm, hex, hex) < 0 ||
	    rpg_manifest_parse(ctx, "new", json, strlen(json), &m) < 0)
		return NULL;
	free(json);
	rpg_db_stage_manifest(ctx, db, m);
	j = rpg_journal_new();
	rpg_journal_add_pkg(ctx, j, RPG_JOP_INSTALL, "p");
	rpg_journal_add_dir(ctx, j, "usr/share/y");
	rpg_fs_opendir(ctx, db->rootfd, "usr/share/y", RPG_FS_CREATE, 0755, &fd);
	rpg_journal_stage_name(j, 0, 3, stage, sizeof(stage));
	rpg_fs_write_atomic(ctx, x, stage, "new\n", 4, 0644);
	rpg_journal_stage_name(j, 0, 5, stage, sizeof(stage));
	rpg_fs_write_atomic(ctx, fd, stage, "new\n", 4, 0644);
	close(fd);
	close(x);
	j->state = st;
	rpg_journal_write(ctx, db->dbfd, j);
	rpg_journal_free(j);
	rpg_manifest_free(m);
	rpg_db_reload(ctx, db);
	return db;
}

T_TEST(recovery_finishes_a_committed_transaction)
{
	struct rpg_ctx ctx = T_CTX();
	char root[4096], *s;
	struct rpg_db *db = crashed_root(&ctx, root, sizeof(root), "t1", RPG_JOURNAL_COMMIT);

	T_ASSERT(db != NULL);
	T_EXPECT_EQ(rpg_txn_recover(&ctx, db), 1);
	T_EXPECT_STR_EQ((s = file_text(root, "usr/share/x/keep")), "new\n");
	free(s);
	T_EXPECT_STR_EQ((s = file_text(root, "usr/share/y/new")), "new\n");
	free(s);
	T_EXPECT((s = file_text(root, "usr/share/x/old")) == NULL);
	free(s);
	T_ASSERT(rpg_db_find(db, "p") != NULL);
	T_EXPECT_STR_EQ(rpg_db_find(db, "p")->version, "2.0");
	T_EXPECT_EQ(rpg_txn_recover(&ctx, db), 0);
	rpg_db_close(db);
}

T_TEST(recovery_undoes_a_prepared_transaction)
{
	struct rpg_ctx ctx = T_CTX();
	char root[4096], path[4200], *s;
	struct rpg_db *db = crashed_root(&ctx, root, sizeof(root), "t2", RPG_JOURNAL_PREPARE);

	T_ASSERT(db != NULL);
	T_EXPECT_EQ(rpg_txn_recover(&ctx, db), 1);
	T_EXPECT_STR_EQ((s = file_text(root, "usr/share/x/keep")), "old\n");
	free(s);
	T_EXPECT_STR_EQ((s = file_text(root, "usr/share/x/old")), "old\n");
	free(s);
	snprintf(path, sizeof(path), "%s/usr/share/y", root);
	T_EXPECT(access(path, F_OK) != 0);
	T_EXPECT_STR_EQ(rpg_db_find(db, "p")->version, "1.0");
	rpg_db_close(db);
}

T_TEST(a_missing_package_file_is_a_clear_error)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_pkgfile *p = NULL;

	T_EXPECT(rpg_pkg_open(&ctx, "/nonexistent/x.rpg", NULL, 0, &p) < 0);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "/nonexistent/x.rpg");
}
