/* initrd.c - rustica-mkimage: pack a sysroot into the initrd (newc cpio) */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "initrd.h"
#include "util.h"

struct packer {
	struct archive *a;
	struct archive_entry *e;
	const char *root;
	const char *out;
	int64_t epoch;
	int64_t ino;
};

static int walk(struct packer *p, const char *rel);

/*
 * What stays out of the initrd: /boot lives on the ESP, and the packages
 * rpg downloaded while installing are a cache a fresh system does not
 * need (the cached repository index and the accepted serials stay).
 */
static const char *const excluded[] = {
	"boot",
	"var/cache/rpg/*.rpg",
};

static int
is_excluded(const char *rel)
{
	size_t i;

	for (i = 0; i < sizeof(excluded) / sizeof(excluded[0]); i++) {
		if (fnmatch(excluded[i], rel, FNM_PATHNAME | FNM_PERIOD) == 0) {
			return 1;
		}
	}
	return 0;
}

static int
bytewise(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
copy_data(struct packer *p, const char *full)
{
	char buf[1 << 16];
	ssize_t n;
	int fd;

	if ((fd = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		return mk_fail("%s: %s", full, strerror(errno));
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		if (archive_write_data(p->a, buf, (size_t)n) != n) {
			close(fd);
			return mk_fail("%s: %s", p->out, archive_error_string(p->a));
		}
	}
	close(fd);
	return n < 0 ? mk_fail("%s: read: %s", full, strerror(errno)) : 0;
}

static int
fill_entry(struct packer *p, const char *rel, const char *full, const struct stat *st)
{
	char target[4096];
	ssize_t n;

	archive_entry_clear(p->e);
	archive_entry_set_pathname(p->e, rel);
	archive_entry_set_mode(p->e, st->st_mode);
	archive_entry_set_uid(p->e, 0);
	archive_entry_set_gid(p->e, 0);
	archive_entry_set_nlink(p->e, S_ISDIR(st->st_mode) ? 2 : 1);
	archive_entry_set_ino64(p->e, ++p->ino);
	archive_entry_set_mtime(p->e, st->st_mtime < p->epoch ? st->st_mtime : p->epoch, 0);
	archive_entry_set_size(p->e, 0);
	if (S_ISREG(st->st_mode)) {
		archive_entry_set_size(p->e, st->st_size);
	} else if (S_ISLNK(st->st_mode)) {
		if ((n = readlink(full, target, sizeof(target) - 1)) < 0) {
			return mk_fail("%s: readlink: %s", full, strerror(errno));
		}
		target[n] = '\0';
		archive_entry_set_symlink(p->e, target);
	} else if (!S_ISDIR(st->st_mode)) {
		return mk_fail("%s: not a file, directory or symlink", full);
	}
	return 0;
}

static int
add(struct packer *p, const char *rel)
{
	char full[4096];
	struct stat st;

	snprintf(full, sizeof(full), "%s/%s", p->root, rel);
	if (lstat(full, &st) != 0) {
		return mk_fail("%s: %s", full, strerror(errno));
	}
	if (fill_entry(p, rel, full, &st) != 0) {
		return -1;
	}
	if (archive_write_header(p->a, p->e) != ARCHIVE_OK) {
		return mk_fail("%s: %s: %s", p->out, rel, archive_error_string(p->a));
	}
	if (S_ISREG(st.st_mode) && copy_data(p, full) != 0) {
		return -1;
	}
	return S_ISDIR(st.st_mode) ? walk(p, rel) : 0;
}

/* Add the children of rel ("" for the root), sorted, skipping what is excluded. */
static int
walk(struct packer *p, const char *rel)
{
	struct dirent **names;
	char dir[4096], child[4096];
	int i, n, rc = 0;

	snprintf(dir, sizeof(dir), "%s/%s", p->root, rel);
	if ((n = scandir(dir, &names, NULL, bytewise)) < 0) {
		return mk_fail("%s: %s", dir, strerror(errno));
	}
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (rc != 0 || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
			continue;
		}
		if (snprintf(child, sizeof(child), "%s%s%s", rel, rel[0] ? "/" : "", name) >=
		    (int)sizeof(child)) {
			rc = mk_fail("%s/%s: path too long", dir, name);
			continue;
		}
		if (!is_excluded(child)) {
			rc = add(p, child);
		}
	}
	for (i = 0; i < n; i++) {
		free(names[i]);
	}
	free(names);
	return rc;
}

int
mk_initrd_write(const char *sysroot, const char *out, int64_t epoch)
{
	struct packer p = { .root = sysroot, .out = out, .epoch = epoch };
	char tmp[4096];
	int rc;

	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	p.a = archive_write_new();
	p.e = archive_entry_new();
	archive_write_set_format_cpio_newc(p.a);
	archive_write_add_filter_none(p.a);
	/* Pad the archive to 512-byte blocks, like cpio(1), and nothing more. */
	archive_write_set_bytes_per_block(p.a, 512);
	if (archive_write_open_filename(p.a, tmp) != ARCHIVE_OK) {
		rc = mk_fail("%s: %s", tmp, archive_error_string(p.a));
	} else {
		rc = walk(&p, "");
	}
	if (archive_write_close(p.a) != ARCHIVE_OK && rc == 0) {
		rc = mk_fail("%s: %s", tmp, archive_error_string(p.a));
	}
	archive_entry_free(p.e);
	archive_write_free(p.a);
	if (rc == 0 && rename(tmp, out) != 0) {
		rc = mk_fail("%s: rename: %s", out, strerror(errno));
	}
	if (rc != 0) {
		unlink(tmp);
	}
	return rc;
}
