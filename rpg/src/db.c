/* db.c - rpg: the installed-package database under ROOT/var/lib/rpg */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "err.h"
#include "fsutil.h"

static const char *const db_subdirs[] = { "installed", "txn", "prev", "serials", "slots" };

static int
cmp_pkg(const void *a, const void *b)
{
	const struct rpg_manifest *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
free_state(struct rpg_db *db)
{
	size_t i;

	for (i = 0; i < db->npkgs; i++)
		rpg_manifest_free(db->pkgs[i]);
	free(db->pkgs);
	for (i = 0; i < db->nworld; i++)
		free(db->world[i]);
	free(db->world);
	db->pkgs = NULL;
	db->world = NULL;
	db->npkgs = db->nworld = 0;
}

/* Parse dir/name as a manifest. */
static int
load_manifest(struct rpg_ctx *ctx, int dirfd, const char *dir, const char *name,
    struct rpg_manifest **out)
{
	char what[512], *buf;
	size_t len;
	int r;

	snprintf(what, sizeof(what), RPG_DB_DIR "/%s/%s", dir, name);
	r = rpg_fs_read(ctx, dirfd, name, RPG_MANIFEST_MAX, &buf, &len);
	if (r == -ENOENT)
		return rpg_fail(ctx, r, "%s: vanished", what);
	if (r < 0)
		return r;
	r = rpg_manifest_parse(ctx, what, buf, len, out);
	free(buf);
	return r;
}

static int
load_installed(struct rpg_ctx *ctx, struct rpg_db *db)
{
	struct rpg_manifest *m, **grow;
	struct dirent *de;
	size_t cap = 0, n;
	DIR *d;
	int fd, r = 0;

	fd = openat(db->dbfd, "installed", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : rpg_fail(ctx, -errno, RPG_DB_DIR "/installed: %s",
		    strerror(errno));
	d = fdopendir(fd);
	if (d == NULL) {
		close(fd);
		return rpg_fail(ctx, -errno, RPG_DB_DIR "/installed: %s", strerror(errno));
	}
	while ((de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".json") != 0)
			continue;
		if ((r = load_manifest(ctx, fd, "installed", de->d_name, &m)) < 0)
			break;
		if (db->npkgs == cap) {
			cap = cap ? 2 * cap : 16;
			grow = realloc(db->pkgs, cap * sizeof(*grow));
			if (grow == NULL) {
				rpg_manifest_free(m);
				r = rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
				break;
			}
			db->pkgs = grow;
		}
		db->pkgs[db->npkgs++] = m;
	}
	closedir(d);
	if (db->npkgs > 0)
		qsort(db->pkgs, db->npkgs, sizeof(*db->pkgs), cmp_pkg);
	return r;
}

static int
load_world(struct rpg_ctx *ctx, struct rpg_db *db)
{
	char *buf, *line, *save = NULL;
	size_t n = 0;
	int r;

	r = rpg_fs_read(ctx, db->dbfd, "world", 1u << 20, &buf, NULL);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	for (line = buf; *line != '\0'; line++)
		n += *line == '\n';
	db->world = calloc(n + 1, sizeof(char *));
	if (db->world == NULL) {
		free(buf);
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	}
	for (line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save))
		if ((db->world[db->nworld] = strdup(line)) != NULL)
			db->nworld++;
	free(buf);
	qsort(db->world, db->nworld, sizeof(char *), cmp_str);
	return 0;
}

int
rpg_db_reload(struct rpg_ctx *ctx, struct rpg_db *db)
{
	int r;

	free_state(db);
	if (db->dbfd < 0)
		return 0;
	if ((r = load_installed(ctx, db)) < 0)
		return r;
	return load_world(ctx, db);
}

static int
open_dbdir(struct rpg_ctx *ctx, struct rpg_db *db, enum rpg_db_mode mode)
{
	size_t i;
	int r;

	r = rpg_fs_opendir(ctx, db->rootfd, RPG_DB_DIR, mode == RPG_DB_WRITE, 0755, &db->dbfd);
	if (r == -ENOENT && mode == RPG_DB_READ) {
		ctx->err.code = 0;
		db->dbfd = -1;
		return 0;
	}
	if (r < 0)
		return r;
	if (mode == RPG_DB_WRITE)
		for (i = 0; i < sizeof(db_subdirs) / sizeof(db_subdirs[0]); i++)
			if (mkdirat(db->dbfd, db_subdirs[i], 0755) < 0 && errno != EEXIST)
				return rpg_fail(ctx, -errno, RPG_DB_DIR "/%s: %s", db_subdirs[i],
				    strerror(errno));
	return 0;
}

