/* fetch.c - rpg: repositories over file:// and http(s)://, and the package cache */
/* SPDX-License-Identifier: MIT */
#include <curl/curl.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "fetch.h"
#include "fsutil.h"
#include "hash.h"

#define INDEX_MAX (64u << 20)
#define SIG_MAX (64u << 10)

/*
 * libcurl is loaded when an http(s) URL is first fetched, not linked: its
 * dependencies (TLS, LDAP, Kerberos, IDN, ...) cost every rpg command
 * some 10 ms of dynamic loading, and most commands never fetch.
 */
static struct {
	int loaded;
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	void (*easy_cleanup)(CURL *);
	const char *(*easy_strerror)(CURLcode);
} lc;

static int
load_curl(struct rpg_ctx *ctx, const char *url)
{
	void *h;

	if (lc.loaded)
		return 0;
	if ((h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL)) == NULL)
		return rpg_fail(ctx, RPG_E_FETCH, "%s: http(s) needs libcurl.so.4: %s", url, dlerror());
	*(void **)&lc.easy_init = dlsym(h, "curl_easy_init");
	*(void **)&lc.easy_setopt = dlsym(h, "curl_easy_setopt");
	*(void **)&lc.easy_perform = dlsym(h, "curl_easy_perform");
	*(void **)&lc.easy_getinfo = dlsym(h, "curl_easy_getinfo");
	*(void **)&lc.easy_cleanup = dlsym(h, "curl_easy_cleanup");
	*(void **)&lc.easy_strerror = dlsym(h, "curl_easy_strerror");
	if (lc.easy_init == NULL || lc.easy_setopt == NULL || lc.easy_perform == NULL ||
	    lc.easy_getinfo == NULL || lc.easy_cleanup == NULL || lc.easy_strerror == NULL)
		return rpg_fail(ctx, RPG_E_FETCH, "%s: libcurl.so.4 lacks curl_easy_*", url);
	lc.loaded = 1;
	return 0;
}

