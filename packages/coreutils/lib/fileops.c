/* fileops.c - tree copy and removal shared by cp, mv, ln and rm */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/util.h"
#include "../lib/fileops.h"

static int
copy_file(const char *src, const char *dst, const struct stat *st, int force)
{
	int in, out, r = 0;

	if ((in = open(src, O_RDONLY)) < 0)
		return fail("open", src);
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 07777);
	if (out < 0 && force && unlink(dst) == 0)
		out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 07777);
	if (out < 0) {
		close(in);
		return fail("create", dst);
	}
	if (copy_fd(in, out) < 0)
		r = fail("copy to", dst);
	close(in);
	if (close(out) < 0)
		r = fail("write", dst);
	return r;
}

static int
copy_dir(const char *src, const char *dst, const struct stat *st, int force)
{
	char s[PATH_MAX], d[PATH_MAX];
	struct dirent *e;
	DIR *dir;
	int r = 0;

	if (mkdir(dst, (st->st_mode & 07777) | 0700) < 0 && errno != EEXIST)
		return fail("create directory", dst);
	if ((dir = opendir(src)) == NULL)
		return fail("open directory", src);
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (!path_join(s, sizeof(s), src, e->d_name) ||
		    !path_join(d, sizeof(d), dst, e->d_name)) {
			r = fail("copy", e->d_name);
			continue;
		}
		r |= copy_tree(s, d, 1, force);
	}
	closedir(dir);
	chmod(dst, st->st_mode & 07777);
	return r;
}

int
copy_tree(const char *src, const char *dst, int recursive, int force)
{
	char target[PATH_MAX];
	struct stat st;
	ssize_t n;

	if ((recursive ? lstat(src, &st) : stat(src, &st)) < 0)
		return fail("stat", src);
	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			msg("-r not specified; omitting directory '%s'", src);
			return 1;
		}
		return copy_dir(src, dst, &st, force);
	}
	if (S_ISLNK(st.st_mode)) {
		if ((n = readlink(src, target, sizeof(target) - 1)) < 0)
			return fail("read link", src);
		target[n] = '\0';
		if (force)
			unlink(dst);
		if (symlink(target, dst) < 0)
			return fail("create symlink", dst);
		return 0;
	}
	return copy_file(src, dst, &st, force);
}

/* DEST for SRC: DEST itself, or DEST/basename(SRC) when DEST is a directory. */
const char *
dest_path(char *buf, size_t n, const char *src, const char *dst, int dst_is_dir)
{
	const char *b;
	char tmp[PATH_MAX];
	size_t l;

	if (!dst_is_dir)
		return dst;
	snprintf(tmp, sizeof(tmp), "%s", src);
	l = strlen(tmp);
	while (l > 1 && tmp[l - 1] == '/')
		tmp[--l] = '\0';
	b = strrchr(tmp, '/');
	b = b ? b + 1 : tmp;
	return path_join(buf, n, dst, b);
}

int
remove_tree(const char *path, int recursive, int force)
{
	char sub[PATH_MAX];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int r = 0;

	if (lstat(path, &st) < 0) {
		if (force && errno == ENOENT)
			return 0;
		return fail("remove", path);
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) < 0)
			return fail("remove", path);
		return 0;
	}
	if (!recursive) {
		msg("cannot remove '%s': Is a directory", path);
		return 1;
	}
	if ((d = opendir(path)) == NULL)
		return fail("open directory", path);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (!path_join(sub, sizeof(sub), path, e->d_name))
			r = fail("remove", e->d_name);
		else
			r |= remove_tree(sub, 1, force);
	}
	closedir(d);
	if (rmdir(path) < 0)
		return fail("remove", path);
	return r;
}
