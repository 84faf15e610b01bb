/* slots.c - rpg: kernel packages in the ESP's boot slots, and loader.conf */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "fsutil.h"
#include "hash.h"
#include "slots.h"

/* ---- the directory backend: ROOT/boot/efi ---- */

struct esp_dir {
	int fd;
};

static int
dir_read(struct rpg_ctx *ctx, void *h, const char *path, char **buf, size_t *len)
{
	struct esp_dir *d = h;
	const char *base;
	int fd, r;

	if ((r = rpg_fs_openparent(ctx, d->fd, path, 0, &fd, &base)) < 0)
		return r == -ENOENT ? rpg_fail(ctx, RPG_E_NOTFOUND, "%s: no such file", path) : r;
	r = rpg_fs_read(ctx, fd, base, 256u << 20, buf, len);
	close(fd);
	return r == -ENOENT ? rpg_fail(ctx, RPG_E_NOTFOUND, "%s: no such file", path) : r;
}

static int
dir_write(struct rpg_ctx *ctx, void *h, const char *path, const void *data, size_t len)
{
	struct esp_dir *d = h;
	const char *base;
	int fd, r;

	if ((r = rpg_fs_openparent(ctx, d->fd, path, RPG_FS_CREATE, &fd, &base)) < 0)
		return r;
	r = rpg_fs_write_atomic(ctx, fd, base, data, len, 0644);
	close(fd);
	return r;
}

static int
dir_rename(struct rpg_ctx *ctx, void *h, const char *from, const char *to)
{
	struct esp_dir *d = h;
	const char *fb, *tb;
	int ffd, tfd, r;

	if ((r = rpg_fs_openparent(ctx, d->fd, from, 0, &ffd, &fb)) < 0)
		return r;
	if ((r = rpg_fs_openparent(ctx, d->fd, to, RPG_FS_CREATE, &tfd, &tb)) < 0) {
		close(ffd);
		return r;
	}
	if (renameat(ffd, fb, tfd, tb) < 0)
		r = rpg_fail(ctx, errno == ENOENT ? RPG_E_NOTFOUND : -errno, "%s: %s", from,
		    strerror(errno));
	else
		r = rpg_fs_fsync_dir(tfd);
	close(ffd);
	close(tfd);
	return r;
}

static int
dir_remove(struct rpg_ctx *ctx, void *h, const char *path)
{
	struct esp_dir *d = h;
	const char *base;
	int fd, r;

	if ((r = rpg_fs_openparent(ctx, d->fd, path, 0, &fd, &base)) < 0)
		return r == -ENOENT ? rpg_fail(ctx, RPG_E_NOTFOUND, "%s: no such file", path) : r;
	if (unlinkat(fd, base, 0) < 0)
		r = rpg_fail(ctx, errno == ENOENT ? RPG_E_NOTFOUND : -errno, "%s: %s", path,
		    strerror(errno));
	close(fd);
	return r;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
dir_list(struct rpg_ctx *ctx, void *h, const char *dir, char ***names, size_t *n)
{
	struct esp_dir *d = h;
	struct dirent *de;
	char **v = NULL, **g;
	DIR *dp;
	int fd, r;

	*names = NULL;
	*n = 0;
	if ((r = rpg_fs_opendir(ctx, d->fd, dir, 0, 0, &fd)) < 0)
		return r == -ENOENT ? rpg_fail(ctx, RPG_E_NOTFOUND, "%s: no such directory", dir) : r;
	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return rpg_fail(ctx, -errno, "%s: %s", dir, strerror(errno));
	}
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		g = realloc(v, (*n + 1) * sizeof(*v));
		if (g == NULL)
			break;
		v = g;
		if (asprintf(&v[*n], "%s%s", de->d_name, de->d_type == DT_DIR ? "/" : "") >= 0)
			(*n)++;
	}
	closedir(dp);
	if (*n > 0)
		qsort(v, *n, sizeof(*v), cmp_name);
	*names = v;
	return 0;
}

