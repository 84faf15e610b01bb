/* archive.c - rpg: the .rpg container (zstd pax tar) through libarchive, read and write */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "archive.h"
#include "archive_write.h"
#include "err.h"
#include "manifest.h"

#define MANIFEST_PATH ".RPG/manifest.json"
#define SIG_PATH ".RPG/manifest.json.minisig"
#define SIG_MAX 8192
#define ZSTD_LEVEL "9"

struct rpg_areader {
	struct archive *a;
	char *what;
	char *path;		/* current entry's path, trailing '/' of a dir dropped */
	int64_t left;		/* data bytes the current entry may still yield */
};

struct rpg_awriter {
	struct archive *a;
	struct archive_entry *e;
	char *what;
};

/*
 * Names in a .rpg are UTF-8. libarchive converts names through the current
 * locale's charset, which is ASCII in the C locale, so header reads and
 * writes run under C.UTF-8 (per thread, with uselocale). NULL if the system
 * lacks C.UTF-8: then only ASCII names work.
 */
static locale_t
utf8_locale(void)
{
	static locale_t loc;
	static int tried;

	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return loc;
}

static locale_t
enter_utf8(void)
{
	locale_t loc = utf8_locale();

	return loc != (locale_t)0 ? uselocale(loc) : (locale_t)0;
}

static void
leave_utf8(locale_t old)
{
	if (old != (locale_t)0) {
		uselocale(old);
	}
}

static int
ascii(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x80) {
			return 0;
		}
	}
	return 1;
}

static int
fail_archive(struct rpg_ctx *ctx, const char *what, struct archive *a, const char *doing)
{
	const char *msg = archive_error_string(a);

	return rpg_fail(ctx, RPG_E_FORMAT, "%s: %s: %s", what, doing,
	    msg != NULL ? msg : "corrupt or truncated archive");
}

int
rpg_areader_open(struct rpg_ctx *ctx, int fd, const char *what, struct rpg_areader **out)
{
	struct rpg_areader *r;

	*out = NULL;
	if ((r = calloc(1, sizeof(*r))) == NULL || (r->what = strdup(what)) == NULL ||
	    (r->a = archive_read_new()) == NULL) {
		rpg_areader_close(r);
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", what);
	}
	archive_read_support_filter_zstd(r->a);
	archive_read_support_format_tar(r->a);
	if (archive_read_open_fd(r->a, fd, 1 << 16) != ARCHIVE_OK) {
		fail_archive(ctx, what, r->a, "open");
		rpg_areader_close(r);
		return RPG_E_FORMAT;
	}
	*out = r;
	return 0;
}

/* Names are UTF-8 in the archive; fall back to the raw form libarchive holds. */
static const char *
entry_name(struct archive_entry *e)
{
	const char *p = archive_entry_pathname_utf8(e);

	return p != NULL ? p : archive_entry_pathname(e);
}

static const char *
entry_link(struct archive_entry *e, int hard)
{
	const char *p = hard ? archive_entry_hardlink_utf8(e) : archive_entry_symlink_utf8(e);

	if (p == NULL) {
		p = hard ? archive_entry_hardlink(e) : archive_entry_symlink(e);
	}
	return p;
}

static enum rpg_etype
entry_type(struct archive_entry *e)
{
	if (entry_link(e, 1) != NULL || archive_entry_hardlink_w(e) != NULL) {
		return RPG_ET_HARDLINK;
	}
	switch (archive_entry_filetype(e)) {
	case AE_IFREG:
		return RPG_ET_FILE;
	case AE_IFDIR:
		return RPG_ET_DIR;
	case AE_IFLNK:
		return RPG_ET_SYMLINK;
	default:
		return RPG_ET_OTHER;
	}
}

static int next_entry(struct rpg_ctx *ctx, struct rpg_areader *r, struct rpg_entry *e);

int
rpg_areader_next(struct rpg_ctx *ctx, struct rpg_areader *r, struct rpg_entry *e)
{
	locale_t old = enter_utf8();
	int rc;

	rc = next_entry(ctx, r, e);
	leave_utf8(old);
	return rc;
}

