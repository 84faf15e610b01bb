/* build.c - rpg: building a package from a recipe (steps, payload scan, packing) */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "archive_write.h"
#include "buf.h"
#include "build.h"
#include "err.h"
#include "hash.h"
#include "io.h"

#define RPG_DIR_MODE 0755

struct scan {
	struct rpg_file *files;
	size_t n;
	size_t cap;
};

static int
parse_epoch(const char *s, int64_t *epoch)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || (*end != '\0' && *end != '\n') || v < 0) {
		return -1;
	}
	*epoch = v;
	return 0;
}

int
rpg_build_epoch(struct rpg_ctx *ctx, const char *dir, int64_t *epoch)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	char cmd[PATH_MAX + 64], line[64];
	FILE *f;

	*epoch = 0;
	if (env != NULL && *env != '\0') {
		if (parse_epoch(env, epoch) != 0) {
			return rpg_fail(ctx, RPG_E_USAGE, "SOURCE_DATE_EPOCH=%s: not a number", env);
		}
		return 0;
	}
	if (strchr(dir, '\'') != NULL) {
		return 0;
	}
	snprintf(cmd, sizeof(cmd), "git -C '%s' log -1 --format=%%ct 2>/dev/null", dir);
	if ((f = popen(cmd, "r")) == NULL) {
		return 0;
	}
	if (fgets(line, sizeof(line), f) == NULL || parse_epoch(line, epoch) != 0) {
		*epoch = 0;
	}
	pclose(f);
	return 0;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) != 0 ? -1 : 0;
}

int
rpg_build_rmtree(struct rpg_ctx *ctx, const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0 && errno == ENOENT) {
		return 0;
	}
	if (nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS) != 0) {
		return rpg_fail(ctx, -errno, "%s: cannot remove: %s", path, strerror(errno));
	}
	return 0;
}

int
rpg_build_mkdirs(struct rpg_ctx *ctx, const char *path)
{
	char buf[PATH_MAX], *p;

	if ((size_t)snprintf(buf, sizeof(buf), "%s", path) >= sizeof(buf)) {
		return rpg_fail(ctx, -ENAMETOOLONG, "%s: name too long", path);
	}
	for (p = buf + 1; ; p++) {
		if (*p != '/' && *p != '\0') {
			continue;
		}
		int end = *p == '\0';

		*p = '\0';
		if (mkdir(buf, RPG_DIR_MODE) != 0 && errno != EEXIST) {
			return rpg_fail(ctx, -errno, "%s: %s", buf, strerror(errno));
		}
		if (end) {
			return 0;
		}
		*p = '/';
	}
}

static void
step_child(const struct rpg_recipe *r, const char *script, const char *builddir,
    const char *destdir, int64_t epoch)
{
	char num[32];

	if (chdir(builddir) != 0 || dup2(2, 1) < 0) {
		_exit(127);
	}
	umask(022);	/* modes in DESTDIR, hence in the package, must not depend on the caller */
	setenv("SRCDIR", r->source, 1);
	setenv("BUILDDIR", builddir, 1);
	setenv("DESTDIR", destdir, 1);
	setenv("RPG_NAME", r->m->name, 1);
	setenv("RPG_VERSION", r->m->version, 1);
	snprintf(num, sizeof(num), "%u", r->m->release);
	setenv("RPG_RELEASE", num, 1);
	setenv("RPG_ARCH", r->m->arch, 1);
	snprintf(num, sizeof(num), "%" PRId64, epoch);
	setenv("SOURCE_DATE_EPOCH", num, 1);
	execl("/bin/sh", "sh", "-e", "-c", script, (char *)NULL);
	_exit(127);
}

int
rpg_build_step(struct rpg_ctx *ctx, const struct rpg_recipe *r, const char *step,
    const char *script, const char *builddir, const char *destdir, int64_t epoch)
{
	pid_t pid;
	int status;

	if (*script == '\0') {
		return 0;
	}
	fflush(NULL);
	if ((pid = fork()) < 0) {
		return rpg_fail(ctx, -errno, "%s: fork: %s", r->path, strerror(errno));
	}
	if (pid == 0) {
		step_child(r, script, builddir, destdir, epoch);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			return rpg_fail(ctx, -errno, "%s: wait: %s", r->path, strerror(errno));
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		return 0;
	}
	if (WIFSIGNALED(status)) {
		return rpg_fail(ctx, RPG_E_BUILD, "%s: \"%s\" step killed by signal %d", r->path,
		    step, WTERMSIG(status));
	}
	return rpg_fail(ctx, RPG_E_BUILD, "%s: \"%s\" step failed (exit status %d)", r->path, step,
	    WEXITSTATUS(status));
}

