/* fsutil.c - rpg: openat-based file helpers that never leave the root */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "fsutil.h"

int
rpg_fs_open_root(struct rpg_ctx *ctx, int *fd)
{
	const char *root = ctx->root != NULL ? ctx->root : "/";

	*fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*fd < 0)
		return rpg_fail(ctx, -errno, "%s: %s", root, strerror(errno));
	return 0;
}

/* mkdir one prefix of the root's path; 0 when it was made or already there. */
static int
mkroot_step(struct rpg_ctx *ctx, const char *path, unsigned mode)
{
	struct stat st;

	if (mkdir(path, mode) == 0)
		return chmod(path, mode) < 0 ? rpg_fail(ctx, -errno, "%s: %s", path, strerror(errno)) : 0;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (errno == EEXIST)
		errno = ENOTDIR;
	return rpg_fail(ctx, -errno, "%s: %s", path, strerror(errno));
}

int
rpg_fs_mkroot(struct rpg_ctx *ctx, unsigned mode)
{
	char path[PATH_MAX];
	size_t i, n;

	if (ctx->root == NULL || (n = strlen(ctx->root)) == 0)
		return 0;
	if (n >= sizeof(path))
		return rpg_fail(ctx, -ENAMETOOLONG, "%s: %s", ctx->root, strerror(ENAMETOOLONG));
	memcpy(path, ctx->root, n + 1);
	for (i = 1; i <= n; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		if (path[i - 1] == '/')
			continue;
		path[i] = '\0';
		if (mkroot_step(ctx, path, mode) < 0)
			return ctx->err.code;
		path[i] = ctx->root[i];
	}
	return 0;
}

/* Open one component below dirfd as a directory; 1 (and no fd) when it is a symbolic link. */
static int
open_component(struct rpg_ctx *ctx, int dirfd, const char *name, const char *path,
    int create, unsigned mode, int *out)
{
	struct stat st;
	int fd;

	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		if (mkdirat(dirfd, name, mode) < 0 && errno != EEXIST)
			return rpg_fail(ctx, -errno, "%s: mkdir: %s", path, strerror(errno));
		fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	}
	if (fd >= 0) {
		*out = fd;
		return 0;
	}
	if ((errno == ELOOP || errno == ENOTDIR) &&
	    fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
		return 1;
	return rpg_fail(ctx, -errno, "%s: %s", path, strerror(errno));
}

/*
 * Lexically clean "a/./b//c/../d" into out ("a/b/d"); -1 when ".." would
 * climb above the top.
 */
static int
clean_path(const char *in, char *out, size_t size)
{
	size_t n = 0, len;
	const char *p, *e;

	for (p = in; *p != '\0'; p = *e == '/' ? e + 1 : e) {
		e = strchrnul(p, '/');
		len = (size_t)(e - p);
		if (len == 0 || (len == 1 && p[0] == '.'))
			continue;
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			if (n == 0)
				return -1;
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			continue;
		}
		if (n + len + 2 > size)
			return -1;
		if (n > 0)
			out[n++] = '/';
		memcpy(out + n, p, len);
		n += len;
	}
	out[n] = '\0';
	return 0;
}

/*
 * The walk met the symbolic link name in pfd, after the components done and
 * before rest. A relative link that stays inside the tree (merged-usr's
 * lib -> usr/lib) is followed: the walk restarts from the top with
 * done/TARGET/rest in buf. An absolute link or one that climbs out is refused.
 */
static int
follow_link(struct rpg_ctx *ctx, int pfd, const char *name, const char *done, const char *rest,
    const char *rel, char *buf, size_t size)
{
	char target[PATH_MAX], joined[2 * PATH_MAX + 2];
	ssize_t n;

	n = readlinkat(pfd, name, target, sizeof(target) - 1);
	if (n <= 0)
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: path goes through a symbolic link", rel);
	target[n] = '\0';
	if (target[0] == '/')
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: path goes through a symbolic link (absolute)",
		    rel);
	snprintf(joined, sizeof(joined), "%s/%s/%s", done, target, rest);
	if (clean_path(joined, buf, size) < 0)
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: path goes through a symbolic link out of the root",
		    rel);
	return 0;
}

#define LINK_HOPS 16

int
rpg_fs_opendir(struct rpg_ctx *ctx, int dirfd, const char *rel, int create,
    unsigned mode, int *out)
{
	char buf[PATH_MAX], next[PATH_MAX], done[PATH_MAX], *p, *slash;
	int fd, nfd = -1, r, hops = 0;

	if (strlen(rel) >= sizeof(buf))
		return rpg_fail(ctx, RPG_E_UNSAFE, "%.64s…: path too long", rel);
	strcpy(buf, rel);
	for (p = buf; *p != '\0'; p = *slash == '/' ? slash + 1 : slash) {
		slash = strchrnul(p, '/');
		if (slash - p == 2 && p[0] == '.' && p[1] == '.')
			return rpg_fail(ctx, RPG_E_UNSAFE, "%s: path leaves the root", rel);
	}
restart:
	done[0] = '\0';
	fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return rpg_fail(ctx, -errno, "%s: %s", rel, strerror(errno));
	for (p = buf; *p != '\0'; p = slash) {
		slash = strchr(p, '/');
		if (slash != NULL)
			*slash++ = '\0';
		else
			slash = p + strlen(p);
		if (*p == '\0' || strcmp(p, ".") == 0)
			continue;
		r = open_component(ctx, fd, p, rel, create, mode, &nfd);
		if (r == 1) {
			r = ++hops > LINK_HOPS ? rpg_fail(ctx, RPG_E_UNSAFE,
			    "%s: too many symbolic links", rel) :
			    follow_link(ctx, fd, p, done, slash, rel, next, sizeof(next));
			close(fd);
			if (r < 0)
				return r;
			strcpy(buf, next);
			goto restart;
		}
		close(fd);
		if (r < 0)
			return r;
		fd = nfd;
		if (strlen(done) + strlen(p) + 2 > sizeof(done)) {
			close(fd);
			return rpg_fail(ctx, RPG_E_UNSAFE, "%.64s…: path too long", rel);
		}
		if (done[0] != '\0')
			strcat(done, "/");
		strcat(done, p);
	}
	*out = fd;
	return 0;
}

