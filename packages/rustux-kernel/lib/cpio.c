/* cpio.c - pure "newc" cpio parser: bounded names, sizes inside the archive, 4-byte alignment */
/* SPDX-License-Identifier: MIT */
#include "lib/cpio.h"
#include "lib/string.h"

/* Field order after the 6-byte magic, each 8 hex digits. */
enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR,
	F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK, F_COUNT
};

static const char *const errors[CPIO_ERR_COUNT] = {
	[CPIO_OK] = "no error",
	[CPIO_ERR_TRUNCATED] = "truncated entry",
	[CPIO_ERR_MAGIC] = "bad magic (not newc 070701/070702)",
	[CPIO_ERR_HEX] = "header field is not hexadecimal",
	[CPIO_ERR_NAME] = "bad name size or unterminated name",
	[CPIO_ERR_NO_TRAILER] = "archive ends without TRAILER!!!",
};

void
cpio_iter_init(struct cpio_iter *it, const void *base, size_t len)
{
	it->base = base;
	it->len = len;
	it->off = 0;
	it->done = 0;
}

/* Parses 8 hex digits; returns 0 and *out, or -1. */
static int
hex8(const unsigned char *p, uint32_t *out)
{
	uint32_t v = 0;
	int i, d;

	for (i = 0; i < 8; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			d = p[i] - '0';
		else if (p[i] >= 'a' && p[i] <= 'f')
			d = p[i] - 'a' + 10;
		else if (p[i] >= 'A' && p[i] <= 'F')
			d = p[i] - 'A' + 10;
		else
			return -1;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return 0;
}

/* Rounds n up to 4, or returns SIZE_MAX when that would wrap. */
static size_t
align4(size_t n)
{
	return n > SIZE_MAX - 3 ? SIZE_MAX : (n + 3) & ~(size_t)3;
}

static int
fail(struct cpio_iter *it, int err)
{
	it->done = -err;
	return -err;
}

/* Reads the 13 header fields at it->off; the header is known to be inside. */
static int
read_header(struct cpio_iter *it, uint32_t f[F_COUNT])
{
	const unsigned char *h = it->base + it->off;
	int i;

	if (memcmp(h, "070701", 6) != 0 && memcmp(h, "070702", 6) != 0)
		return fail(it, CPIO_ERR_MAGIC);
	for (i = 0; i < F_COUNT; i++)
		if (hex8(h + 6 + 8 * i, &f[i]) != 0)
			return fail(it, CPIO_ERR_HEX);
	return 0;
}

int
cpio_next(struct cpio_iter *it, struct cpio_entry *e)
{
	uint32_t f[F_COUNT];
	size_t left, name_end, data_off, data_end;
	int r;

	memset(e, 0, sizeof(*e));
	e->offset = it->off;
	if (it->done != 0)
		return it->done > 0 ? 0 : it->done;
	left = it->len - it->off;
	if (left == 0)
		return fail(it, CPIO_ERR_NO_TRAILER);
	if (left < CPIO_HEADER)
		return fail(it, CPIO_ERR_TRUNCATED);
	if ((r = read_header(it, f)) != 0)
		return r;
	if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > CPIO_NAME_MAX)
		return fail(it, CPIO_ERR_NAME);
	/* Every offset below is relative to the header and compared to left first. */
	name_end = CPIO_HEADER + (size_t)f[F_NAMESIZE];
	if (name_end > left)
		return fail(it, CPIO_ERR_TRUNCATED);
	e->name = (const char *)it->base + it->off + CPIO_HEADER;
	e->namelen = f[F_NAMESIZE] - 1;
	if (e->name[e->namelen] != '\0' || strnlen(e->name, e->namelen) != e->namelen)
		return fail(it, CPIO_ERR_NAME);
	data_off = align4(name_end);
	if (data_off > left && f[F_FILESIZE] == 0)
		data_off = left;	/* an empty last entry may lack its padding */
	if (data_off > left || f[F_FILESIZE] > left - data_off)
		return fail(it, CPIO_ERR_TRUNCATED);
	data_end = data_off + f[F_FILESIZE];
	e->data = it->base + it->off + data_off;
	e->size = f[F_FILESIZE];
	e->ino = f[F_INO];
	e->mode = f[F_MODE];
	e->uid = f[F_UID];
	e->gid = f[F_GID];
	e->nlink = f[F_NLINK];
	e->mtime = f[F_MTIME];
	e->rdevmajor = f[F_RDEVMAJOR];
	e->rdevminor = f[F_RDEVMINOR];
	/* The last entry's padding may be missing: clamp instead of failing. */
	it->off += align4(data_end) > left ? left : align4(data_end);
	if (e->namelen == 10 && memcmp(e->name, "TRAILER!!!", 10) == 0) {
		it->done = 1;
		return 0;
	}
	return 1;
}

const char *
cpio_strerror(int err)
{
	if (err < 0)
		err = -err;
	if (err >= CPIO_ERR_COUNT)
		return "unknown cpio error";
	return errors[err];
}