static struct rpg_file *
scan_add(struct scan *s)
{
	struct rpg_file *p;
	size_t cap;

	if (s->n == s->cap) {
		cap = s->cap ? 2 * s->cap : 64;
		if ((p = realloc(s->files, cap * sizeof(*p))) == NULL) {
			return NULL;
		}
		s->files = p;
		s->cap = cap;
	}
	memset(&s->files[s->n], 0, sizeof(s->files[0]));
	return &s->files[s->n++];
}

static int
scan_file(struct rpg_ctx *ctx, int dirfd, const char *name, const char *path,
    const struct stat *st, struct rpg_file *f)
{
	char target[PATH_MAX];
	ssize_t n;
	int fd, rc;

	f->mode = st->st_mode & 07777;
	if (S_ISDIR(st->st_mode)) {
		f->type = RPG_FT_DIR;
		return 0;
	}
	if (S_ISLNK(st->st_mode)) {
		f->type = RPG_FT_SYMLINK;
		f->mode = 0777;
		if ((n = readlinkat(dirfd, name, target, sizeof(target) - 1)) < 0) {
			return rpg_fail(ctx, -errno, "%s: %s", path, strerror(errno));
		}
		target[n] = '\0';
		if (!rpg_utf8_valid(target)) {
			return rpg_fail(ctx, RPG_E_UNSAFE, "%s: symlink target is not UTF-8", path);
		}
		return (f->target = strdup(target)) == NULL ? RPG_E_NOMEM : 0;
	}
	if (!S_ISREG(st->st_mode)) {
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: device node, fifo or socket refused", path);
	}
	if (st->st_nlink > 1) {
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: hard link refused (link count %lu)", path,
		    (unsigned long)st->st_nlink);
	}
	f->type = RPG_FT_FILE;
	if ((fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		return rpg_fail(ctx, -errno, "%s: %s", path, strerror(errno));
	}
	rc = rpg_sha256_file(fd, f->sha256, &f->size);
	close(fd);
	return rc != 0 ? rpg_fail(ctx, rc, "%s: %s", path, strerror(-rc)) : 0;
}

static int scan_dir(struct rpg_ctx *ctx, int dirfd, const char *rel, const char *top,
    struct scan *s);

/* Add one directory entry (and, for a directory, what is below it). */
static int
scan_entry(struct rpg_ctx *ctx, int dirfd, const char *rel, const char *name, const char *top,
    struct scan *s)
{
	char path[PATH_MAX], full[PATH_MAX];
	struct rpg_file *f;
	struct stat st;
	int fd, rc;

	if ((size_t)snprintf(path, sizeof(path), "%s%s%s", rel, *rel ? "/" : "", name) >= sizeof(path)) {
		return rpg_fail(ctx, -ENAMETOOLONG, "%s/%s: name too long", top, rel);
	}
	if ((size_t)snprintf(full, sizeof(full), "%s/%s", top, path) >= sizeof(full)) {
		return rpg_fail(ctx, -ENAMETOOLONG, "%s/%s: name too long", top, path);
	}
	if (!rpg_utf8_valid(name)) {
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: name is not UTF-8", full);
	}
	if (*rel == '\0' && strcmp(name, ".RPG") == 0) {
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: reserved for the package's metadata", full);
	}
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		return rpg_fail(ctx, -errno, "%s: %s", full, strerror(errno));
	}
	if ((f = scan_add(s)) == NULL || (f->path = strdup(path)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", full);
	}
	if ((rc = scan_file(ctx, dirfd, name, full, &st, f)) != 0 || !S_ISDIR(st.st_mode)) {
		return rc;
	}
	if ((fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		return rpg_fail(ctx, -errno, "%s: %s", full, strerror(errno));
	}
	return scan_dir(ctx, fd, path, top, s);
}

/* Scan the directory open as dirfd (closed here), whose path below top is rel. */
static int
scan_dir(struct rpg_ctx *ctx, int dirfd, const char *rel, const char *top, struct scan *s)
{
	struct dirent *d;
	DIR *dir;
	int rc = 0;

	if ((dir = fdopendir(dirfd)) == NULL) {
		close(dirfd);
		return rpg_fail(ctx, -errno, "%s/%s: %s", top, rel, strerror(errno));
	}
	while (rc == 0 && (d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0) {
			rc = scan_entry(ctx, dirfd, rel, d->d_name, top, s);
		}
	}
	closedir(dir);
	return rc;
}

static int
cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct rpg_file *)a)->path, ((const struct rpg_file *)b)->path);
}

