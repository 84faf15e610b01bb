/* fat32.c - rustica-install: a small deterministic FAT32 writer (format, mkdir, write) */
/* SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fat32.h"

#define RESERVED 32u		/* reserved sectors: boot, FSInfo, backup boot at 6 */
#define NFATS 2u
#define BACKUP_BOOT 6u
#define ROOT_CLUSTER 2u
#define EOC 0x0FFFFFFFu
#define DIRENT 32u
#define ATTR_DIR 0x10u
#define ATTR_ARCHIVE 0x20u
#define ATTR_VOLUME 0x08u
#define ATTR_LFN 0x0Fu
#define DIR_MAX_BYTES (65536u * DIRENT)	/* FAT's limit on entries per directory */

struct fat_dir {
	char path[FAT32_PATH_MAX];
	uint32_t first;			/* first cluster (root: 2) */
	uint8_t *ents;			/* raw 32-byte entries */
	size_t len, cap;
	unsigned aliases;		/* ~N counter for short names */
	char *names;			/* "/name/name/" lower-cased, for duplicates */
	size_t nameslen;
};

struct fat32 {
	int fd;
	uint64_t base;			/* byte offset of the volume in fd */
	uint32_t sectors;		/* total sectors */
	uint32_t spc;			/* sectors per cluster */
	uint32_t fatsz;			/* sectors per FAT */
	uint32_t clusters;		/* data clusters (numbered 2 ..) */
	uint32_t next;			/* next free cluster */
	uint32_t *fat;			/* clusters + 2 entries */
	uint32_t hidden, serial;
	uint8_t label[11];
	int64_t mtime;
	struct fat_dir dirs[FAT32_MAX_DIRS];
	unsigned ndirs;
	char err[256];
};

/* Cluster size by volume size, as Microsoft's table gives it. */
static const struct {
	uint64_t max_bytes;
	uint32_t spc;
} spc_table[] = {
	{ 260ull << 20, 1 },
	{ 8ull << 30, 8 },
	{ 16ull << 30, 16 },
	{ 32ull << 30, 32 },
	{ UINT64_MAX, 64 },
};

static int
fail(struct fat32 *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->err, sizeof(f->err), fmt, ap);
	va_end(ap);
	return -1;
}

const char *
fat32_error(const struct fat32 *f)
{
	return f->err;
}