static int
dir_sync(struct rpg_ctx *ctx, void *h)
{
	struct esp_dir *d = h;

	if (syncfs(d->fd) < 0)
		return rpg_fail(ctx, -errno, RPG_ESP_DIR ": syncfs: %s", strerror(errno));
	return 0;
}

static void
dir_close(void *h)
{
	struct esp_dir *d = h;

	close(d->fd);
	free(d);
}

static const struct rpg_esp_ops esp_dir_ops = {
	.read = dir_read,
	.write = dir_write,
	.rename = dir_rename,
	.remove = dir_remove,
	.list = dir_list,
	.sync = dir_sync,
	.close = dir_close,
};

int
rpg_esp_open_dir(struct rpg_ctx *ctx, struct rpg_esp *esp)
{
	struct esp_dir *d;
	int rootfd, r;

	d = calloc(1, sizeof(*d));
	if (d == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	if ((r = rpg_fs_open_root(ctx, &rootfd)) < 0) {
		free(d);
		return r;
	}
	r = rpg_fs_opendir(ctx, rootfd, RPG_ESP_DIR, RPG_FS_CREATE, 0755, &d->fd);
	close(rootfd);
	if (r < 0) {
		free(d);
		return r;
	}
	esp->ops = &esp_dir_ops;
	esp->priv = d;
	return 0;
}

int
rpg_esp_open(struct rpg_ctx *ctx, struct rpg_esp *esp)
{
	if (ctx->image != NULL)
		return rpg_espimg_open(ctx, ctx->image, esp);
	return rpg_esp_open_dir(ctx, esp);
}

void
rpg_esp_close(struct rpg_esp *esp)
{
	if (esp->ops != NULL)
		esp->ops->close(esp->priv);
	esp->ops = NULL;
}

/* ---- loader.conf ---- */

int
rpg_slots_read(struct rpg_ctx *ctx, struct rpg_esp *esp, struct loaderconf *c, int *present)
{
	unsigned line = 0;
	char *buf;
	size_t len;
	int r;

	*present = 0;
	r = esp->ops->read(ctx, esp->priv, RPG_LOADER_CONF, &buf, &len);
	if (r == RPG_E_NOTFOUND || r == -ENOENT) {
		ctx->err.code = 0;
		lc_init(c);
		return 0;
	}
	if (r < 0)
		return r;
	r = lc_parse(c, buf, len, &line);
	free(buf);
	if (r != LC_OK)
		return rpg_fail(ctx, RPG_E_FORMAT, RPG_LOADER_CONF ":%u: %s", line, lc_strerror(r));
	*present = 1;
	return 0;
}

static int
write_conf(struct rpg_ctx *ctx, struct rpg_esp *esp, const struct loaderconf *c)
{
	char buf[LC_TEXT_MAX + 1];
	size_t len;
	int r;

	if ((r = lc_write(c, buf, sizeof(buf), &len)) != LC_OK)
		return rpg_fail(ctx, RPG_E_INTERNAL, RPG_LOADER_CONF ": %s", lc_strerror(r));
	if ((r = esp->ops->write(ctx, esp->priv, RPG_LOADER_CONF ".new", buf, len)) < 0 ||
	    (r = esp->ops->sync(ctx, esp->priv)) < 0 ||
	    (r = esp->ops->rename(ctx, esp->priv, RPG_LOADER_CONF ".new", RPG_LOADER_CONF)) < 0)
		return r;
	return esp->ops->sync(ctx, esp->priv);
}

static char
other(char s)
{
	return s == 'a' ? 'b' : 'a';
}

/* The slot a new kernel goes to, or an error when that would lose the only confirmed kernel. */
static int
pick_target(struct rpg_ctx *ctx, struct loaderconf *c, int present, char *target)
{
	struct lc_slot *def = lc_slot(c, c->default_slot), *t;

	if (!present || def->version[0] == '\0') {
		*target = c->default_slot;
		return 0;
	}
	*target = other(c->default_slot);
	t = lc_slot(c, *target);
	/*
	 * The loader leaves a kernel that failed its tries as the default; the
	 * confirmed kernel it fell back to is in the other slot. The failed
	 * slot is the one to reuse.
	 */
	if (def->state == LC_STATE_FAILED && t->version[0] != '\0' &&
	    t->state == LC_STATE_CONFIRMED) {
		*target = c->default_slot;
		return 0;
	}
	if (t->version[0] != '\0' && t->state == LC_STATE_CONFIRMED &&
	    def->state != LC_STATE_CONFIRMED)
		return rpg_fail(ctx, RPG_E_CONFLICT, "slot-%c holds the only confirmed kernel (%s); "
		    "boot slot-%c and let it confirm first", *target, t->version, c->default_slot);
	return 0;
}

/* ---- kernel install ---- */

/* Copy one extracted file into the slot: a temporary name, sync, read back, check, rename. */
static int
put_slot_file(struct rpg_ctx *ctx, struct rpg_esp *esp, int srcdir, const struct rpg_file *f,
    const char *dst)
{
	uint8_t sum[RPG_SHA256_LEN];
	char tmp[PATH_MAX + 8], *data = NULL;
	size_t len;
	int r;

	snprintf(tmp, sizeof(tmp), "%s.new", dst);
	if ((r = rpg_fs_read(ctx, srcdir, f->path, f->size, &data, &len)) < 0)
		return r == -ENOENT ? rpg_fail(ctx, r, "%s: missing after extraction", f->path) : r;
	r = esp->ops->write(ctx, esp->priv, tmp, data, len);
	free(data);
	if (r < 0 || (r = esp->ops->sync(ctx, esp->priv)) < 0)
		return r;
	if ((r = esp->ops->read(ctx, esp->priv, tmp, &data, &len)) < 0)
		return r;
	rpg_sha256(data, len, sum);
	free(data);
	if (len != f->size || memcmp(sum, f->sha256, sizeof(sum)) != 0) {
		esp->ops->remove(ctx, esp->priv, tmp);
		return rpg_fail(ctx, RPG_E_HASH, "%s: differs from the signed manifest after writing", dst);
	}
	return esp->ops->rename(ctx, esp->priv, tmp, dst);
}

/* The slot file name of a payload path: boot/NAME -> NAME; NULL if not a slot file. */
static const char *
slot_name(const char *path)
{
	if (strncmp(path, "boot/", 5) != 0 || path[5] == '\0' || strchr(path + 5, '/') != NULL)
		return NULL;
	return path + 5;
}

static int
check_layout(struct rpg_ctx *ctx, const struct rpg_manifest *m)
{
	size_t i, n = 0;

	for (i = 0; i < m->nfiles; i++) {
		if (m->files[i].type == RPG_FT_DIR)
			continue;
		if (m->files[i].type != RPG_FT_FILE || slot_name(m->files[i].path) == NULL)
			return rpg_fail(ctx, RPG_E_FORMAT, "%s: %s: a kernel package holds only files "
			    "directly under boot/", m->name, m->files[i].path);
		n++;
	}
	if (n == 0)
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: no boot/ files for a boot slot", m->name);
	return 0;
}

/* Write the slot's files and drop any the new kernel does not have. */
static int
fill_slot(struct rpg_ctx *ctx, struct rpg_esp *esp, int srcdir, const struct rpg_manifest *m,
    char slot)
{
	char dir[64], dst[PATH_MAX], **names;
	size_t i, k, n;
	int r = 0, keep;

	snprintf(dir, sizeof(dir), RPG_SLOTS_DIR "/slot-%c", slot);
	for (i = 0; i < m->nfiles && r == 0; i++) {
		if (m->files[i].type != RPG_FT_FILE)
			continue;
		snprintf(dst, sizeof(dst), "%s/%s", dir, slot_name(m->files[i].path));
		r = put_slot_file(ctx, esp, srcdir, &m->files[i], dst);
	}
	if (r < 0)
		return r;
	if ((r = esp->ops->list(ctx, esp->priv, dir, &names, &n)) < 0)
		return r;
	for (k = 0; k < n; k++) {
		keep = 0;
		for (i = 0; i < m->nfiles; i++)
			if (m->files[i].type == RPG_FT_FILE &&
			    strcasecmp(slot_name(m->files[i].path), names[k]) == 0)
				keep = 1;
		snprintf(dst, sizeof(dst), "%s/%s", dir, names[k]);
		if (!keep && r == 0 && names[k][strlen(names[k]) - 1] != '/')
			r = esp->ops->remove(ctx, esp->priv, dst);
	}
	rpg_esp_names_free(names, n);
	return r;
}

/* Extract p into a fresh directory under the cache; *dirfd and *name for cleanup. */
static int
extract_tmp(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_pkgfile *p, int *cfd,
    int *dirfd, char *name, size_t size)
{
	int r;

	if ((r = rpg_db_cachefd(ctx, db, cfd)) < 0)
		return r;
	snprintf(name, size, "kernel-%d.tmp", (int)getpid());
	rpg_fs_rmtree(ctx, *cfd, name);
	if (mkdirat(*cfd, name, 0700) < 0 ||
	    (*dirfd = openat(*cfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return rpg_fail(ctx, -errno, "%s: %s", name, strerror(errno));
	return rpg_pkg_extract(ctx, p, *dirfd);
}

int
rpg_slots_install(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_esp *esp,
    struct rpg_pkgfile *p, char *slot)
{
	const struct rpg_manifest *m = p->m;
	struct loaderconf c;
	struct lc_slot *s;
	char tmp[64], ver[256];
	int cfd = -1, dirfd = -1, present, r;

	snprintf(ver, sizeof(ver), "%s-%u", m->version, m->release);
	if (strlen(ver) >= LC_VERSION_MAX)
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: version %s too long for a boot slot", m->name, ver);
	if ((r = check_layout(ctx, m)) < 0)
		return r;
	if ((r = rpg_slots_read(ctx, esp, &c, &present)) < 0)
		return r;
	if (!present)
		c.slot[0].version[0] = c.slot[1].version[0] = '\0';
	if ((r = pick_target(ctx, &c, present, slot)) < 0)
		return r;
	r = extract_tmp(ctx, db, p, &cfd, &dirfd, tmp, sizeof(tmp));
	if (r == 0)
		r = fill_slot(ctx, esp, dirfd, m, *slot);
	if (dirfd >= 0)
		close(dirfd);
	if (cfd >= 0) {
		rpg_fs_rmtree(ctx, cfd, tmp);
		close(cfd);
	}
	if (r < 0)
		return r;
	/* The commit point: loader.conf names the new slot. */
	s = lc_slot(&c, *slot);
	memcpy(s->version, ver, strlen(ver) + 1);
	s->state = LC_STATE_NEW;
	s->tries = c.tries;
	c.fallback_slot = lc_slot(&c, other(*slot))->version[0] != '\0' ? other(*slot) : *slot;
	c.default_slot = *slot;
	if ((r = write_conf(ctx, esp, &c)) < 0)
		return r;
	if ((r = rpg_db_slot_set(ctx, db, *slot, m)) < 0)
		return r;
	return rpg_db_put_installed(ctx, db, m);
}

int
rpg_slots_rollback(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_esp *esp, char *slot)
{
	struct rpg_manifest *m = NULL;
	struct loaderconf c;
	struct lc_slot *s;
	int present, r;

	if ((r = rpg_slots_read(ctx, esp, &c, &present)) < 0)
		return r;
	*slot = other(c.default_slot);
	s = lc_slot(&c, *slot);
	if (!present || s->version[0] == '\0')
		return rpg_fail(ctx, RPG_E_NOTFOUND, "slot-%c: no kernel to roll back to", *slot);
	if (s->state == LC_STATE_FAILED)
		return rpg_fail(ctx, RPG_E_CONFLICT, "slot-%c: kernel %s failed to boot; not rolling back to it",
		    *slot, s->version);
	c.fallback_slot = c.default_slot;
	c.default_slot = *slot;
	if ((r = write_conf(ctx, esp, &c)) < 0)
		return r;
	if (db == NULL)
		return 0;
	if ((r = rpg_db_slot_get(ctx, db, *slot, &m)) < 0 || m == NULL)
		return r;
	r = rpg_db_put_installed(ctx, db, m);
	rpg_manifest_free(m);
	return r;
}
