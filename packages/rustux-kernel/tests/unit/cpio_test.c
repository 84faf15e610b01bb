/* cpio_test.c - unit tests of lib/cpio.c: entries, alignment, trailer, hostile headers */
/* SPDX-License-Identifier: MIT */
#include "cpio_build.h"
#include "lib/cpio.h"
#include "t.h"

static struct cpio_buf b;

T_TEST(reads_entries_and_trailer)
{
	struct cpio_iter it;
	struct cpio_entry e;

	b.len = 0;
	cb_add(&b, "bin", 040755, 1, 2, "", 0);
	cb_add(&b, "bin/hello", 0100755, 2, 1, "hi!\n", 4);
	cb_add(&b, "bin/sh", 0120777, 3, 1, "hello", 5);
	cb_trailer(&b);
	cpio_iter_init(&it, b.data, b.len);
	T_EXPECT_EQ(cpio_next(&it, &e), 1);
	T_EXPECT_STR_EQ(e.name, "bin");
	T_EXPECT_EQ(e.mode, 040755);
	T_EXPECT_EQ(cpio_next(&it, &e), 1);
	T_EXPECT_STR_EQ(e.name, "bin/hello");
	T_EXPECT_EQ(e.namelen, 9);
	T_EXPECT_EQ(e.size, 4);
	T_EXPECT(memcmp(e.data, "hi!\n", 4) == 0);
	T_EXPECT_EQ(e.mtime, 1700000000u);
	T_EXPECT_EQ(cpio_next(&it, &e), 1);
	T_EXPECT_EQ(e.size, 5);
	T_EXPECT(memcmp(e.data, "hello", 5) == 0);
	T_EXPECT_EQ(cpio_next(&it, &e), 0);
	T_EXPECT_EQ(cpio_next(&it, &e), 0);
}

T_TEST(missing_trailer_is_an_error)
{
	struct cpio_iter it;
	struct cpio_entry e;

	b.len = 0;
	cb_add(&b, "a", 0100644, 1, 1, "x", 1);
	cpio_iter_init(&it, b.data, b.len);
	T_EXPECT_EQ(cpio_next(&it, &e), 1);
	T_EXPECT_EQ(cpio_next(&it, &e), -CPIO_ERR_NO_TRAILER);
	T_EXPECT_EQ(cpio_next(&it, &e), -CPIO_ERR_NO_TRAILER);
	cpio_iter_init(&it, b.data, 0);
	T_EXPECT_EQ(cpio_next(&it, &e), -CPIO_ERR_NO_TRAILER);
}

T_TEST(every_truncation_fails_cleanly)
{
	struct cpio_iter it;
	struct cpio_entry e;
	size_t cut;
	int r, bad = 0;

	b.len = 0;
	cb_add(&b, "file", 0100644, 1, 1, "0123456789", 10);
	cb_trailer(&b);
	for (cut = 0; cut < b.len - 4; cut++) {
		char *copy = malloc(cut + 1);	/* exact size: ASan sees any overread */

		memcpy(copy, b.data, cut);
		cpio_iter_init(&it, copy, cut);
		while ((r = cpio_next(&it, &e)) == 1)
			continue;
		bad += r == 0;
		free(copy);
	}
	T_EXPECT_EQ(bad, 0);
}

T_TEST(bad_magic_and_hex_are_refused)
{
	struct cpio_iter it;
	struct cpio_entry e;

	b.len = 0;
	cb_add(&b, "file", 0100644, 1, 1, "", 0);
	cb_trailer(&b);
	b.data[5] = '7';
	cpio_iter_init(&it, b.data, b.len);
	T_EXPECT_EQ(cpio_next(&it, &e), -CPIO_ERR_MAGIC);
	b.data[5] = '1';
	b.data[20] = 'g';
	cpio_iter_init(&it, b.data, b.len);
	T_EXPECT_EQ(cpio_next(&it, &e), -CPIO_ERR_HEX);
	T_EXPECT_STR_EQ(cpio_strerror(CPIO_ERR_HEX), "header field is not hexadecimal");
}

/* Overwrites header field i (0-based after the magic) with v. */
static void
set_field(char *hdr, int i, unsigned v)
{
	char tmp[9];

	sprintf(tmp, "%08X", v);
	memcpy(hdr + 6 + 8 * i, tmp, 8);
}

T_TEST(hostile_sizes_are_refused)
{
	struct cpio_iter it;
	struct cpio_entry e;

	b.len = 0;
	cb_add(&b, "file", 0100644, 1, 1, "abcd", 4);
	cb_trailer(&b);
	set_field(b.data, 6, 0xffffffffu);		/* filesize past the end */
	cpio_iter_init(&it, b.data, b.len);
	T_EXPECT_EQ(cpio_next(&it, &e), -CPIO_ERR_TRUNCATED);
	set_field(b.data, 6, 4);
	set_field(b.data, 11, 0);			/* namesize 0 */
	cpio_iter_init(&it, b.data, b.len);
	T_EXPECT_EQ(cpio_next(&it, &e), -CPIO_ERR_NAME);
	set_field(b.data, 11, 5000);			/* namesize over the limit */
	cpio_iter_init(&it, b.data, b.len);
	T_EXPECT_EQ(cpio_next(&it, &e), -CPIO_ERR_NAME);
	set_field(b.data, 11, 3);			/* NUL not where namesize says */
	cpio_iter_init(&it, b.data, b.len);
	T_EXPECT_EQ(cpio_next(&it, &e), -CPIO_ERR_NAME);
	set_field(b.data, 11, 5);
	b.data[CPIO_HEADER + 1] = '\0';			/* NUL inside the name */
	cpio_iter_init(&it, b.data, b.len);
	T_EXPECT_EQ(cpio_next(&it, &e), -CPIO_ERR_NAME);
}

T_TEST(crc_variant_and_unpadded_last_entry_are_accepted)
{
	struct cpio_iter it;
	struct cpio_entry e;

	b.len = 0;
	cb_add(&b, "f", 0100644, 1, 1, "x", 1);
	cb_trailer(&b);
	b.data[5] = '2';
	cpio_iter_init(&it, b.data, b.len - 2);		/* trailer's padding cut */
	T_EXPECT_EQ(cpio_next(&it, &e), 1);
	T_EXPECT_EQ(cpio_next(&it, &e), 0);
}