static int
next_entry(struct rpg_ctx *ctx, struct rpg_areader *r, struct rpg_entry *e)
{
	struct archive_entry *ae;
	const char *p;
	size_t n;
	int rc;

	rc = archive_read_next_header(r->a, &ae);
	if (rc == ARCHIVE_EOF) {
		return 0;
	}
	if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
		return fail_archive(ctx, r->what, r->a, "read");
	}
	if (archive_filter_code(r->a, 0) != ARCHIVE_FILTER_ZSTD) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: not zstd-compressed", r->what);
	}
	if ((p = entry_name(ae)) == NULL || *p == '\0') {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: entry without a name", r->what);
	}
	free(r->path);
	if ((r->path = strdup(p)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", r->what);
	}
	memset(e, 0, sizeof(*e));
	e->type = entry_type(ae);
	n = strlen(r->path);
	if (e->type == RPG_ET_DIR && n > 1 && r->path[n - 1] == '/') {
		r->path[n - 1] = '\0';
	}
	e->path = r->path;
	e->mode = (unsigned)archive_entry_perm(ae) & 07777;
	e->size = archive_entry_size_is_set(ae) ? archive_entry_size(ae) : 0;
	if (e->size < 0) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: %s: negative size", r->what, r->path);
	}
	if (e->type == RPG_ET_SYMLINK) {
		e->link = entry_link(ae, 0);
	} else if (e->type == RPG_ET_HARDLINK) {
		e->link = entry_link(ae, 1);
	}
	r->left = e->type == RPG_ET_FILE ? e->size : 0;
	return 1;
}

ssize_t
rpg_areader_read(struct rpg_ctx *ctx, struct rpg_areader *r, void *buf, size_t len)
{
	la_ssize_t n;

	if (r->left <= 0) {
		return 0;
	}
	if ((int64_t)len > r->left) {
		len = (size_t)r->left;
	}
	n = archive_read_data(r->a, buf, len);
	if (n < 0) {
		return fail_archive(ctx, r->what, r->a, r->path != NULL ? r->path : "read");
	}
	if (n == 0) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: %s: truncated entry", r->what, r->path);
	}
	r->left -= n;
	return n;
}

void
rpg_areader_close(struct rpg_areader *r)
{
	if (r == NULL) {
		return;
	}
	if (r->a != NULL) {
		archive_read_free(r->a);
	}
	free(r->what);
	free(r->path);
	free(r);
}

/* Read the next entry, which must be a file named path of at most max bytes. */
static int
read_small(struct rpg_ctx *ctx, struct rpg_areader *r, const char *path, size_t max,
    char **out, size_t *len)
{
	struct rpg_entry e;
	size_t got = 0;
	ssize_t n;
	char *p;
	int rc;

	if ((rc = rpg_areader_next(ctx, r, &e)) < 0) {
		return rc;
	}
	if (rc == 0 || strcmp(e.path, path) != 0 || e.type != RPG_ET_FILE) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: not an rpg package (%s missing)", r->what, path);
	}
	if ((uint64_t)e.size > max) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: %s larger than %zu bytes", r->what, path, max);
	}
	if ((p = malloc((size_t)e.size + 1)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", r->what);
	}
	while ((n = rpg_areader_read(ctx, r, p + got, (size_t)e.size - got)) > 0) {
		got += (size_t)n;
	}
	if (n < 0) {
		free(p);
		return (int)n;
	}
	p[got] = '\0';
	*out = p;
	*len = got;
	return 0;
}

int
rpg_areader_manifest(struct rpg_ctx *ctx, struct rpg_areader *r, char **manifest,
    size_t *mlen, char **sig, size_t *siglen)
{
	int rc;

	*manifest = NULL;
	*sig = NULL;
	if ((rc = read_small(ctx, r, MANIFEST_PATH, RPG_MANIFEST_MAX, manifest, mlen)) != 0) {
		return rc;
	}
	if ((rc = read_small(ctx, r, SIG_PATH, SIG_MAX, sig, siglen)) != 0) {
		free(*manifest);
		*manifest = NULL;
	}
	return rc;
}

int
rpg_awriter_open(struct rpg_ctx *ctx, int fd, const char *what, struct rpg_awriter **out)
{
	struct rpg_awriter *w;

	*out = NULL;
	if ((w = calloc(1, sizeof(*w))) == NULL || (w->what = strdup(what)) == NULL ||
	    (w->a = archive_write_new()) == NULL || (w->e = archive_entry_new()) == NULL) {
		rpg_awriter_close(NULL, w);
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", what);
	}
	if (archive_write_set_format_pax_restricted(w->a) != ARCHIVE_OK ||
	    archive_write_add_filter_zstd(w->a) != ARCHIVE_OK ||
	    archive_write_set_filter_option(w->a, "zstd", "compression-level", ZSTD_LEVEL) != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(w->a, 1) != ARCHIVE_OK ||
	    archive_write_open_fd(w->a, fd) != ARCHIVE_OK) {
		fail_archive(ctx, what, w->a, "create");
		rpg_awriter_close(NULL, w);
		return RPG_E_FORMAT;
	}
	*out = w;
	return 0;
}

