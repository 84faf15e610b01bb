/* disk.c - rustica-mkimage: wrap a FAT file system into a GPT disk image file */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "disk.h"
#include "gpt.h"
#include "util.h"

#define MIB (1024u * 1024u)

static uint64_t
round_up(uint64_t v, uint64_t to)
{
	return (v + to - 1) / to * to;
}

/* GUID = first 16 bytes of SHA-256(role NUL esp-hash seed). */
static void
derive_guid(const char *role, const uint8_t esp_sum[32], const char *seed, struct gpt_guid *g)
{
	uint8_t buf[512], sum[32];
	size_t n = 0, l;

	l = strlen(role) + 1;
	memcpy(buf, role, l);
	n += l;
	memcpy(buf + n, esp_sum, 32);
	n += 32;
	l = strnlen(seed, sizeof(buf) - n);
	memcpy(buf + n, seed, l);
	n += l;
	mk_sha256(buf, n, sum);
	gpt_guid_from_hash(sum, g);
}

static int
plan_disk(const char *esp, uint64_t disk_bytes, const char *seed, struct gpt_disk *d)
{
	uint64_t esp_bytes, need;
	uint8_t sum[32];
	struct gpt_part *p = &d->parts[0];

	if (mk_file_size(esp, &esp_bytes) != 0 || mk_sha256_file(esp, sum) != 0) {
		return -1;
	}
	if (esp_bytes == 0 || esp_bytes % GPT_SECTOR != 0) {
		return mk_fail("%s: size %llu is not a positive multiple of 512", esp,
		    (unsigned long long)esp_bytes);
	}
	need = MIB + round_up(esp_bytes, MIB) + MIB;
	if (disk_bytes == 0) {
		disk_bytes = need;
	}
	if (disk_bytes < need || disk_bytes % GPT_SECTOR != 0) {
		return mk_fail("%s: a disk of %llu bytes cannot hold it (needs %llu)", esp,
		    (unsigned long long)disk_bytes, (unsigned long long)need);
	}
	memset(d, 0, sizeof(*d));
	d->sectors = disk_bytes / GPT_SECTOR;
	derive_guid("disk", sum, seed, &d->uuid);
	d->nparts = 1;
	p->type = gpt_type_esp;
	derive_guid("esp", sum, seed, &p->uuid);
	p->first_lba = GPT_ALIGN_LBA;
	p->last_lba = GPT_ALIGN_LBA + esp_bytes / GPT_SECTOR - 1;
	snprintf(p->name, sizeof(p->name), "EFI System Partition");
	return 0;
}

static int
pwrite_all(int fd, const void *buf, size_t len, uint64_t off, const char *what)
{
	const uint8_t *p = buf;
	ssize_t n;

	while (len > 0) {
		if ((n = pwrite(fd, p, len, (off_t)off)) <= 0) {
			return mk_fail("%s: write: %s", what, strerror(errno));
		}
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

static int
all_zero(const uint8_t *p, size_t n)
{
	return n == 0 || (p[0] == 0 && memcmp(p, p + 1, n - 1) == 0);
}

/* Copy the FAT image in; all-zero blocks are skipped, so the disk file stays sparse. */
static int
copy_esp(int out, const char *esp, uint64_t off, const char *what)
{
	static uint8_t buf[1 << 16];
	ssize_t n;
	int in, rc = 0;

	if ((in = open(esp, O_RDONLY | O_CLOEXEC)) < 0) {
		return mk_fail("%s: %s", esp, strerror(errno));
	}
	while (rc == 0 && (n = read(in, buf, sizeof(buf))) > 0) {
		if (!all_zero(buf, (size_t)n)) {
			rc = pwrite_all(out, buf, (size_t)n, off, what);
		}
		off += (uint64_t)n;
	}
	if (rc == 0 && n < 0) {
		rc = mk_fail("%s: read: %s", esp, strerror(errno));
	}
	close(in);
	return rc;
}

static int
write_disk(int fd, const struct gpt_disk *d, const char *esp, const char *what)
{
	static uint8_t head[GPT_HEAD_BYTES], tail[GPT_TAIL_BYTES];
	uint64_t bytes = d->sectors * GPT_SECTOR;
	int rc;

	if ((rc = gpt_write(d, head, tail)) != GPT_OK) {
		return mk_fail("%s: %s", what, gpt_strerror(rc));
	}
	if (ftruncate(fd, (off_t)bytes) != 0) {
		return mk_fail("%s: truncate: %s", what, strerror(errno));
	}
	if (pwrite_all(fd, head, sizeof(head), 0, what) != 0 ||
	    copy_esp(fd, esp, d->parts[0].first_lba * GPT_SECTOR, what) != 0 ||
	    pwrite_all(fd, tail, sizeof(tail), bytes - sizeof(tail), what) != 0) {
		return -1;
	}
	if (fsync(fd) != 0) {
		return mk_fail("%s: fsync: %s", what, strerror(errno));
	}
	return 0;
}

int
mk_disk_wrap(const char *esp, const char *out, uint64_t disk_bytes, const char *seed)
{
	struct gpt_disk d;
	char tmp[4096];
	int fd, rc;

	if (plan_disk(esp, disk_bytes, seed, &d) != 0) {
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	if ((fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
		return mk_fail("%s: %s", tmp, strerror(errno));
	}
	rc = write_disk(fd, &d, esp, tmp);
	close(fd);
	if (rc == 0 && rename(tmp, out) != 0) {
		rc = mk_fail("%s: rename: %s", out, strerror(errno));
	}
	if (rc != 0) {
		unlink(tmp);
		return rc;
	}
	return mk_write_sha256(out);
}

int
mk_disk_find_esp(const char *img, uint64_t *offset, uint64_t *size)
{
	static uint8_t head[GPT_HEAD_BYTES];
	struct gpt_disk d;
	uint64_t bytes;
	ssize_t n;
	int fd, rc, i;

	if (mk_file_size(img, &bytes) != 0) {
		return -1;
	}
	if ((fd = open(img, O_RDONLY | O_CLOEXEC)) < 0) {
		return mk_fail("%s: %s", img, strerror(errno));
	}
	n = pread(fd, head, sizeof(head), 0);
	close(fd);
	if (n < 0) {
		return mk_fail("%s: read: %s", img, strerror(errno));
	}
	if ((rc = gpt_read(head, (size_t)n, bytes, &d)) != GPT_OK) {
		return mk_fail("%s: %s", img, gpt_strerror(rc));
	}
	if ((i = gpt_find(&d, &gpt_type_esp)) < 0) {
		return mk_fail("%s: no EFI System Partition", img);
	}
	*offset = d.parts[i].first_lba * GPT_SECTOR;
	*size = (d.parts[i].last_lba - d.parts[i].first_lba + 1) * GPT_SECTOR;
	return 0;
}