static void
put16(uint8_t *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

static int
pwrite_all(struct fat32 *f, const void *buf, size_t len, uint64_t off)
{
	const uint8_t *p = buf;

	while (len > 0) {
		ssize_t n = pwrite(f->fd, p, len, (off_t)(f->base + off));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return fail(f, "write at byte %llu: %s",
			    (unsigned long long)(f->base + off),
			    n < 0 ? strerror(errno) : "short write");
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

static uint64_t
cluster_offset(const struct fat32 *f, uint32_t c)
{
	uint64_t data = (uint64_t)RESERVED + (uint64_t)NFATS * f->fatsz;

	return (data + (uint64_t)(c - 2) * f->spc) * FAT32_SECTOR;
}

/* FAT date and time of t (UTC), clamped to 1980..2107. */
static void
fat_time(int64_t t, uint16_t *date, uint16_t *tim)
{
	struct tm tm;
	time_t tt;

	if (t < 315532800)		/* 1980-01-01 */
		t = 315532800;
	if (t > 4354819198LL)		/* 2107-12-31 23:59:58 */
		t = 4354819198LL;
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	*date = (uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
	*tim = (uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
}

static int
label_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 11)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    *s == ' ' || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

static int
choose_geometry(struct fat32 *f, uint64_t size)
{
	uint64_t total = size / FAT32_SECTOR, clusters;
	size_t i;

	if (total > 0xFFFFFFFFull)
		return fail(f, "volume of %llu bytes is too large for FAT32",
		    (unsigned long long)size);
	for (i = 0; size > spc_table[i].max_bytes; i++)
		;
	f->spc = spc_table[i].spc;
	f->sectors = (uint32_t)total;
	if (total < RESERVED + 64)
		return fail(f, "volume of %llu bytes is too small for FAT32",
		    (unsigned long long)size);
	/* Microsoft's FAT size formula, FAT32 variant. */
	{
		uint64_t t1 = total - RESERVED;
		uint64_t t2 = (256ull * f->spc + NFATS) / 2;

		f->fatsz = (uint32_t)((t1 + t2 - 1) / t2);
	}
	clusters = (total - RESERVED - (uint64_t)NFATS * f->fatsz) / f->spc;
	if (clusters < FAT32_MIN_CLUSTERS)
		return fail(f, "volume of %llu bytes gives %llu clusters, FAT32 needs %u",
		    (unsigned long long)size, (unsigned long long)clusters,
		    FAT32_MIN_CLUSTERS);
	if (clusters > FAT32_MAX_CLUSTERS - 2)
		return fail(f, "volume of %llu bytes has too many clusters",
		    (unsigned long long)size);
	/* The FAT must hold an entry for every cluster. */
	if ((clusters + 2) * 4 > (uint64_t)f->fatsz * FAT32_SECTOR)
		return fail(f, "internal: FAT too small");
	f->clusters = (uint32_t)clusters;
	return 0;
}

struct fat32 *
fat32_format(int fd, uint64_t offset, uint64_t size, uint32_t hidden, uint32_t serial,
    const char *label, int64_t mtime, char *err, size_t errlen)
{
	struct fat32 *f = calloc(1, sizeof(*f));
	uint8_t *zero;

	if (f == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	f->fd = fd;
	f->base = offset;
	f->hidden = hidden;
	f->serial = serial;
	f->mtime = mtime;
	memset(f->label, ' ', sizeof(f->label));
	if (label == NULL)
		label = "NO NAME";
	if (!label_ok(label)) {
		fail(f, "bad volume label \"%.20s\" (1-11 of A-Z 0-9 space _ -)", label);
		goto bad;
	}
	memcpy(f->label, label, strlen(label));
	if (choose_geometry(f, size) != 0)
		goto bad;
	f->fat = calloc((size_t)f->clusters + 2, sizeof(*f->fat));
	zero = calloc(1, (size_t)f->spc * FAT32_SECTOR);
	if (f->fat == NULL || zero == NULL) {
		free(zero);
		fail(f, "out of memory for a FAT of %u clusters", f->clusters);
		goto bad;
	}
	f->fat[0] = 0x0FFFFFF8u;
	f->fat[1] = EOC;
	f->fat[ROOT_CLUSTER] = EOC;
	f->next = ROOT_CLUSTER + 1;
	f->dirs[0].first = ROOT_CLUSTER;
	f->ndirs = 1;
	/* Invalidate any old boot sector first: a crash leaves no file system. */
	if (pwrite_all(f, zero, FAT32_SECTOR, 0) != 0 ||
	    pwrite_all(f, zero, FAT32_SECTOR, BACKUP_BOOT * FAT32_SECTOR) != 0) {
		free(zero);
		goto bad;
	}
	free(zero);
	return f;
bad:
	snprintf(err, errlen, "%s", f->err);
	fat32_abort(f);
	return NULL;
}

void
fat32_abort(struct fat32 *f)
{
	unsigned i;

	if (f == NULL)
		return;
	for (i = 0; i < f->ndirs; i++) {
		free(f->dirs[i].ents);
		free(f->dirs[i].names);
	}
	free(f->fat);
	free(f);
}

/* Allocate n contiguous clusters chained together; the first or 0. */
static uint32_t
alloc_run(struct fat32 *f, uint64_t n)
{
	uint32_t first = f->next, i;

	if (n == 0 || n > (uint64_t)f->clusters + 2 - f->next)
		return 0;
	for (i = 0; i < n; i++)
		f->fat[first + i] = (i + 1 == n) ? EOC : first + i + 1;
	f->next += (uint32_t)n;
	return first;
}

static int
name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > FAT32_NAME_MAX)
		return 0;
	if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
		return 0;
	if (s[n - 1] == '.' || s[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f || strchr("\"*/:<>?\\|", c) != NULL)
			return 0;
	}
	return 1;
}

static int
short_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    strchr("!#$%&'()-@^_`{}~", c) != NULL;
}

int
fat32_short_name(const char *name, unsigned n, uint8_t out[11], int *needs_lfn)
{
	const char *dot = strrchr(name, '.');
	size_t blen = dot ? (size_t)(dot - name) : strlen(name);
	size_t elen = dot ? strlen(dot + 1) : 0, i, o;
	int exact = blen >= 1 && blen <= 8 && elen <= 3 && (dot == NULL || elen > 0);
	char tail[12];

	memset(out, ' ', 11);
	for (i = 0; i < blen && exact; i++)
		exact = short_char((unsigned char)name[i]);
	for (i = 0; i < elen && exact; i++)
		exact = short_char((unsigned char)dot[1 + i]);
	if (exact) {
		memcpy(out, name, blen);
		if (elen)
			memcpy(out + 8, dot + 1, elen);
		*needs_lfn = 0;
		return 0;
	}
	*needs_lfn = 1;
	snprintf(tail, sizeof(tail), "~%u", n);
	for (i = 0, o = 0; i < blen && o < 8 - strlen(tail); i++) {
		unsigned char c = (unsigned char)name[i];

		if (c == ' ' || c == '.')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		out[o++] = short_char(c) ? c : '_';
	}
	if (o == 0)
		out[o++] = '_';
	memcpy(out + o, tail, strlen(tail));
	for (i = 0, o = 8; dot && i < elen && o < 11; i++) {
		unsigned char c = (unsigned char)dot[1 + i];

		if (c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		out[o++] = short_char(c) ? c : '_';
	}
	return n > 999999 ? -1 : 0;
}

static uint8_t
lfn_checksum(const uint8_t sn[11])
{
	uint8_t sum = 0;
	int i;

	for (i = 0; i < 11; i++)
		sum = (uint8_t)(((sum & 1) ? 0x80 : 0) + (sum >> 1) + sn[i]);
	return sum;
}

static int
dir_grow(struct fat32 *f, struct fat_dir *d, size_t more)
{
	if (d->len + more > DIR_MAX_BYTES)
		return fail(f, "directory /%s is full", d->path);
	if (d->len + more > d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 1024;
		uint8_t *p;

		while (cap < d->len + more)
			cap *= 2;
		p = realloc(d->ents, cap);
		if (p == NULL)
			return fail(f, "out of memory");
		d->ents = p;
		d->cap = cap;
	}
	return 0;
}

/* Does directory d already hold the short name sn, or the long name (case-insensitively)? */
static int
dir_has(const struct fat_dir *d, const uint8_t sn[11])
{
	size_t i;

	for (i = 0; i < d->len; i += DIRENT)
		if (d->ents[i + 11] != ATTR_LFN && memcmp(d->ents + i, sn, 11) == 0)
			return 1;
	return 0;
}

/* Record name in d; -1 if d already has it (case-insensitively) or on ENOMEM. */
static int
names_add(struct fat32 *f, struct fat_dir *d, const char *name)
{
	size_t n = strlen(name), i;
	char key[FAT32_NAME_MAX + 3], *p;

	key[0] = '/';
	for (i = 0; i < n; i++)
		key[i + 1] = (name[i] >= 'A' && name[i] <= 'Z') ? name[i] - 'A' + 'a' : name[i];
	key[n + 1] = '/';
	key[n + 2] = 0;
	if (d->names != NULL && strstr(d->names, key) != NULL)
		return -1;
	p = realloc(d->names, d->nameslen + n + 3);
	if (p == NULL)
		return fail(f, "out of memory");
	d->names = p;
	if (d->nameslen == 0)
		memcpy(p, key, n + 3), d->nameslen = n + 2;
	else
		memcpy(p + d->nameslen, key + 1, n + 2), d->nameslen += n + 1;
	return 0;
}

static struct fat_dir *
find_dir(struct fat32 *f, const char *path, size_t len)
{
	unsigned i;

	for (i = 0; i < f->ndirs; i++)
		if (strlen(f->dirs[i].path) == len &&
		    strncasecmp(f->dirs[i].path, path, len) == 0)
			return &f->dirs[i];
	return NULL;
}

static void
lfn_entry(uint8_t *e, const char *name, size_t nlen, unsigned seq, int last, uint8_t sum)
{
	static const uint8_t pos[13] = { 1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30 };
	unsigned k;

	memset(e, 0, DIRENT);
	e[0] = (uint8_t)(seq | (last ? 0x40 : 0));
	e[11] = ATTR_LFN;
	e[13] = sum;
	for (k = 0; k < 13; k++) {
		size_t ci = (size_t)(seq - 1) * 13 + k;
		uint16_t u = ci < nlen ? (uint8_t)name[ci] : ci == nlen ? 0 : 0xFFFF;

		put16(e + pos[k], u);
	}
}

/* Append the entries for name (LFN pieces when needed, then the short entry). */
static int
dir_add(struct fat32 *f, struct fat_dir *d, const char *name, uint8_t attr,
    uint32_t cluster, uint32_t size, int64_t mtime)
{
	uint8_t sn[11], *e;
	int lfn;
	unsigned pieces = 0, i;
	size_t nlen = strlen(name);
	uint16_t date, tim;

	if (fat32_short_name(name, 1, sn, &lfn) != 0)
		return fail(f, "bad name %s", name);
	if (names_add(f, d, name) != 0 || (!lfn && dir_has(d, sn)))
		return fail(f, "/%s%s%s already exists", d->path, *d->path ? "/" : "", name);
	for (i = 0; lfn; i++) {
		if (fat32_short_name(name, ++d->aliases, sn, &lfn) != 0)
			return fail(f, "too many names in /%s", d->path);
		if (!dir_has(d, sn))
			break;
	}
	if (lfn)
		pieces = (unsigned)((nlen + 12) / 13);
	if (dir_grow(f, d, (pieces + 1) * DIRENT) != 0)
		return -1;
	e = d->ents + d->len;
	for (i = pieces; i >= 1; i--, e += DIRENT)
		lfn_entry(e, name, nlen, i, i == pieces, lfn_checksum(sn));
	memset(e, 0, DIRENT);
	memcpy(e, sn, 11);
	e[11] = attr;
	fat_time(mtime, &date, &tim);
	put16(e + 14, tim);
	put16(e + 16, date);
	put16(e + 18, date);
	put16(e + 20, cluster >> 16);
	put16(e + 22, tim);
	put16(e + 24, date);
	put16(e + 26, cluster & 0xffff);
	put32(e + 28, size);
	d->len += (pieces + 1) * DIRENT;
	return 0;
}

/* Split path into its parent directory and last component; checks every component. */
static struct fat_dir *
parent_of(struct fat32 *f, const char *path, const char **leaf)
{
	const char *slash = strrchr(path, '/'), *p, *q;
	size_t plen = strlen(path);
	struct fat_dir *d;

	if (plen == 0 || plen >= FAT32_PATH_MAX || path[0] == '/') {
		fail(f, "bad path \"%.80s\"", path);
		return NULL;
	}
	for (p = path; ; p = q + 1) {
		q = strchr(p, '/');
		if (!name_ok(p, q ? (size_t)(q - p) : strlen(p))) {
			fail(f, "bad path \"%.80s\"", path);
			return NULL;
		}
		if (q == NULL)
			break;
	}
	*leaf = slash ? slash + 1 : path;
	d = find_dir(f, path, slash ? (size_t)(slash - path) : 0);
	if (d == NULL)
		fail(f, "no directory for \"%.80s\"", path);
	return d;
}

int
fat32_mkdir(struct fat32 *f, const char *path, int64_t mtime)
{
	const char *leaf;
	struct fat_dir *parent = parent_of(f, path, &leaf), *d;
	uint32_t c;
	uint16_t date, tim;
	uint8_t *e;

	if (parent == NULL)
		return -1;
	if (find_dir(f, path, strlen(path)) != NULL)
		return fail(f, "directory /%s already exists", path);
	if (f->ndirs == FAT32_MAX_DIRS)
		return fail(f, "too many directories (%u)", FAT32_MAX_DIRS);
	c = alloc_run(f, 1);
	if (c == 0)
		return fail(f, "no space left for directory /%s", path);
	if (dir_add(f, parent, leaf, ATTR_DIR, c, 0, mtime) != 0)
		return -1;
	d = &f->dirs[f->ndirs++];
	memset(d, 0, sizeof(*d));
	snprintf(d->path, sizeof(d->path), "%s", path);
	d->first = c;
	if (dir_grow(f, d, 2 * DIRENT) != 0)
		return -1;
	e = d->ents;
	memset(e, 0, 2 * DIRENT);
	memset(e, ' ', 11);
	memset(e + DIRENT, ' ', 11);
	e[0] = '.';
	e[DIRENT] = e[DIRENT + 1] = '.';
	fat_time(mtime, &date, &tim);
	for (int k = 0; k < 2; k++) {
		uint32_t cl = k == 0 ? c : (parent->first == ROOT_CLUSTER ? 0 : parent->first);
		uint8_t *x = e + k * DIRENT;

		x[11] = ATTR_DIR;
		put16(x + 14, tim);
		put16(x + 16, date);
		put16(x + 18, date);
		put16(x + 20, cl >> 16);
		put16(x + 22, tim);
		put16(x + 24, date);
		put16(x + 26, cl & 0xffff);
	}
	d->len = 2 * DIRENT;
	return 0;
}

int
fat32_write(struct fat32 *f, const char *path, const void *data, uint64_t len,
    int64_t mtime, uint64_t *where)
{
	const char *leaf;
	struct fat_dir *parent = parent_of(f, path, &leaf);
	uint64_t csize = (uint64_t)f->spc * FAT32_SECTOR, n = (len + csize - 1) / csize;
	uint32_t c = 0;

	if (parent == NULL)
		return -1;
	if (find_dir(f, path, strlen(path)) != NULL)
		return fail(f, "/%s is a directory", path);
	if (len > FAT32_MAX_FILE)
		return fail(f, "/%s: %llu bytes is more than FAT32 holds", path,
		    (unsigned long long)len);
	if (n > 0) {
		c = alloc_run(f, n);
		if (c == 0)
			return fail(f, "/%s: no space left for %llu bytes", path,
			    (unsigned long long)len);
	}
	if (dir_add(f, parent, leaf, ATTR_ARCHIVE, c, (uint32_t)len, mtime) != 0)
		return -1;
	if (n > 0) {
		uint64_t off = cluster_offset(f, c), pad = n * csize - len;
		static const uint8_t zeros[4096];

		if (pwrite_all(f, data, (size_t)len, off) != 0)
			return -1;
		while (pad > 0) {
			size_t k = pad > sizeof(zeros) ? sizeof(zeros) : (size_t)pad;

			if (pwrite_all(f, zeros, k, off + n * csize - pad) != 0)
				return -1;
			pad -= k;
		}
		if (where)
			*where = f->base + off;
	} else if (where) {
		*where = 0;
	}
	return 0;
}

/* Give d enough clusters (chained after its first) and write its entries. */
static int
flush_dir(struct fat32 *f, struct fat_dir *d)
{
	uint64_t csize = (uint64_t)f->spc * FAT32_SECTOR;
	uint64_t need = d->len == 0 ? 1 : (d->len + csize - 1) / csize;
	uint32_t c = d->first, i;
	uint8_t *buf = calloc(1, (size_t)csize);

	if (buf == NULL)
		return fail(f, "out of memory");
	if (need > 1) {
		uint32_t more = alloc_run(f, need - 1);

		if (more == 0) {
			free(buf);
			return fail(f, "no space left for directory /%s", d->path);
		}
		f->fat[c] = more;
	}
	for (i = 0; i < need; i++) {
		size_t from = (size_t)(i * csize);
		size_t k = d->len > from ? d->len - from : 0;

		if (k > csize)
			k = (size_t)csize;
		memset(buf, 0, (size_t)csize);
		if (k)
			memcpy(buf, d->ents + from, k);
		if (pwrite_all(f, buf, (size_t)csize, cluster_offset(f, c)) != 0) {
			free(buf);
			return -1;
		}
		c = f->fat[c];
	}
	free(buf);
	return 0;
}

static void
boot_sector(const struct fat32 *f, uint8_t *b)
{
	static const uint8_t jump[3] = { 0xEB, 0x58, 0x90 };

	memset(b, 0, FAT32_SECTOR);
	memcpy(b, jump, 3);
	memcpy(b + 3, "RUSTICA ", 8);
	put16(b + 11, FAT32_SECTOR);
	b[13] = (uint8_t)f->spc;
	put16(b + 14, RESERVED);
	b[16] = NFATS;
	b[21] = 0xF8;
	put16(b + 24, 32);		/* sectors per track (nominal) */
	put16(b + 26, 64);		/* heads (nominal) */
	put32(b + 28, f->hidden);
	put32(b + 32, f->sectors);
	put32(b + 36, f->fatsz);
	put32(b + 44, ROOT_CLUSTER);
	put16(b + 48, 1);		/* FSInfo sector */
	put16(b + 50, BACKUP_BOOT);
	b[64] = 0x80;
	b[66] = 0x29;
	put32(b + 67, f->serial);
	memcpy(b + 71, f->label, 11);
	memcpy(b + 82, "FAT32   ", 8);
	b[90] = 0xF4;			/* hlt: not a BIOS boot disk */
	b[91] = 0xEB;
	b[92] = 0xFD;			/* jmp back to the hlt */
	b[510] = 0x55;
	b[511] = 0xAA;
}

static void
fsinfo_sector(const struct fat32 *f, uint8_t *b)
{
	memset(b, 0, FAT32_SECTOR);
	put32(b, 0x41615252u);
	put32(b + 484, 0x61417272u);
	put32(b + 488, f->clusters + 2 - f->next);
	put32(b + 492, f->next);
	put32(b + 508, 0xAA550000u);
}

static int
write_fats(struct fat32 *f)
{
	size_t bytes = (size_t)f->fatsz * FAT32_SECTOR, k, chunk = 1u << 16;
	uint8_t *buf = calloc(1, chunk);
	uint32_t i;
	unsigned copy;

	if (buf == NULL)
		return fail(f, "out of memory");
	for (copy = 0; copy < NFATS; copy++) {
		uint64_t base = ((uint64_t)RESERVED + (uint64_t)copy * f->fatsz) * FAT32_SECTOR;

		for (k = 0; k < bytes; k += chunk) {
			size_t n = bytes - k < chunk ? bytes - k : chunk;

			memset(buf, 0, chunk);
			for (i = 0; i < n / 4; i++) {
				uint64_t idx = k / 4 + i;

				if (idx < (uint64_t)f->clusters + 2)
					put32(buf + 4 * i, f->fat[idx]);
			}
			if (pwrite_all(f, buf, n, base + k) != 0) {
				free(buf);
				return -1;
			}
		}
	}
	free(buf);
	return 0;
}

int
fat32_close(struct fat32 *f, char *err, size_t errlen)
{
	uint8_t sec[3][FAT32_SECTOR], zero[FAT32_SECTOR];
	uint16_t date, tim;
	uint8_t *e;
	unsigned i;
	int rc = -1;

	/* The volume label entry goes first in the root directory. */
	if (dir_grow(f, &f->dirs[0], DIRENT) != 0)
		goto out;
	memmove(f->dirs[0].ents + DIRENT, f->dirs[0].ents, f->dirs[0].len);
	e = f->dirs[0].ents;
	memset(e, 0, DIRENT);
	memcpy(e, f->label, 11);
	e[11] = ATTR_VOLUME;
	fat_time(f->mtime, &date, &tim);
	put16(e + 22, tim);
	put16(e + 24, date);
	f->dirs[0].len += DIRENT;
	for (i = 0; i < f->ndirs; i++)
		if (flush_dir(f, &f->dirs[i]) != 0)
			goto out;
	if (write_fats(f) != 0)
		goto out;
	memset(zero, 0, sizeof(zero));
	for (i = 2; i < RESERVED; i++)
		if (i != BACKUP_BOOT && i != BACKUP_BOOT + 1 &&
		    pwrite_all(f, zero, FAT32_SECTOR, (uint64_t)i * FAT32_SECTOR) != 0)
			goto out;
	boot_sector(f, sec[0]);
	fsinfo_sector(f, sec[1]);
	memcpy(sec[2], zero, FAT32_SECTOR);
	if (pwrite_all(f, sec[1], FAT32_SECTOR, 1 * FAT32_SECTOR) != 0 ||
	    pwrite_all(f, sec, 2 * FAT32_SECTOR, BACKUP_BOOT * FAT32_SECTOR) != 0 ||
	    pwrite_all(f, sec[0], FAT32_SECTOR, 0) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		snprintf(err, errlen, "%s", f->err);
	fat32_abort(f);
	return rc;
}