static int
put_header(struct rpg_ctx *ctx, struct rpg_awriter *w, const char *path, unsigned type,
    unsigned mode, int64_t mtime, int64_t size, const char *target)
{
	struct archive_entry *e = w->e;
	locale_t old;
	int rc;

	archive_entry_clear(e);
	archive_entry_set_pathname_utf8(e, path);
	archive_entry_set_filetype(e, type);
	archive_entry_set_perm(e, mode & 07777);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_uname(e, "root");
	archive_entry_set_gname(e, "root");
	archive_entry_set_mtime(e, mtime, 0);
	archive_entry_set_size(e, size);
	if (target != NULL) {
		archive_entry_set_symlink_utf8(e, target);
	}
	if (utf8_locale() == (locale_t)0 && (!ascii(path) || (target != NULL && !ascii(target)))) {
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: non-ASCII name needs the C.UTF-8 locale",
		    w->what, path);
	}
	old = enter_utf8();
	rc = archive_write_header(w->a, e);
	leave_utf8(old);
	if (rc != ARCHIVE_OK) {
		return fail_archive(ctx, w->what, w->a, path);
	}
	return 0;
}

static int
put_data(struct rpg_ctx *ctx, struct rpg_awriter *w, const char *path, const void *data,
    size_t len)
{
	if (len > 0 && archive_write_data(w->a, data, len) != (la_ssize_t)len) {
		return fail_archive(ctx, w->what, w->a, path);
	}
	return 0;
}

int
rpg_awriter_add_data(struct rpg_ctx *ctx, struct rpg_awriter *w, const char *path,
    unsigned mode, int64_t mtime, const void *data, size_t len)
{
	int rc;

	if ((rc = put_header(ctx, w, path, AE_IFREG, mode, mtime, (int64_t)len, NULL)) != 0) {
		return rc;
	}
	return put_data(ctx, w, path, data, len);
}

int
rpg_awriter_add_fd(struct rpg_ctx *ctx, struct rpg_awriter *w, const char *path,
    unsigned mode, int64_t mtime, int fd, uint64_t size)
{
	static __thread char buf[1 << 16];
	uint64_t done = 0;
	ssize_t n;
	int rc;

	if ((rc = put_header(ctx, w, path, AE_IFREG, mode, mtime, (int64_t)size, NULL)) != 0) {
		return rc;
	}
	while (done < size) {
		n = read(fd, buf, size - done < sizeof(buf) ? (size_t)(size - done) : sizeof(buf));
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			return rpg_fail(ctx, n < 0 ? -errno : RPG_E_BUILD, "%s: %s: %s", w->what,
			    path, n < 0 ? strerror(errno) : "file shrank while packing");
		}
		if ((rc = put_data(ctx, w, path, buf, (size_t)n)) != 0) {
			return rc;
		}
		done += (uint64_t)n;
	}
	return 0;
}

int
rpg_awriter_add_dir(struct rpg_ctx *ctx, struct rpg_awriter *w, const char *path,
    unsigned mode, int64_t mtime)
{
	char *slashed;
	int rc;

	/*
	 * Tar names directories "name/". Adding the slash here keeps libarchive
	 * from re-encoding a non-ASCII name through the C locale to add it.
	 */
	if (asprintf(&slashed, "%s/", path) < 0) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", w->what);
	}
	rc = put_header(ctx, w, slashed, AE_IFDIR, mode, mtime, 0, NULL);
	free(slashed);
	return rc;
}

int
rpg_awriter_add_symlink(struct rpg_ctx *ctx, struct rpg_awriter *w, const char *path,
    unsigned mode, int64_t mtime, const char *target)
{
	return put_header(ctx, w, path, AE_IFLNK, mode, mtime, 0, target);
}

int
rpg_awriter_close(struct rpg_ctx *ctx, struct rpg_awriter *w)
{
	int rc = 0;

	if (w == NULL) {
		return 0;
	}
	if (w->a != NULL) {
		if (ctx != NULL && archive_write_close(w->a) != ARCHIVE_OK) {
			rc = fail_archive(ctx, w->what, w->a, "finish");
		}
		archive_write_free(w->a);
	}
	if (w->e != NULL) {
		archive_entry_free(w->e);
	}
	free(w->what);
	free(w);
	return rc;
}
