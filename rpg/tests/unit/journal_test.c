/* journal_test.c - rpg: unit tests of the transaction journal */
/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "journal.h"
#include "t.h"

static int
scratch(const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", T_TMPDIR(), name);
	mkdir(path, 0755);
	return open(path, O_RDONLY | O_DIRECTORY);
}

T_TEST(journal_round_trip)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_journal *j = rpg_journal_new(), *back = NULL;
	int fd = scratch("j1");

	T_ASSERT(j != NULL && fd >= 0);
	T_EXPECT_EQ(strlen(j->txid), 16);
	T_EXPECT_EQ(rpg_journal_add_pkg(&ctx, j, RPG_JOP_INSTALL, "hello"), 0);
	T_EXPECT_EQ(rpg_journal_add_pkg(&ctx, j, RPG_JOP_REMOVE, "old"), 0);
	T_EXPECT_EQ(rpg_journal_add_dir(&ctx, j, "usr/share/hello"), 0);
	T_EXPECT_EQ(rpg_journal_add_aside(&ctx, j, "usr/share/hello"), 0);
	j->state = RPG_JOURNAL_COMMIT;
	T_EXPECT_EQ(rpg_journal_write(&ctx, fd, j), 0);
	T_EXPECT_EQ(rpg_journal_read(&ctx, fd, &back), 0);
	T_ASSERT(back != NULL);
	T_EXPECT_STR_EQ(back->txid, j->txid);
	T_EXPECT_EQ(back->state, RPG_JOURNAL_COMMIT);
	T_EXPECT_EQ(back->npkgs, 2);
	T_EXPECT_STR_EQ(back->pkgs[1].name, "old");
	T_EXPECT_EQ(back->pkgs[1].op, RPG_JOP_REMOVE);
	T_EXPECT_EQ(back->ndirs, 1);
	T_EXPECT_STR_EQ(back->dirs[0], "usr/share/hello");
	T_EXPECT_EQ(back->nasides, 1);
	T_EXPECT_EQ(rpg_journal_aside_index(back, "usr/share/hello"), 0);
	T_EXPECT_EQ(rpg_journal_aside_index(back, "usr/share"), -1);
	rpg_journal_free(back);
	T_EXPECT_EQ(rpg_journal_remove(&ctx, fd), 0);
	T_EXPECT_EQ(rpg_journal_read(&ctx, fd, &back), 0);
	T_EXPECT(back == NULL);
	rpg_journal_free(j);
	close(fd);
}

T_TEST(journal_rejects_garbage_and_incomplete)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_journal *j = NULL;
	static const char half[] = "rpg-journal 1\ntxid 0123456789abcdef\nstate commit\ninstall a\n";
	static const char bad[] = "rpg-journal 1\ntxid 0123456789abcdef\nstate maybe\nend\n";
	int fd = scratch("j2");

	T_ASSERT(fd >= 0);
	T_EXPECT_EQ(rpg_fs_write_atomic(&ctx, fd, "journal", half, sizeof(half) - 1, 0644), 0);
	T_EXPECT_EQ(rpg_journal_read(&ctx, fd, &j), RPG_E_FORMAT);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "incomplete");
	T_EXPECT_EQ(rpg_fs_write_atomic(&ctx, fd, "journal", bad, sizeof(bad) - 1, 0644), 0);
	T_EXPECT_EQ(rpg_journal_read(&ctx, fd, &j), RPG_E_FORMAT);
	T_EXPECT(j == NULL);
	close(fd);
}

T_TEST(stage_names_carry_txid_and_indexes)
{
	struct rpg_journal *j = rpg_journal_new();
	char buf[64], want[64];

	T_ASSERT(j != NULL);
	rpg_journal_stage_name(j, 2, 17, buf, sizeof(buf));
	snprintf(want, sizeof(want), ".rpg-%s-2-17", j->txid);
	T_EXPECT_STR_EQ(buf, want);
	rpg_journal_free(j);
}
