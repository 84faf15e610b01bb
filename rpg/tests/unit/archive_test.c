/* archive_test.c - rpg: unit tests of the .rpg archive writer and reader */
/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "archive.h"
#include "archive_write.h"
#include "t.h"

static const char big_name[] = "usr/share/a-very-long-directory-name-that-does-not-fit-in-ustar-"
    "headers-at-all-because-it-is-long/f\xc3\xbc\xc3\xb1ny";

/* Write a small archive to path; 0 on success. */
static int
write_sample(const char *path)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_awriter *w;
	int fd, rc;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
		return -1;
	}
	rc = rpg_awriter_open(&ctx, fd, path, &w);
	if (rc == 0) {
		rc = rpg_awriter_add_data(&ctx, w, ".RPG/manifest.json", 0644, 5, "{}", 2);
		rc = rc ? rc : rpg_awriter_add_data(&ctx, w, ".RPG/manifest.json.minisig", 0644, 5, "s", 1);
		rc = rc ? rc : rpg_awriter_add_dir(&ctx, w, "usr", 0755, 5);
		rc = rc ? rc : rpg_awriter_add_symlink(&ctx, w, "usr/lnk", 0777, 5, "target");
		rc = rc ? rc : rpg_awriter_add_data(&ctx, w, big_name, 04755, 5, "hello", 5);
		rc = rc ? rc : rpg_awriter_close(&ctx, w);
	}
	close(fd);
	return rc;
}

T_TEST(write_then_read_back)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_areader *r;
	struct rpg_entry e;
	char path[512], *m, *sig, buf[16];
	size_t mlen, siglen;
	int fd;

	snprintf(path, sizeof(path), "%s/a.rpg", T_TMPDIR());
	T_ASSERT(write_sample(path) == 0);
	T_ASSERT((fd = open(path, O_RDONLY)) >= 0);
	T_ASSERT(rpg_areader_open(&ctx, fd, "a.rpg", &r) == 0);
	T_ASSERT(rpg_areader_manifest(&ctx, r, &m, &mlen, &sig, &siglen) == 0);
	T_EXPECT_STR_EQ(m, "{}");
	T_EXPECT_STR_EQ(sig, "s");
	T_ASSERT(rpg_areader_next(&ctx, r, &e) == 1);
	T_EXPECT_STR_EQ(e.path, "usr");
	T_EXPECT_EQ(e.type, RPG_ET_DIR);
	T_ASSERT(rpg_areader_next(&ctx, r, &e) == 1);
	T_EXPECT_EQ(e.type, RPG_ET_SYMLINK);
	T_EXPECT_STR_EQ(e.link, "target");
	T_ASSERT(rpg_areader_next(&ctx, r, &e) == 1);
	T_EXPECT_STR_EQ(e.path, big_name);
	T_EXPECT_EQ(e.mode, 04755);
	T_EXPECT_EQ(e.size, 5);
	T_EXPECT_EQ(rpg_areader_read(&ctx, r, buf, 2), 2);
	T_EXPECT_EQ(rpg_areader_read(&ctx, r, buf + 2, sizeof(buf) - 2), 3);
	T_EXPECT(memcmp(buf, "hello", 5) == 0);
	T_EXPECT_EQ(rpg_areader_read(&ctx, r, buf, sizeof(buf)), 0);
	T_EXPECT_EQ(rpg_areader_next(&ctx, r, &e), 0);
	rpg_areader_close(r);
	close(fd);
	free(m);
	free(sig);
}

T_TEST(writer_is_deterministic)
{
	char a[512], b[512], cmd[1100];

	snprintf(a, sizeof(a), "%s/a1.rpg", T_TMPDIR());
	snprintf(b, sizeof(b), "%s/a2.rpg", T_TMPDIR());
	T_ASSERT(write_sample(a) == 0);
	T_ASSERT(write_sample(b) == 0);
	snprintf(cmd, sizeof(cmd), "cmp -s %s %s", a, b);
	T_EXPECT_EQ(system(cmd), 0);
}

T_TEST(reader_refuses_non_packages)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_areader *r;
	char path[512], *m, *sig;
	size_t mlen, siglen;
	int fd;

	snprintf(path, sizeof(path), "%s/junk.rpg", T_TMPDIR());
	T_ASSERT((fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644)) >= 0);
	T_ASSERT(write(fd, "not an archive at all", 21) == 21);
	lseek(fd, 0, SEEK_SET);
	if (rpg_areader_open(&ctx, fd, "junk.rpg", &r) == 0) {
		T_EXPECT(rpg_areader_manifest(&ctx, r, &m, &mlen, &sig, &siglen) < 0);
		rpg_areader_close(r);
	}
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "junk.rpg");
	close(fd);
}
