/* procfs_walk.c - kernel: names for vnodes and the mount list, found by walking the tree */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/fcntl.h"
#include "fs/procfs_walk.h"
#include "lib/kalloc.h"
#include "lib/string.h"

#define WALK_DEPTH	16

struct walk {
	struct vnode	*want;		/* the vnode looked for, or NULL */
	void		(*mount)(void *arg, const struct vfs_fs *fs, const char *path);
	void		*arg;
	char		*path;		/* LX_PATH_MAX bytes: the walk's current path */
	size_t		 found;		/* the path's length once want was met */
};

static int
dot_name(const struct vfs_dirent *d)
{
	return (d->namelen == 1 && d->name[0] == '.') ||
	    (d->namelen == 2 && d->name[0] == '.' && d->name[1] == '.');
}

/* Appends "/name" at len: the new length, or 0 if it does not fit. */
static size_t
path_push(char *path, size_t len, const struct vfs_dirent *d)
{
	if (len + 1 + d->namelen + 1 > LX_PATH_MAX) {
		return 0;
	}
	path[len] = '/';
	memcpy(path + len + 1, d->name, d->namelen);
	path[len + 1 + d->namelen] = '\0';
	return len + 1 + d->namelen;
}

static int walk_dir(struct walk *w, struct vnode *dir, size_t len, int depth);

/* One entry of a directory: 1 once want was found. */
static int
walk_entry(struct walk *w, struct vnode *c, size_t len, int depth)
{
	struct vnode *m = c;

	while (m->mounted != NULL) {
		m = m->mounted;
	}
	if (m != c && w->mount != NULL) {
		w->mount(w->arg, m->fs, w->path);
	}
	if (c == w->want || m == w->want) {
		w->found = len;
		return 1;
	}
	if (!VFS_ISDIR(m) || depth >= WALK_DEPTH || strcmp(m->fs->type, "proc") == 0) {
		return 0;
	}
	return walk_dir(w, m, len, depth + 1);
}

static int
walk_dir(struct walk *w, struct vnode *dir, size_t len, int depth)
{
	struct vfs_dirent *d = kmalloc(sizeof(*d));
	uint64_t cookie = 0;
	struct vnode *c;
	size_t n;
	int found = 0;

	if (d == NULL || dir->ops->readdir == NULL || dir->ops->lookup == NULL) {
		kfree(d);
		return 0;
	}
	while (!found && dir->ops->readdir(dir, &cookie, d) == 1) {
		if (dot_name(d) || (n = path_push(w->path, len, d)) == 0) {
			continue;
		}
		if (dir->ops->lookup(dir, d->name, d->namelen, &c) != 0) {
			continue;
		}
		found = walk_entry(w, c, n, depth);
		vnode_unref(c);
	}
	if (!found) {
		w->path[len] = '\0';
	}
	kfree(d);
	return found;
}

long
procfs_vnode_path(const struct vfs_ctx *ctx, struct vnode *vn, char *buf, size_t n)
{
	struct vfs_ctx at = { ctx->root, vn, ctx->umask };
	struct walk w = { vn, NULL, NULL, NULL, 0 };
	long r = -LX_ENOENT;

	if (VFS_ISDIR(vn)) {
		r = vfs_getcwd(&at, buf, n);	/* directories know their parents */
		return r > 0 ? r - 1 : r;
	}
	if ((w.path = kmalloc(LX_PATH_MAX)) == NULL) {
		return -LX_ENOMEM;
	}
	w.path[0] = '\0';
	if (walk_dir(&w, ctx->root, 0, 0)) {
		r = w.found + 1 <= n ? (long)strlcpy(buf, w.path, n) : -LX_ENAMETOOLONG;
	}
	kfree(w.path);
	return r;
}

void
procfs_walk_mounts(const struct vfs_ctx *ctx,
    void (*fn)(void *arg, const struct vfs_fs *fs, const char *path), void *arg)
{
	struct walk w = { NULL, fn, arg, NULL, 0 };

	if ((w.path = kmalloc(LX_PATH_MAX)) == NULL) {
		return;
	}
	w.path[0] = '\0';
	walk_dir(&w, ctx->root, 0, 0);
	kfree(w.path);
}