int
rpg_fs_openparent(struct rpg_ctx *ctx, int dirfd, const char *rel, int create,
    int *out, const char **base)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(rel, '/');

	*base = slash != NULL ? slash + 1 : rel;
	if (**base == '\0' || strcmp(*base, "..") == 0 || strcmp(*base, ".") == 0)
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: bad path", rel);
	rpg_fs_dirname(rel, dir, sizeof(dir));
	return rpg_fs_opendir(ctx, dirfd, dir, create, 0755, out);
}

int
rpg_fs_read(struct rpg_ctx *ctx, int dirfd, const char *name, size_t max, char **buf,
    size_t *len)
{
	struct stat st;
	char *b;
	size_t n = 0;
	ssize_t r;
	int fd;

	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return -ENOENT;		/* callers probe: no message */
	if (fd < 0)
		return rpg_fail(ctx, -errno, "%s: %s", name, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
		close(fd);
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: not a regular file of sane size", name);
	}
	b = malloc((size_t)st.st_size + 1);
	if (b == NULL) {
		close(fd);
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", name);
	}
	while (n < (size_t)st.st_size && (r = read(fd, b + n, (size_t)st.st_size - n)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(b);
			close(fd);
			return rpg_fail(ctx, -errno, "%s: %s", name, strerror(errno));
		}
		n += (size_t)r;
	}
	close(fd);
	b[n] = '\0';
	*buf = b;
	if (len != NULL)
		*len = n;
	return 0;
}

int
rpg_fs_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t r;

	while (len > 0) {
		r = write(fd, p, len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

int
rpg_fs_fsync_dir(int fd)
{
	if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS)
		return -errno;
	return 0;
}

int
rpg_fs_write_atomic(struct rpg_ctx *ctx, int dirfd, const char *name, const void *data,
    size_t len, unsigned mode)
{
	char tmp[NAME_MAX + 1];
	int fd, r;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", name) >= (int)sizeof(tmp))
		return rpg_fail(ctx, RPG_E_INTERNAL, "%s: name too long", name);
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return rpg_fail(ctx, -errno, "%s: %s", tmp, strerror(errno));
	r = rpg_fs_write_all(fd, data, len);
	if (r == 0 && fsync(fd) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r == 0 && renameat(dirfd, tmp, dirfd, name) < 0)
		r = -errno;
	if (r == 0)
		r = rpg_fs_fsync_dir(dirfd);
	if (r < 0) {
		unlinkat(dirfd, tmp, 0);
		return rpg_fail(ctx, r, "%s: %s", name, strerror(-r));
	}
	return 0;
}

int
rpg_fs_copy_fd(int in, int out)
{
	char buf[65536];
	off_t off = 0;
	ssize_t n;
	int r;

	for (;;) {
		n = pread(in, buf, sizeof(buf), off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return 0;
		if ((r = rpg_fs_write_all(out, buf, (size_t)n)) < 0)
			return r;
		off += n;
	}
}

int
rpg_fs_rmtree(struct rpg_ctx *ctx, int dirfd, const char *name)
{
	struct dirent *de;
	DIR *d;
	int fd, r = 0;

	if (unlinkat(dirfd, name, 0) == 0 || errno == ENOENT)
		return 0;
	if (errno != EISDIR && errno != EPERM)
		return rpg_fail(ctx, -errno, "%s: %s", name, strerror(errno));
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return rpg_fail(ctx, -errno, "%s: %s", name, strerror(errno));
	d = fdopendir(fd);
	if (d == NULL) {
		close(fd);
		return rpg_fail(ctx, -errno, "%s: %s", name, strerror(errno));
	}
	while (r == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		r = rpg_fs_rmtree(ctx, fd, de->d_name);
	}
	closedir(d);
	if (r == 0 && unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT)
		r = rpg_fail(ctx, -errno, "%s: %s", name, strerror(errno));
	return r;
}

int
rpg_fs_link_inside(const char *linkpath, const char *target)
{
	const char *p, *e;
	int depth = 0;

	if (target[0] == '/')
		return 1;	/* resolved against the root by the system that boots it */
	for (p = linkpath; (e = strchr(p, '/')) != NULL; p = e + 1)
		depth++;
	for (p = target; *p != '\0'; p = e) {
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		if (e - p == 2 && p[0] == '.' && p[1] == '.')
			depth--;
		else if (e - p > 0 && !(e - p == 1 && p[0] == '.'))
			depth++;
		if (depth < 0)
			return 0;
		if (*e == '/')
			e++;
	}
	return 1;
}

void
rpg_fs_dirname(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash != NULL ? (size_t)(slash - path) : 0;

	if (size == 0)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(buf, path, n);
	buf[n] = '\0';
}
