/* initrd.c - kernel: populate the root ramfs from the newc cpio initrd (lib/cpio.c) */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "fs/initrd.h"
#include "lib/cpio.h"
#include "lib/kalloc.h"
#include "lib/string.h"

#define MAX_HARDLINKS	256	/* distinct multiply-linked inodes remembered */

struct unpack {
	const struct vfs_ctx	*ctx;
	struct initrd_stats	*st;
	char			*path;		/* LX_PATH_MAX scratch */
	struct {
		uint32_t	 ino;
		char		*path;		/* the first name unpacked */
	} links[MAX_HARDLINKS];
	size_t			 nlinks;
};

/* Strips "./" and "/" prefixes; NULL for a path with a ".." component. */
static const char *
normalise(const char *name)
{
	const char *p;
	size_t len;

	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else
			break;
	}
	for (p = name; *p != '\0'; p += len) {
		while (*p == '/')
			p++;
		for (len = 0; p[len] != '\0' && p[len] != '/'; len++)
			continue;
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return NULL;
	}
	return name;
}

/* mkdir -p of every directory above path (which u->path holds, writable). */
static int
make_parents(struct unpack *u)
{
	char *p;
	int r;

	for (p = u->path; (p = strchr(p + 1, '/')) != NULL; ) {
		*p = '\0';
		r = vfs_mkdir(u->ctx, NULL, u->path, 0755);
		*p = '/';
		if (r != 0 && r != -LX_EEXIST)
			return r;
	}
	return 0;
}

static void
set_attrs(struct vnode *vn, const struct cpio_entry *e)
{
	vn->mode = (vn->mode & LX_S_IFMT) | (e->mode & 07777);
	vn->uid = e->uid;
	vn->gid = e->gid;
	vn->mtime = vn->ctime = (int64_t)e->mtime * 1000000000;
}

static int
make_dir(struct unpack *u, const struct cpio_entry *e)
{
	struct vnode *vn;
	int r;

	r = vfs_mkdir(u->ctx, NULL, u->path, e->mode & 07777);
	if (r != 0 && r != -LX_EEXIST)
		return r;
	if ((r = vfs_lookup(u->ctx, NULL, u->path, 0, &vn)) != 0)
		return r;
	if (!VFS_ISDIR(vn))
		r = -LX_EEXIST;
	else
		set_attrs(vn, e);
	vnode_unref(vn);
	u->st->dirs++;
	return r;
}

/* The path already unpacked for e's inode, if e is a hard link to it. */
static const char *
earlier_link(struct unpack *u, const struct cpio_entry *e)
{
	size_t i;

	if (e->nlink < 2)
		return NULL;
	for (i = 0; i < u->nlinks; i++)
		if (u->links[i].ino == e->ino)
			return u->links[i].path;
	return NULL;
}

/* Remembers where a multiply-linked inode was unpacked first. */
static int
remember_link(struct unpack *u, const struct cpio_entry *e)
{
	size_t len = strlen(u->path);
	char *copy;

	if (e->nlink < 2 || u->nlinks == MAX_HARDLINKS)
		return 0;
	if ((copy = kmalloc(len + 1)) == NULL)
		return -LX_ENOMEM;
	memcpy(copy, u->path, len + 1);
	u->links[u->nlinks].ino = e->ino;
	u->links[u->nlinks++].path = copy;
	return 0;
}

/* Writes e's data into vn from offset 0 (replacing what was there). */
static int
fill(struct unpack *u, struct vnode *vn, const struct cpio_entry *e)
{
	long w;
	int r;

	if ((r = vfs_truncate(vn, 0)) != 0)
		return r;
	if (e->size == 0)
		return 0;
	w = vn->ops->write(vn, e->data, e->size, 0);
	if (w < 0)
		return (int)w;
	if ((size_t)w != e->size)
		return -LX_ENOSPC;
	u->st->bytes += e->size;
	return 0;
}

static int
make_file(struct unpack *u, const struct cpio_entry *e)
{
	const char *first;
	struct vnode *vn;
	int r;

	if ((first = earlier_link(u, e)) != NULL) {
		if ((r = vfs_link(u->ctx, NULL, first, NULL, u->path, 0)) != 0)
			return r;
		u->st->links++;
		if (e->size == 0)
			return 0;
		/* newc stores the data with one of the links (GNU cpio: the last). */
	}
	r = vfs_open(u->ctx, NULL, u->path, LX_O_CREAT | LX_O_WRONLY, e->mode, &vn);
	if (r != 0)
		return r;
	if ((r = fill(u, vn, e)) == 0) {
		set_attrs(vn, e);
		if (first == NULL) {
			u->st->files++;
			r = remember_link(u, e);
		}
	}
	vnode_unref(vn);
	return r;
}

static int
make_symlink(struct unpack *u, const struct cpio_entry *e)
{
	char *target;
	int r;

	if (e->size == 0 || e->size >= LX_PATH_MAX)
		return -LX_EINVAL;
	if ((target = kmalloc(e->size + 1)) == NULL)
		return -LX_ENOMEM;
	memcpy(target, e->data, e->size);
	target[e->size] = '\0';
	r = vfs_symlink(u->ctx, target, NULL, u->path);
	kfree(target);
	if (r == 0)
		u->st->symlinks++;
	return r;
}

/* Creates one archive entry at u->path. */
static int
make_entry(struct unpack *u, const struct cpio_entry *e)
{
	int r;

	if ((r = make_parents(u)) != 0)
		return r;
	switch (e->mode & LX_S_IFMT) {
	case LX_S_IFDIR:
		return make_dir(u, e);
	case LX_S_IFREG:
		return make_file(u, e);
	case LX_S_IFLNK:
		return make_symlink(u, e);
	default:
		u->st->skipped++;
		return 0;
	}
}

/* Unpacks entry by entry; stops at the first failure. */
static int
unpack_all(struct unpack *u, const void *archive, size_t len)
{
	struct cpio_iter it;
	struct cpio_entry e;
	const char *name;
	int r;

	cpio_iter_init(&it, archive, len);
	while ((r = cpio_next(&it, &e)) == 1) {
		u->st->err_offset = e.offset;
		u->st->err_name = e.name;
		if ((name = normalise(e.name)) == NULL)
			return -LX_EINVAL;
		if (name[0] == '\0' || (name[0] == '.' && name[1] == '\0'))
			continue;	/* the root itself */
		u->path[0] = '/';
		memcpy(u->path + 1, name, strlen(name) + 1);	/* < CPIO_NAME_MAX */
		if ((r = make_entry(u, &e)) != 0)
			return r;
	}
	if (r < 0) {
		u->st->err_offset = e.offset;
		u->st->err_name = cpio_strerror(r);
		return -LX_EINVAL;
	}
	u->st->err_name = NULL;
	return 0;
}

int
initrd_unpack(const struct vfs_ctx *ctx, const void *archive, size_t len,
    struct initrd_stats *st)
{
	struct unpack *u;
	size_t i;
	int r;

	memset(st, 0, sizeof(*st));
	if ((u = kzalloc(sizeof(*u))) == NULL)
		return -LX_ENOMEM;
	u->ctx = ctx;
	u->st = st;
	if ((u->path = kmalloc(CPIO_NAME_MAX + 1)) == NULL)
		r = -LX_ENOMEM;
	else
		r = unpack_all(u, archive, len);
	for (i = 0; i < u->nlinks; i++)
		kfree(u->links[i].path);
	kfree(u->path);
	kfree(u);
	return r;
}
