/* vfs_fixture.h - kernel unit tests: a fresh ramfs root and helpers for VFS tests */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_TESTS_VFS_FIXTURE_H
#define RUSTUX_TESTS_VFS_FIXTURE_H

#include "abi/linux/errno.h"
#include "fs/file.h"
#include "fs/ramfs.h"
#include "fs/vfs.h"

static struct vfs_fs *fx_fs;
static struct vfs_ctx fx;

static void
fx_teardown(void)
{
	if (fx_fs == NULL)
		return;
	vnode_unref(fx.root);
	vnode_unref(fx.cwd);
	ramfs_destroy(fx_fs);
	fx_fs = NULL;
}

__attribute__((destructor)) static void
fx_at_exit(void)
{
	fx_teardown();
}

static void
fx_setup(void)
{
	fx_teardown();
	if (ramfs_create("ramfs", &fx_fs) != 0)
		abort();
	fx.root = fx.cwd = fx_fs->root;
	vnode_ref(fx.root);
	vnode_ref(fx.cwd);
	fx.umask = 022;
}

/* Writes a file at path with the given contents (creating it). */
static int
__attribute__((unused)) fx_write(const char *path, const char *text)
{
	struct vnode *vn;
	long w;
	int r;

	if ((r = vfs_open(&fx, NULL, path, LX_O_CREAT | LX_O_WRONLY | LX_O_TRUNC, 0644, &vn)) != 0)
		return r;
	w = vn->ops->write(vn, text, strlen(text), 0);
	vnode_unref(vn);
	return w < 0 ? (int)w : 0;
}

/* Reads up to 255 bytes of path into a static buffer, or NULL. */
static const char *
__attribute__((unused)) fx_read(const char *path)
{
	static char buf[256];
	struct vnode *vn;
	long n;

	if (vfs_open(&fx, NULL, path, LX_O_RDONLY, 0, &vn) != 0)
		return NULL;
	n = vn->ops->read(vn, buf, sizeof(buf) - 1, 0);
	vnode_unref(vn);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	return buf;
}

/* The errno-style result of looking up path (following symlinks), 0 if found. */
static int
__attribute__((unused)) fx_lookup(const char *path)
{
	struct vnode *vn;
	int r;

	if ((r = vfs_lookup(&fx, NULL, path, VFS_FOLLOW, &vn)) == 0)
		vnode_unref(vn);
	return r;
}

#endif