int
rpg_build_scan(struct rpg_ctx *ctx, const char *destdir, struct rpg_manifest *m)
{
	struct scan s = { 0 };
	size_t i;
	int fd, rc;

	if ((fd = open(destdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		return rpg_fail(ctx, -errno, "%s: %s", destdir, strerror(errno));
	}
	rc = scan_dir(ctx, fd, "", destdir, &s);
	qsort(s.files, s.n, sizeof(*s.files), cmp_file);
	m->files = s.files;
	m->nfiles = s.n;
	m->installed_size = 0;
	for (i = 0; i < s.n; i++) {
		m->installed_size += s.files[i].size;
	}
	return rc;
}

static int
pack_file(struct rpg_ctx *ctx, struct rpg_awriter *w, const char *destdir,
    const struct rpg_file *f, int64_t epoch)
{
	char full[PATH_MAX];
	struct stat st;
	int64_t mtime;
	int fd, rc;

	if ((size_t)snprintf(full, sizeof(full), "%s/%s", destdir, f->path) >= sizeof(full)) {
		return rpg_fail(ctx, -ENAMETOOLONG, "%s/%s: name too long", destdir, f->path);
	}
	if (f->type == RPG_FT_SYMLINK) {
		return rpg_awriter_add_symlink(ctx, w, f->path, f->mode, epoch, f->target);
	}
	fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		rc = rpg_fail(ctx, -errno, "%s: %s", full, strerror(errno));
		if (fd >= 0) {
			close(fd);
		}
		return rc;
	}
	mtime = st.st_mtime < epoch ? (int64_t)st.st_mtime : epoch;
	if (f->type == RPG_FT_DIR) {
		rc = rpg_awriter_add_dir(ctx, w, f->path, f->mode, mtime);
	} else if ((uint64_t)st.st_size != f->size) {
		rc = rpg_fail(ctx, RPG_E_BUILD, "%s: changed while packing", full);
	} else {
		rc = rpg_awriter_add_fd(ctx, w, f->path, f->mode, mtime, fd, f->size);
	}
	close(fd);
	return rc;
}

static int
pack_all(struct rpg_ctx *ctx, int fd, const char *what, const char *destdir,
    const struct rpg_manifest *m, const struct rpg_seckey *key, int64_t epoch)
{
	struct rpg_awriter *w;
	char *json, *sig = NULL, comment[PATH_MAX + 64], name[PATH_MAX];
	size_t jlen, siglen = 0, i;
	int rc;

	if ((json = rpg_manifest_serialize(m, &jlen)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", what);
	}
	snprintf(comment, sizeof(comment), "timestamp:%" PRId64 "\tfile:%s", epoch,
	    rpg_manifest_filename(m, name, sizeof(name)));
	rc = rpg_sign(ctx, key, json, jlen, comment, &sig, &siglen);
	if (rc == 0) {
		rc = rpg_awriter_open(ctx, fd, what, &w);
	}
	if (rc == 0) {
		rc = rpg_awriter_add_data(ctx, w, ".RPG/manifest.json", 0644, epoch, json, jlen);
		if (rc == 0) {
			rc = rpg_awriter_add_data(ctx, w, ".RPG/manifest.json.minisig", 0644, epoch,
			    sig, siglen);
		}
		for (i = 0; rc == 0 && i < m->nfiles; i++) {
			rc = pack_file(ctx, w, destdir, &m->files[i], epoch);
		}
		if (rc == 0) {
			rc = rpg_awriter_close(ctx, w);
		} else {
			rpg_awriter_close(NULL, w);
		}
	}
	free(json);
	free(sig);
	return rc;
}

int
rpg_build_pack(struct rpg_ctx *ctx, const char *destdir, const struct rpg_manifest *m,
    const struct rpg_seckey *key, int64_t epoch, const char *outpath)
{
	char tmp[PATH_MAX];
	int fd, rc;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", outpath, (long)getpid()) >= sizeof(tmp)) {
		return rpg_fail(ctx, -ENAMETOOLONG, "%s: name too long", outpath);
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
		return rpg_fail(ctx, -errno, "%s: %s", tmp, strerror(errno));
	}
	rc = pack_all(ctx, fd, outpath, destdir, m, key, epoch);
	if (rc == 0 && fsync(fd) != 0) {
		rc = rpg_fail(ctx, -errno, "%s: fsync: %s", tmp, strerror(errno));
	}
	if (close(fd) != 0 && rc == 0) {
		rc = rpg_fail(ctx, -errno, "%s: close: %s", tmp, strerror(errno));
	}
	if (rc == 0 && rename(tmp, outpath) != 0) {
		rc = rpg_fail(ctx, -errno, "%s: rename: %s", outpath, strerror(errno));
	}
	if (rc != 0) {
		unlink(tmp);
		return rc;
	}
	rpg_io_fsync_parent(outpath);
	return 0;
}