int
rpg_db_open(struct rpg_ctx *ctx, enum rpg_db_mode mode, struct rpg_db **out)
{
	struct rpg_db *db;
	int r;

	db = calloc(1, sizeof(*db));
	if (db == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	db->dbfd = db->lockfd = -1;
	if ((r = rpg_fs_open_root(ctx, &db->rootfd)) < 0) {
		free(db);
		return r;
	}
	if ((r = open_dbdir(ctx, db, mode)) < 0)
		goto fail;
	if (db->dbfd >= 0) {
		db->lockfd = openat(db->dbfd, "lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (db->lockfd < 0 && !(errno == EROFS || errno == EACCES) ) {
			r = rpg_fail(ctx, -errno, RPG_DB_DIR "/lock: %s", strerror(errno));
			goto fail;
		}
		if (db->lockfd >= 0 && flock(db->lockfd, LOCK_EX | LOCK_NB) < 0) {
			r = rpg_fail(ctx, RPG_E_LOCKED, "%s/" RPG_DB_DIR "/lock: another rpg is running",
			    ctx->root);
			goto fail;
		}
	}
	if ((r = rpg_db_reload(ctx, db)) < 0)
		goto fail;
	*out = db;
	return 0;
fail:
	rpg_db_close(db);
	return r;
}

void
rpg_db_close(struct rpg_db *db)
{
	if (db == NULL)
		return;
	free_state(db);
	if (db->lockfd >= 0)
		close(db->lockfd);
	if (db->dbfd >= 0)
		close(db->dbfd);
	if (db->rootfd >= 0)
		close(db->rootfd);
	free(db);
}

struct rpg_manifest *
rpg_db_find(const struct rpg_db *db, const char *name)
{
	size_t lo = 0, hi = db->npkgs, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcmp(name, db->pkgs[mid]->name);
		if (c == 0)
			return db->pkgs[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int
rpg_db_owner(const struct rpg_db *db, const char *path, const char *skip,
    const struct rpg_manifest **pkg, const struct rpg_file **file)
{
	const struct rpg_file *f, *dirf = NULL;
	const struct rpg_manifest *dirp = NULL;
	size_t i;

	for (i = 0; i < db->npkgs; i++) {
		if (skip != NULL && strcmp(db->pkgs[i]->name, skip) == 0)
			continue;
		f = rpg_manifest_find(db->pkgs[i], path);
		if (f == NULL)
			continue;
		if (f->type != RPG_FT_DIR) {
			*pkg = db->pkgs[i];
			*file = f;
			return 1;
		}
		if (dirf == NULL) {
			dirf = f;
			dirp = db->pkgs[i];
		}
	}
	if (dirf == NULL)
		return 0;
	*pkg = dirp;
	*file = dirf;
	return 1;
}

int
rpg_db_in_world(const struct rpg_db *db, const char *name)
{
	if (db->nworld == 0)
		return 0;
	return bsearch(&name, db->world, db->nworld, sizeof(char *), cmp_str) != NULL;
}

static int
save_world(struct rpg_ctx *ctx, struct rpg_db *db)
{
	size_t i, len = 0;
	char *buf, *p;
	int r;

	for (i = 0; i < db->nworld; i++)
		len += strlen(db->world[i]) + 1;
	buf = p = malloc(len + 1);
	if (buf == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	for (i = 0; i < db->nworld; i++)
		p += sprintf(p, "%s\n", db->world[i]);
	r = rpg_fs_write_atomic(ctx, db->dbfd, "world", buf, len, 0644);
	free(buf);
	return r;
}

int
rpg_db_world_set(struct rpg_ctx *ctx, struct rpg_db *db, const char *name, int present)
{
	char **grow;
	size_t i;

	if (rpg_db_in_world(db, name) == present)
		return 0;
	if (present) {
		grow = realloc(db->world, (db->nworld + 1) * sizeof(char *));
		if (grow == NULL)
			return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
		db->world = grow;
		if ((db->world[db->nworld] = strdup(name)) == NULL)
			return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
		db->nworld++;
		qsort(db->world, db->nworld, sizeof(char *), cmp_str);
	} else {
		for (i = 0; i < db->nworld; i++)
			if (strcmp(db->world[i], name) == 0)
				break;
		free(db->world[i]);
		memmove(db->world + i, db->world + i + 1, (db->nworld - i - 1) * sizeof(char *));
		db->nworld--;
	}
	return save_world(ctx, db);
}

/* Open a db subdirectory. */
static int
subdir(struct rpg_ctx *ctx, struct rpg_db *db, const char *name, int *fd)
{
	if (db->dbfd < 0)
		return rpg_fail(ctx, RPG_E_NOTFOUND, "%s: no rpg database", ctx->root);
	*fd = openat(db->dbfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (*fd < 0)
		return rpg_fail(ctx, -errno, RPG_DB_DIR "/%s: %s", name, strerror(errno));
	return 0;
}

/* Write data as dir/name atomically. */
static int
put(struct rpg_ctx *ctx, struct rpg_db *db, const char *dir, const char *name,
    const void *data, size_t len)
{
	int fd, r;

	if ((r = subdir(ctx, db, dir, &fd)) < 0)
		return r;
	r = rpg_fs_write_atomic(ctx, fd, name, data, len, 0644);
	close(fd);
	return r;
}

/* Read dir/name as a one-line string into buf ("" when absent). */
static int
get_line(struct rpg_ctx *ctx, struct rpg_db *db, const char *dir, const char *name,
    char *buf, size_t size)
{
	char *data, *nl;
	int fd, r;

	buf[0] = '\0';
	if (db->dbfd < 0)
		return 0;
	if ((r = subdir(ctx, db, dir, &fd)) < 0)
		return r;
	r = rpg_fs_read(ctx, fd, name, 4096, &data, NULL);
	close(fd);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	if ((nl = strchr(data, '\n')) != NULL)
		*nl = '\0';
	snprintf(buf, size, "%s", data);
	free(data);
	return 0;
}

static int
put_line(struct rpg_ctx *ctx, struct rpg_db *db, const char *dir, const char *name,
    const char *value)
{
	char buf[4096];
	int n;

	n = snprintf(buf, sizeof(buf), "%s\n", value);
	if (n >= (int)sizeof(buf))
		return rpg_fail(ctx, RPG_E_INTERNAL, "%s: value too long", name);
	return put(ctx, db, dir, name, buf, (size_t)n);
}

int
rpg_db_stage_manifest(struct rpg_ctx *ctx, struct rpg_db *db, const struct rpg_manifest *m)
{
	char name[512], *json;
	size_t len;
	int r;

	json = rpg_manifest_serialize(m, &len);
	if (json == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", m->name);
	snprintf(name, sizeof(name), "%s.json", m->name);
	r = put(ctx, db, "txn", name, json, len);
	free(json);
	return r;
}

int
rpg_db_put_installed(struct rpg_ctx *ctx, struct rpg_db *db, const struct rpg_manifest *m)
{
	char name[512], *json;
	size_t len;
	int r;

	json = rpg_manifest_serialize(m, &len);
	if (json == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", m->name);
	snprintf(name, sizeof(name), "%s.json", m->name);
	r = put(ctx, db, "installed", name, json, len);
	free(json);
	return r == 0 ? rpg_db_reload(ctx, db) : r;
}

int
rpg_db_load_staged(struct rpg_ctx *ctx, struct rpg_db *db, const char *name,
    struct rpg_manifest **out)
{
	char file[512];
	int fd, r;

	if ((r = subdir(ctx, db, "txn", &fd)) < 0)
		return r;
	snprintf(file, sizeof(file), "%s.json", name);
	if (faccessat(fd, file, F_OK, AT_SYMLINK_NOFOLLOW) < 0) {
		close(fd);
		return RPG_E_NOTFOUND;
	}
	r = load_manifest(ctx, fd, "txn", file, out);
	close(fd);
	return r;
}

int
rpg_db_commit_manifest(struct rpg_ctx *ctx, struct rpg_db *db, const char *name)
{
	char file[512];
	int tfd, ifd, r = 0;

	if ((r = subdir(ctx, db, "txn", &tfd)) < 0)
		return r;
	if ((r = subdir(ctx, db, "installed", &ifd)) < 0) {
		close(tfd);
		return r;
	}
	snprintf(file, sizeof(file), "%s.json", name);
	if (renameat(tfd, file, ifd, file) < 0 && errno != ENOENT)
		r = rpg_fail(ctx, -errno, RPG_DB_DIR "/installed/%s: %s", file, strerror(errno));
	close(tfd);
	close(ifd);
	return r;
}

int
rpg_db_drop_manifest(struct rpg_ctx *ctx, struct rpg_db *db, const char *name)
{
	char file[512];
	int fd, r = 0;

	if ((r = subdir(ctx, db, "installed", &fd)) < 0)
		return r;
	snprintf(file, sizeof(file), "%s.json", name);
	if (unlinkat(fd, file, 0) < 0 && errno != ENOENT)
		r = rpg_fail(ctx, -errno, RPG_DB_DIR "/installed/%s: %s", file, strerror(errno));
	close(fd);
	return r;
}

int
rpg_db_clear_staged(struct rpg_ctx *ctx, struct rpg_db *db)
{
	int r;

	if (db->dbfd < 0)
		return 0;
	if ((r = rpg_fs_rmtree(ctx, db->dbfd, "txn")) < 0)
		return r;
	if (mkdirat(db->dbfd, "txn", 0755) < 0 && errno != EEXIST)
		return rpg_fail(ctx, -errno, RPG_DB_DIR "/txn: %s", strerror(errno));
	return 0;
}

int
rpg_db_sync(struct rpg_ctx *ctx, struct rpg_db *db)
{
	static const char *const dirs[] = { "installed", "txn", "." };
	size_t i;
	int fd, r;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if ((r = subdir(ctx, db, dirs[i], &fd)) < 0)
			return r;
		r = rpg_fs_fsync_dir(fd);
		close(fd);
		if (r < 0)
			return rpg_fail(ctx, r, RPG_DB_DIR "/%s: fsync: %s", dirs[i], strerror(-r));
	}
	return 0;
}

int
rpg_db_prev_get(struct rpg_ctx *ctx, struct rpg_db *db, const char *name, char *buf,
    size_t size)
{
	return get_line(ctx, db, "prev", name, buf, size);
}

int
rpg_db_prev_set(struct rpg_ctx *ctx, struct rpg_db *db, const char *name,
    const char *filename)
{
	return put_line(ctx, db, "prev", name, filename);
}

int
rpg_db_cur_get(struct rpg_ctx *ctx, struct rpg_db *db, const char *name, char *buf,
    size_t size)
{
	char file[512];

	snprintf(file, sizeof(file), "%s.cur", name);
	return get_line(ctx, db, "prev", file, buf, size);
}

int
rpg_db_cur_set(struct rpg_ctx *ctx, struct rpg_db *db, const char *name,
    const char *filename)
{
	char file[512];

	snprintf(file, sizeof(file), "%s.cur", name);
	return put_line(ctx, db, "prev", file, filename);
}

int
rpg_db_serial_get(struct rpg_ctx *ctx, struct rpg_db *db, const char *key, uint64_t *serial)
{
	char buf[64];
	int r;

	*serial = 0;
	if ((r = get_line(ctx, db, "serials", key, buf, sizeof(buf))) < 0)
		return r;
	if (buf[0] != '\0')
		*serial = strtoull(buf, NULL, 10);
	return 0;
}

int
rpg_db_serial_set(struct rpg_ctx *ctx, struct rpg_db *db, const char *key, uint64_t serial)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRIu64, serial);
	return put_line(ctx, db, "serials", key, buf);
}

int
rpg_db_slot_get(struct rpg_ctx *ctx, struct rpg_db *db, char slot, struct rpg_manifest **out)
{
	char file[32];
	int fd, r;

	*out = NULL;
	if (db->dbfd < 0)
		return 0;
	if ((r = subdir(ctx, db, "slots", &fd)) < 0)
		return r;
	snprintf(file, sizeof(file), "slot-%c.json", slot);
	if (faccessat(fd, file, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
		r = load_manifest(ctx, fd, "slots", file, out);
	close(fd);
	return r;
}

int
rpg_db_slot_set(struct rpg_ctx *ctx, struct rpg_db *db, char slot,
    const struct rpg_manifest *m)
{
	char file[32], *json;
	size_t len;
	int r;

	snprintf(file, sizeof(file), "slot-%c.json", slot);
	json = rpg_manifest_serialize(m, &len);
	if (json == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", m->name);
	r = put(ctx, db, "slots", file, json, len);
	free(json);
	return r;
}

int
rpg_db_cachefd(struct rpg_ctx *ctx, struct rpg_db *db, int *fd)
{
	return rpg_fs_opendir(ctx, db->rootfd, RPG_CACHE_DIR, RPG_FS_CREATE, 0755, fd);
}