static int
add_repo(struct rpg_ctx *ctx, struct rpg_repos *rs, const char *url, size_t len)
{
	uint8_t h[RPG_SHA256_LEN];
	struct rpg_repo *v;

	while (len > 0 && (url[len - 1] == '/' || url[len - 1] == ' ' || url[len - 1] == '\t' ||
	    url[len - 1] == '\r'))
		len--;
	if (len == 0)
		return 0;
	v = realloc(rs->v, (rs->n + 1) * sizeof(*v));
	if (v == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	rs->v = v;
	v += rs->n;
	memset(v, 0, sizeof(*v));
	if ((v->url = strndup(url, len)) == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	rpg_sha256(v->url, len, h);
	rpg_hex(h, 8, v->key);
	rs->n++;
	return 0;
}

int
rpg_fetch_repos(struct rpg_ctx *ctx, struct rpg_repos **out)
{
	struct rpg_repos *rs;
	char *buf = NULL, *line, *save = NULL;
	int rootfd, r = 0;

	rs = calloc(1, sizeof(*rs));
	if (rs == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	*out = rs;
	if (ctx->repo != NULL)
		return add_repo(ctx, rs, ctx->repo, strlen(ctx->repo));
	if ((r = rpg_fs_open_root(ctx, &rootfd)) < 0)
		return r;
	r = rpg_fs_read(ctx, rootfd, "etc/rpg/repos", 1u << 20, &buf, NULL);
	close(rootfd);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	for (line = strtok_r(buf, "\n", &save); line != NULL && r == 0;
	    line = strtok_r(NULL, "\n", &save)) {
		line += strspn(line, " \t");
		if (*line != '#')
			r = add_repo(ctx, rs, line, strlen(line));
	}
	free(buf);
	return r;
}

void
rpg_fetch_repos_free(struct rpg_repos *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->n; i++) {
		free(rs->v[i].url);
		if (rs->v[i].ix != NULL)
			rpg_index_free(rs->v[i].ix);
	}
	free(rs->v);
	free(rs);
}

struct sink {
	int fd;
	uint64_t done, max, total;
	int err;
	const char *what;
	rpg_fetch_progress_fn fn;
	void *arg;
};

static size_t
on_data(char *p, size_t size, size_t n, void *arg)
{
	struct sink *s = arg;
	size_t len = size * n;

	if (s->done + len > s->max) {
		s->err = EFBIG;
		return 0;
	}
	if (rpg_fs_write_all(s->fd, p, len) < 0) {
		s->err = errno;
		return 0;
	}
	s->done += len;
	if (s->fn != NULL)
		s->fn(s->arg, s->what, s->done, s->total);
	return len;
}

static int
fetch_file_url(struct rpg_ctx *ctx, const char *url, struct sink *s)
{
	char buf[1 << 16];
	ssize_t n;
	int fd;

	fd = open(url + strlen("file://"), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return rpg_fail(ctx, RPG_E_FETCH, "%s: %s", url, strerror(errno));
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (on_data(buf, 1, (size_t)n, s) != (size_t)n)
			break;
	close(fd);
	if (n < 0 || s->err != 0)
		return rpg_fail(ctx, RPG_E_FETCH, "%s: %s", url,
		    s->err == EFBIG ? "larger than expected" : strerror(n < 0 ? errno : s->err));
	return 0;
}

int
rpg_fetch_url(struct rpg_ctx *ctx, const char *url, int fd, uint64_t max,
    rpg_fetch_progress_fn fn, void *arg)
{
	struct sink s = { .fd = fd, .max = max, .fn = fn, .arg = arg, .what = url };
	long code = 0;
	CURLcode c;
	CURL *h;

	if (max != UINT64_MAX)
		s.total = max;
	if (strncmp(url, "file://", 7) == 0)
		return fetch_file_url(ctx, url, &s);
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
		return rpg_fail(ctx, RPG_E_FETCH, "%s: only file://, http:// and https:// are supported",
		    url);
	if (load_curl(ctx, url) < 0)
		return ctx->err.code;
	h = lc.easy_init();
	if (h == NULL)
		return rpg_fail(ctx, RPG_E_FETCH, "%s: curl_easy_init failed", url);
	lc.easy_setopt(h, CURLOPT_URL, url);
	lc.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	lc.easy_setopt(h, CURLOPT_WRITEDATA, &s);
	lc.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	lc.easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
	lc.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
	lc.easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	lc.easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
	lc.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	lc.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	lc.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	c = lc.easy_perform(h);
	lc.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	lc.easy_cleanup(h);
	if (s.err == EFBIG)
		return rpg_fail(ctx, RPG_E_FETCH, "%s: larger than expected", url);
	if (c != CURLE_OK)
		return rpg_fail(ctx, RPG_E_FETCH, "%s: %s", url, lc.easy_strerror(c));
	if (code != 200)
		return rpg_fail(ctx, RPG_E_FETCH, "%s: HTTP status %ld", url, code);
	return 0;
}

/* Download url into dirfd/name (via name.part); then read it back when out != NULL. */
static int
download(struct rpg_ctx *ctx, const char *url, int dirfd, const char *name, uint64_t max,
    rpg_fetch_progress_fn fn, void *arg, char **out, size_t *len)
{
	char part[NAME_MAX + 1];
	int fd, r;

	snprintf(part, sizeof(part), "%s.part", name);
	fd = openat(dirfd, part, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return rpg_fail(ctx, -errno, "%s: %s", part, strerror(errno));
	r = rpg_fetch_url(ctx, url, fd, max, fn, arg);
	if (r == 0 && fsync(fd) < 0)
		r = rpg_fail(ctx, -errno, "%s: fsync: %s", part, strerror(errno));
	close(fd);
	if (r == 0 && renameat(dirfd, part, dirfd, name) < 0)
		r = rpg_fail(ctx, -errno, "%s: %s", name, strerror(errno));
	if (r < 0) {
		unlinkat(dirfd, part, 0);
		return r;
	}
	if (out == NULL)
		return 0;
	r = rpg_fs_read(ctx, dirfd, name, max, out, len);
	return r == -ENOENT ? rpg_fail(ctx, r, "%s: vanished", url) : r;
}

/* Keep the verified index (index.json.new -> index.json), or drop the download. */
static void
settle_index(int dirfd, int keep)
{
	if (keep) {
		renameat(dirfd, "index.json.new", dirfd, "index.json");
		renameat(dirfd, "index.json.minisig.new", dirfd, "index.json.minisig");
	} else {
		unlinkat(dirfd, "index.json.new", 0);
		unlinkat(dirfd, "index.json.minisig.new", 0);
	}
}

static int
fetch_index(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_repo *rp, int dirfd,
    const struct rpg_pubkey *keys, size_t nkeys)
{
	char url[PATH_MAX], what[PATH_MAX], *ix = NULL, *sig = NULL;
	size_t ixlen, siglen;
	uint64_t last;
	int r;

	snprintf(url, sizeof(url), "%s/index.json", rp->url);
	snprintf(what, sizeof(what), "%s/index.json", rp->url);
	if ((r = download(ctx, url, dirfd, "index.json.new", INDEX_MAX, NULL, NULL, &ix,
	    &ixlen)) < 0)
		goto out;
	snprintf(url, sizeof(url), "%s/index.json.minisig", rp->url);
	if ((r = download(ctx, url, dirfd, "index.json.minisig.new", SIG_MAX, NULL, NULL, &sig,
	    &siglen)) < 0)
		goto out;
	if ((r = rpg_verify(ctx, what, keys, nkeys, ix, ixlen, sig, siglen)) < 0)
		goto out;
	if ((r = rpg_index_parse(ctx, what, ix, ixlen, &rp->ix)) < 0)
		goto out;
	if ((r = rpg_db_serial_get(ctx, db, rp->key, &last)) < 0)
		goto out;
	if (rp->ix->serial < last) {
		r = rpg_fail(ctx, RPG_E_REPLAY, "%s: serial %llu is older than the %llu already seen "
		    "(replayed or rolled-back repository)", what, (unsigned long long)rp->ix->serial,
		    (unsigned long long)last);
		goto out;
	}
	if (rp->ix->serial > last)
		r = rpg_db_serial_set(ctx, db, rp->key, rp->ix->serial);
out:
	settle_index(dirfd, r == 0);
	free(ix);
	free(sig);
	return r;
}

int
rpg_fetch_indexes(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_repos *rs,
    const struct rpg_pubkey *keys, size_t nkeys)
{
	char dir[64];
	size_t i;
	int cfd, dfd, r = 0;

	if ((r = rpg_db_cachefd(ctx, db, &cfd)) < 0)
		return r;
	for (i = 0; i < rs->n && r == 0; i++) {
		if (rs->v[i].ix != NULL)
			continue;
		snprintf(dir, sizeof(dir), "repos/%s", rs->v[i].key);
		if ((r = rpg_fs_opendir(ctx, cfd, dir, RPG_FS_CREATE, 0755, &dfd)) < 0)
			break;
		r = fetch_index(ctx, db, &rs->v[i], dfd, keys, nkeys);
		close(dfd);
	}
	close(cfd);
	return r;
}

void
rpg_fetch_cache_path(const struct rpg_ctx *ctx, const char *name, char *buf, size_t size)
{
	const char *root = ctx->root != NULL ? ctx->root : "/";

	snprintf(buf, size, "%s%s" RPG_CACHE_DIR "/%s", root,
	    root[strlen(root) - 1] == '/' ? "" : "/", name);
}

/* 1 if dirfd/name exists with exactly this size and digest. */
static int
cached_ok(int dirfd, const char *name, const struct rpg_index_entry *e)
{
	uint8_t sum[RPG_SHA256_LEN];
	uint64_t size;
	int fd, ok;

	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ok = rpg_sha256_file(fd, sum, &size) == 0 && size == e->size &&
	    memcmp(sum, e->sha256, sizeof(sum)) == 0;
	close(fd);
	return ok;
}

int
rpg_fetch_package(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_repos *rs,
    const struct rpg_repo *rp, const struct rpg_index_entry *e, char **path)
{
	char url[PATH_MAX], full[PATH_MAX];
	const char *name = strrchr(e->filename, '/');
	int cfd, r;

	name = name != NULL ? name + 1 : e->filename;
	if (name[0] == '\0' || name[0] == '.' || strstr(e->filename, "..") != NULL)
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: bad file name in the index", e->filename);
	if ((r = rpg_db_cachefd(ctx, db, &cfd)) < 0)
		return r;
	if (!cached_ok(cfd, name, e)) {
		snprintf(url, sizeof(url), "%s/%s", rp->url, e->filename);
		r = download(ctx, url, cfd, name, e->size, rs->progress, rs->parg, NULL, NULL);
		if (r == 0 && !cached_ok(cfd, name, e)) {
			unlinkat(cfd, name, 0);
			r = rpg_fail(ctx, RPG_E_HASH, "%s: size or SHA-256 differs from the signed index",
			    url);
		}
	}
	close(cfd);
	if (r < 0)
		return r;
	rpg_fetch_cache_path(ctx, name, full, sizeof(full));
	if ((*path = strdup(full)) == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	return 0;
}

/* Copy in to out inside the kernel when it can (copy_file_range), else through a buffer. */
static int
copy_file(int in, int out)
{
	ssize_t n;

	while ((n = copy_file_range(in, NULL, out, NULL, 1u << 30, 0)) > 0)
		;
	if (n == 0)
		return 0;
	if (errno != EXDEV && errno != ENOSYS && errno != EINVAL && errno != EOPNOTSUPP)
		return -errno;
	if (lseek(in, 0, SEEK_SET) < 0 || lseek(out, 0, SEEK_SET) < 0 || ftruncate(out, 0) < 0)
		return -errno;
	/* Across file systems: sendfile still copies inside the kernel. */
	while ((n = sendfile(out, in, NULL, 1u << 30)) > 0)
		;
	if (n == 0)
		return 0;
	if (lseek(in, 0, SEEK_SET) < 0 || lseek(out, 0, SEEK_SET) < 0 || ftruncate(out, 0) < 0)
		return -errno;
	return rpg_fs_copy_fd(in, out);
}

/*
 * The cache copy is not synced: it only serves rollback, which verifies
 * its signature and every file hash again, so a torn copy is refused then.
 */
int
rpg_fetch_cache_put(struct rpg_ctx *ctx, struct rpg_db *db, const char *src, const char *name)
{
	char part[NAME_MAX + 1];
	int in, out, cfd, r;

	if ((r = rpg_db_cachefd(ctx, db, &cfd)) < 0)
		return r;
	snprintf(part, sizeof(part), "%s.part", name);
	unlinkat(cfd, part, 0);
	if (linkat(AT_FDCWD, src, cfd, part, 0) == 0) {
		r = renameat(cfd, part, cfd, name) < 0 ? -errno : 0;
		goto out;
	}
	in = open(src, O_RDONLY | O_CLOEXEC);
	out = openat(cfd, part, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	r = in < 0 || out < 0 ? -errno : copy_file(in, out);
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (r == 0 && renameat(cfd, part, cfd, name) < 0)
		r = -errno;
out:
	if (r < 0) {
		unlinkat(cfd, part, 0);
		r = rpg_fail(ctx, r, "%s: caching: %s", src, strerror(-r));
	}
	close(cfd);
	return r;
}
