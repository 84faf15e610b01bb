/* fetch_test.c - rpg: unit tests of repository lists, file:// downloads and the cache */
/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fetch.h"
#include "fsutil.h"
#include "t.h"

T_TEST(repos_file_lines_comments_and_override)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_repos *rs = NULL;
	char root[4096], dir[4200];
	static const char text[] = "# mirrors, in order\nhttp://a.example/repo/\n\n  file:///srv/r\n";
	int fd;

	snprintf(root, sizeof(root), "%s/f1", T_TMPDIR());
	snprintf(dir, sizeof(dir), "%s/etc/rpg", root);
	mkdir(root, 0755);
	ctx.root = root;
	fd = open(root, O_RDONLY | O_DIRECTORY);
	T_ASSERT(rpg_fs_opendir(&ctx, fd, "etc/rpg", RPG_FS_CREATE, 0755, &fd) == 0);
	T_ASSERT(rpg_fs_write_atomic(&ctx, fd, "repos", text, sizeof(text) - 1, 0644) == 0);
	close(fd);
	T_EXPECT_EQ(rpg_fetch_repos(&ctx, &rs), 0);
	T_ASSERT(rs != NULL);
	T_EXPECT_EQ(rs->n, 2);
	if (rs->n == 2) {
		T_EXPECT_STR_EQ(rs->v[0].url, "http://a.example/repo");
		T_EXPECT_STR_EQ(rs->v[1].url, "file:///srv/r");
		T_EXPECT_EQ(strlen(rs->v[0].key), 16);
		T_EXPECT(strcmp(rs->v[0].key, rs->v[1].key) != 0);
	}
	rpg_fetch_repos_free(rs);
	ctx.repo = "https://only.example";
	T_EXPECT_EQ(rpg_fetch_repos(&ctx, &rs), 0);
	T_EXPECT_EQ(rs->n, 1);
	rpg_fetch_repos_free(rs);
}

T_TEST(file_url_download_respects_the_limit)
{
	struct rpg_ctx ctx = T_CTX();
	char src[4096], url[4200];
	int in, out;

	snprintf(src, sizeof(src), "%s/payload", T_TMPDIR());
	in = open(src, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	T_ASSERT(in >= 0);
	T_ASSERT(write(in, "0123456789", 10) == 10);
	close(in);
	snprintf(url, sizeof(url), "file://%s", src);
	out = open(T_TMPDIR(), O_TMPFILE | O_RDWR, 0600);
	T_ASSERT(out >= 0);
	T_EXPECT_EQ(rpg_fetch_url(&ctx, url, out, 10, NULL, NULL), 0);
	T_EXPECT_EQ(lseek(out, 0, SEEK_CUR), 10);
	T_EXPECT_EQ(rpg_fetch_url(&ctx, url, out, 5, NULL, NULL), RPG_E_FETCH);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "larger than expected");
	T_EXPECT_EQ(rpg_fetch_url(&ctx, "file:///nonexistent/x", out, 5, NULL, NULL), RPG_E_FETCH);
	T_EXPECT_EQ(rpg_fetch_url(&ctx, "ftp://x/y", out, 5, NULL, NULL), RPG_E_FETCH);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "only file://");
	T_EXPECT_EQ(rpg_fetch_url(&ctx, "http://127.0.0.1:1/x", out, 5, NULL, NULL), RPG_E_FETCH);
	close(out);
}

T_TEST(cache_paths_live_under_the_root)
{
	struct rpg_ctx ctx = T_CTX();
	char buf[256];

	ctx.root = "/mnt/sys/";
	rpg_fetch_cache_path(&ctx, "a-1-1.x86_64.rpg", buf, sizeof(buf));
	T_EXPECT_STR_EQ(buf, "/mnt/sys/var/cache/rpg/a-1-1.x86_64.rpg");
	ctx.root = "/";
	rpg_fetch_cache_path(&ctx, "a.rpg", buf, sizeof(buf));
	T_EXPECT_STR_EQ(buf, "/var/cache/rpg/a.rpg");
}
