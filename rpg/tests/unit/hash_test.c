/* hash_test.c - rpg: unit tests of SHA-256 and hex helpers */
/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <unistd.h>

#include "hash.h"
#include "t.h"

T_TEST(sha256_known_vectors)
{
	uint8_t d[RPG_SHA256_LEN];
	char hex[RPG_SHA256_HEX];

	rpg_sha256("", 0, d);
	rpg_hex(d, sizeof(d), hex);
	T_EXPECT_STR_EQ(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	rpg_sha256("abc", 3, d);
	rpg_hex(d, sizeof(d), hex);
	T_EXPECT_STR_EQ(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

T_TEST(sha256_streaming_equals_oneshot)
{
	uint8_t a[RPG_SHA256_LEN], b[RPG_SHA256_LEN];
	struct rpg_sha256 h;
	char buf[1000];
	int i;

	for (i = 0; i < (int)sizeof(buf); i++) {
		buf[i] = (char)(i * 7);
	}
	rpg_sha256(buf, sizeof(buf), a);
	T_ASSERT(rpg_sha256_init(&h) == 0);
	rpg_sha256_update(&h, buf, 1);
	rpg_sha256_update(&h, buf + 1, 500);
	rpg_sha256_update(&h, buf + 501, sizeof(buf) - 501);
	rpg_sha256_final(&h, b);
	T_EXPECT(memcmp(a, b, sizeof(a)) == 0);
}

T_TEST(sha256_file)
{
	uint8_t a[RPG_SHA256_LEN], b[RPG_SHA256_LEN];
	char path[512];
	uint64_t size = 0;
	int fd;

	snprintf(path, sizeof(path), "%s/f", T_TMPDIR());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	T_ASSERT(fd >= 0);
	T_ASSERT(write(fd, "hello\n", 6) == 6);
	lseek(fd, 0, SEEK_SET);
	T_EXPECT_EQ(rpg_sha256_file(fd, a, &size), 0);
	close(fd);
	rpg_sha256("hello\n", 6, b);
	T_EXPECT_EQ(size, 6);
	T_EXPECT(memcmp(a, b, sizeof(a)) == 0);
}

T_TEST(unhex_rejects_bad_input)
{
	uint8_t b[2];

	T_EXPECT_EQ(rpg_unhex("0aFf", b, 2), 0);
	T_EXPECT_EQ(b[0], 0x0a);
	T_EXPECT_EQ(b[1], 0xff);
	T_EXPECT_EQ(rpg_unhex("0aF", b, 2), -1);
	T_EXPECT_EQ(rpg_unhex("0aFg", b, 2), -1);
	T_EXPECT_EQ(rpg_unhex("0aFf0", b, 2), -1);
}
