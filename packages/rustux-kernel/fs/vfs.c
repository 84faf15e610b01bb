/* vfs.c - kernel: path walking, symlinks, mounts and the namespace operations of the VFS */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "fs/vfs.h"
#include "lib/kalloc.h"
#include "lib/string.h"

static int64_t (*clock_fn)(void);
static uint64_t next_dev = 1;

int64_t
vfs_now(void)
{
	return clock_fn != NULL ? clock_fn() : 0;
}

void
vfs_set_clock(int64_t (*now)(void))
{
	clock_fn = now;
}

void
vnode_ref(struct vnode *vn)
{
	__atomic_fetch_add(&vn->refs, 1, __ATOMIC_RELAXED);
}

void
vnode_unref(struct vnode *vn)
{
	if (vn == NULL)
		return;
	if (__atomic_fetch_sub(&vn->refs, 1, __ATOMIC_ACQ_REL) == 1 && vn->nlink == 0 &&
	    vn->ops->release != NULL)
		vn->ops->release(vn);
}

void
vnode_unlinked(struct vnode *vn)
{
	if (vn->nlink == 0 && __atomic_load_n(&vn->refs, __ATOMIC_ACQUIRE) == 0 &&
	    vn->ops->release != NULL)
		vn->ops->release(vn);
}

void
vfs_fs_init(struct vfs_fs *fs, const char *type)
{
	memset(fs, 0, sizeof(*fs));
	fs->type = type;
	fs->dev = __atomic_fetch_add(&next_dev, 1, __ATOMIC_RELAXED);
	fs->next_ino = 1;
}

int
vfs_mount(struct vnode *mp, struct vfs_fs *fs)
{
	if (!VFS_ISDIR(mp))
		return -LX_ENOTDIR;
	if (mp->mounted != NULL || fs->root->covered != NULL)
		return -LX_EBUSY;
	vnode_ref(mp);
	vnode_ref(fs->root);
	mp->mounted = fs->root;
	fs->root->covered = mp;
	return 0;
}

/* Replaces a referenced mount point by the root mounted on it, repeatedly. */
static struct vnode *
cross_down(struct vnode *vn)
{
	struct vnode *next;

	while (vn->mounted != NULL) {
		next = vn->mounted;
		vnode_ref(next);
		vnode_unref(vn);
		vn = next;
	}
	return vn;
}

static int
is_dot(const char *name, size_t len)
{
	return len == 1 && name[0] == '.';
}

static int
is_dotdot(const char *name, size_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

struct walk {
	const struct vfs_ctx	*ctx;
	char			*buf;	/* LX_PATH_MAX bytes: the path left to walk */
	struct vnode		*cur;	/* referenced */
	int			 links;	/* symlinks followed so far */
};

/* Steps *cur to its parent: never above ctx->root, across mount points. */
static int
step_up(struct walk *w)
{
	struct vnode *vn = w->cur, *up;
	int r;

	while (vn != w->ctx->root && vn == vn->fs->root && vn->covered != NULL) {
		up = vn->covered;
		vnode_ref(up);
		vnode_unref(vn);
		vn = up;
	}
	w->cur = vn;
	if (vn == w->ctx->root)
		return 0;
	if ((r = vn->ops->lookup(vn, "..", 2, &up)) != 0)
		return r;
	vnode_unref(vn);
	w->cur = up;
	return 0;
}

/*
 * Replaces the walked prefix and the symlink by the link's target: the
 * buffer becomes target + rest, and an absolute target restarts at the
 * root. rest points into w->buf.
 */
static int
follow(struct walk *w, struct vnode *link, const char *rest)
{
	size_t tlen = link->size, rlen = strlen(rest);

	if (++w->links > VFS_MAX_SYMLINKS)
		return -LX_ELOOP;
	if (tlen == 0)
		return -LX_ENOENT;
	if (tlen + rlen >= LX_PATH_MAX)
		return -LX_ENAMETOOLONG;
	memmove(w->buf + tlen, rest, rlen + 1);
	if (link->ops->readlink(link, w->buf, tlen) != (long)tlen)
		return -LX_EIO;
	if (w->buf[0] == '/') {
		vnode_unref(w->cur);
		w->cur = w->ctx->root;
		vnode_ref(w->cur);
	}
	return 0;
}

/* Copies the last component into p (parent walks). */
static int
stop_at_last(struct vfs_parent *p, const char *name, size_t len, int slash)
{
	memcpy(p->name, name, len);
	p->name[len] = '\0';
	p->len = len;
	p->slash = slash;
	return 0;
}

/*
 * Walks w->buf from w->cur. With parent != NULL it stops before the last
 * component and describes it there; otherwise w->cur ends as the result.
 */
static int
walk(struct walk *w, int flags, struct vfs_parent *parent)
{
	char *p = w->buf, *next, *q;
	struct vnode *child;
	size_t len;
	int r, last, slash = 0;

	for (;;) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		for (len = 0; p[len] != '\0' && p[len] != '/'; len++)
			continue;
		next = p + len;
		for (q = next; *q == '/'; q++)
			continue;
		last = *q == '\0';
		slash = *next == '/';
		if (len > LX_NAME_MAX)
			return -LX_ENAMETOOLONG;
		if (!VFS_ISDIR(w->cur))
			return -LX_ENOTDIR;
		if (last && parent != NULL)
			return stop_at_last(parent, p, len, slash);
		if (is_dot(p, len)) {
			p = next;
			continue;
		}
		if (is_dotdot(p, len)) {
			if ((r = step_up(w)) != 0)
				return r;
			p = next;
			continue;
		}
		if ((r = w->cur->ops->lookup(w->cur, p, len, &child)) != 0)
			return r;
		child = cross_down(child);
		if (VFS_ISLNK(child) && (!last || slash || (flags & VFS_FOLLOW))) {
			r = follow(w, child, next);
			vnode_unref(child);
			if (r != 0)
				return r;
			p = w->buf;
			continue;
		}
		vnode_unref(w->cur);
		w->cur = child;
		p = next;
	}
	if (parent != NULL)
		return stop_at_last(parent, "", 0, 1);
	if ((slash || (flags & VFS_DIRECTORY)) && !VFS_ISDIR(w->cur))
		return -LX_ENOTDIR;
	return 0;
}

/* Copies path into a fresh buffer and picks the starting directory. */
static int
walk_begin(struct walk *w, const struct vfs_ctx *ctx, struct vnode *at, const char *path)
{
	size_t len = strnlen(path, LX_PATH_MAX);

	memset(w, 0, sizeof(*w));
	w->ctx = ctx;
	if (len == 0)
		return -LX_ENOENT;
	if (len >= LX_PATH_MAX)
		return -LX_ENAMETOOLONG;
	if ((w->buf = kmalloc(LX_PATH_MAX)) == NULL)
		return -LX_ENOMEM;
	memcpy(w->buf, path, len + 1);
	w->cur = path[0] == '/' ? ctx->root : at != NULL ? at : ctx->cwd;
	vnode_ref(w->cur);
	return 0;
}

static void
walk_end(struct walk *w)
{
	kfree(w->buf);
	vnode_unref(w->cur);
}

int
vfs_lookup(const struct vfs_ctx *ctx, struct vnode *at, const char *path, int flags,
    struct vnode **out)
{
	struct walk w;
	int r;

	if ((r = walk_begin(&w, ctx, at, path)) == 0 && (r = walk(&w, flags, NULL)) == 0) {
		*out = w.cur;
		w.cur = NULL;
	}
	walk_end(&w);
	return r;
}

int
vfs_lookup_parent(const struct vfs_ctx *ctx, struct vnode *at, const char *path,
    struct vfs_parent *p)
{
	struct walk w;
	int r;

	p->dir = NULL;
	if ((r = walk_begin(&w, ctx, at, path)) == 0 && (r = walk(&w, 0, p)) == 0) {
		p->dir = w.cur;
		w.cur = NULL;
	}
	walk_end(&w);
	return r;
}

void
vfs_parent_done(struct vfs_parent *p)
{
	vnode_unref(p->dir);
	p->dir = NULL;
}

/* Looks up p's last name in p->dir without following a symlink; *out is referenced. */
static int
lookup_last(struct vfs_parent *p, struct vnode **out)
{
	int r;

	if ((r = p->dir->ops->lookup(p->dir, p->name, p->len, out)) != 0)
		return r;
	*out = cross_down(*out);
	return 0;
}

/* Creates p's last name as a new node of mode; *out (may be NULL) gets it referenced. */
static int
create_last(struct vfs_parent *p, uint32_t mode, uint64_t rdev, struct vnode **out)
{
	struct vnode *vn;
	int r;

	if (p->dir->ops->create == NULL)
		return -LX_EPERM;
	if (p->dir->nlink == 0)
		return -LX_ENOENT;	/* the directory was removed */
	if ((r = p->dir->ops->create(p->dir, p->name, p->len, mode, rdev, &vn)) != 0)
		return r;
	if (out != NULL)
		*out = vn;
	else
		vnode_unref(vn);
	return 0;
}

static int open_create(const struct vfs_ctx *ctx, struct vnode *at, const char *path, int flags,
    uint32_t mode, struct vnode **out, int depth);

/*
 * O_CREAT on a symlink: open or create its target, relative to the link's
 * directory, as Linux does (so "echo > dangling" creates the target).
 */
static int
create_through(const struct vfs_ctx *ctx, struct vfs_parent *p, struct vnode *link, int flags,
    uint32_t mode, struct vnode **out, int depth)
{
	char *target;
	int r;

	if (depth >= VFS_MAX_SYMLINKS)
		return -LX_ELOOP;
	if (link->size == 0 || link->size >= LX_PATH_MAX)
		return -LX_ENOENT;
	if ((target = kmalloc(link->size + 1)) == NULL)
		return -LX_ENOMEM;
	if (link->ops->readlink(link, target, link->size) != (long)link->size) {
		kfree(target);
		return -LX_EIO;
	}
	target[link->size] = '\0';
	r = open_create(ctx, p->dir, target, flags, mode, out, depth + 1);
	kfree(target);
	return r;
}

/* O_CREAT: the existing file, or a new one; symlinks are followed unless O_EXCL. */
static int
open_create(const struct vfs_ctx *ctx, struct vnode *at, const char *path, int flags,
    uint32_t mode, struct vnode **out, int depth)
{
	struct vfs_parent p;
	struct vnode *vn = NULL;
	int r;

	if ((r = vfs_lookup_parent(ctx, at, path, &p)) != 0)
		return r;
	if (p.len == 0 || p.slash || is_dot(p.name, p.len) || is_dotdot(p.name, p.len)) {
		r = -LX_EISDIR;
		goto out;
	}
	r = lookup_last(&p, &vn);
	if (r == -LX_ENOENT) {
		r = create_last(&p, LX_S_IFREG | (mode & 07777 & ~ctx->umask), 0, out);
		goto out;
	}
	if (r != 0)
		goto out;
	if (flags & LX_O_EXCL) {
		r = -LX_EEXIST;
		goto out;
	}
	if (VFS_ISLNK(vn)) {
		r = (flags & LX_O_NOFOLLOW) ? -LX_ELOOP :
		    create_through(ctx, &p, vn, flags, mode, out, depth);
		goto out;
	}
	if (VFS_ISDIR(vn)) {
		r = -LX_EISDIR;
		goto out;
	}
	*out = vn;
	vn = NULL;
out:
	vnode_unref(vn);
	vfs_parent_done(&p);
	return r;
}

int
vfs_open(const struct vfs_ctx *ctx, struct vnode *at, const char *path, int flags,
    uint32_t mode, struct vnode **out)
{
	struct vnode *vn;
	int r, acc = flags & LX_O_ACCMODE;

	if (flags & LX_O_CREAT)
		r = open_create(ctx, at, path, flags, mode, &vn, 0);
	else
		r = vfs_lookup(ctx, at, path, (flags & LX_O_NOFOLLOW) ? 0 : VFS_FOLLOW, &vn);
	if (r != 0)
		return r;
	if (VFS_ISLNK(vn))
		r = -LX_ELOOP;
	else if ((flags & LX_O_DIRECTORY) && !VFS_ISDIR(vn))
		r = -LX_ENOTDIR;
	else if (VFS_ISDIR(vn) && (acc != LX_O_RDONLY || (flags & LX_O_TRUNC)))
		r = -LX_EISDIR;
	else if ((flags & LX_O_TRUNC) && acc != LX_O_RDONLY && VFS_ISREG(vn) && vn->size != 0)
		r = vfs_truncate(vn, 0);
	if (r != 0) {
		vnode_unref(vn);
		return r;
	}
	*out = vn;
	return 0;
}

/* Shared by mkdir and mknod: the name must be new. */
static int
make_node(const struct vfs_ctx *ctx, struct vnode *at, const char *path, uint32_t mode,
    uint64_t rdev)
{
	struct vfs_parent p;
	struct vnode *vn;
	int r;

	if ((r = vfs_lookup_parent(ctx, at, path, &p)) != 0)
		return r;
	if (p.len == 0 || is_dot(p.name, p.len) || is_dotdot(p.name, p.len))
		r = -LX_EEXIST;
	else if ((r = lookup_last(&p, &vn)) == 0) {
		vnode_unref(vn);
		r = -LX_EEXIST;
	} else if (r == -LX_ENOENT) {
		if (p.slash && (mode & LX_S_IFMT) != LX_S_IFDIR)
			r = -LX_ENOENT;
		else
			r = create_last(&p, mode, rdev, NULL);
	}
	vfs_parent_done(&p);
	return r;
}

int
vfs_mkdir(const struct vfs_ctx *ctx, struct vnode *at, const char *path, uint32_t mode)
{
	return make_node(ctx, at, path, LX_S_IFDIR | (mode & 07777 & ~ctx->umask), 0);
}

int
vfs_mknod(const struct vfs_ctx *ctx, struct vnode *at, const char *path, uint32_t mode,
    uint64_t rdev)
{
	uint32_t type = mode & LX_S_IFMT;

	if (type == 0)
		type = LX_S_IFREG;
	if (type != LX_S_IFREG && type != LX_S_IFCHR && type != LX_S_IFBLK && type != LX_S_IFIFO)
		return -LX_EINVAL;
	return make_node(ctx, at, path, type | (mode & 07777 & ~ctx->umask), rdev);
}

/* True if dir has no entries (besides "." and ".."). */
static int
dir_is_empty(struct vnode *dir)
{
	struct vfs_dirent *d;
	uint64_t cookie = 0;
	int empty;

	if ((d = kmalloc(sizeof(*d))) == NULL)
		return 0;
	empty = dir->ops->readdir(dir, &cookie, d) == 0;
	kfree(d);
	return empty;
}

/* Is vn a mount point or the root of a mounted fs? */
static int
is_busy(const struct vfs_ctx *ctx, struct vnode *vn)
{
	return vn->mounted != NULL || vn->covered != NULL || vn == ctx->root;
}

int
vfs_rmdir(const struct vfs_ctx *ctx, struct vnode *at, const char *path)
{
	struct vfs_parent p;
	struct vnode *vn = NULL;
	int r;

	if ((r = vfs_lookup_parent(ctx, at, path, &p)) != 0)
		return r;
	if (p.len == 0)
		r = -LX_EBUSY;
	else if (is_dot(p.name, p.len))
		r = -LX_EINVAL;
	else if (is_dotdot(p.name, p.len))
		r = -LX_ENOTEMPTY;
	else if ((r = lookup_last(&p, &vn)) != 0)
		;
	else if (!VFS_ISDIR(vn))
		r = -LX_ENOTDIR;
	else if (is_busy(ctx, vn))
		r = -LX_EBUSY;
	else if (!dir_is_empty(vn))
		r = -LX_ENOTEMPTY;
	else
		r = p.dir->ops->unlink(p.dir, p.name, p.len, vn);
	vnode_unref(vn);
	vfs_parent_done(&p);
	return r;
}

int
vfs_unlink(const struct vfs_ctx *ctx, struct vnode *at, const char *path)
{
	struct vfs_parent p;
	struct vnode *vn = NULL;
	int r;

	if ((r = vfs_lookup_parent(ctx, at, path, &p)) != 0)
		return r;
	if (p.len == 0 || is_dot(p.name, p.len) || is_dotdot(p.name, p.len))
		r = -LX_EISDIR;
	else if ((r = lookup_last(&p, &vn)) != 0)
		;
	else if (VFS_ISDIR(vn))
		r = -LX_EISDIR;
	else if (p.slash)
		r = -LX_ENOTDIR;
	else if (p.dir->ops->unlink == NULL)
		r = -LX_EPERM;
	else
		r = p.dir->ops->unlink(p.dir, p.name, p.len, vn);
	vnode_unref(vn);
	vfs_parent_done(&p);
	return r;
}

int
vfs_link(const struct vfs_ctx *ctx, struct vnode *oat, const char *opath, struct vnode *nat,
    const char *npath, int flags)
{
	struct vfs_parent p = { 0 };
	struct vnode *vn = NULL, *old = NULL;
	int r;

	if ((flags & ~LX_AT_SYMLINK_FOLLOW) != 0)
		return -LX_EINVAL;
	if ((r = vfs_lookup(ctx, oat, opath, (flags & LX_AT_SYMLINK_FOLLOW) ? VFS_FOLLOW : 0,
	    &old)) != 0)
		return r;
	if (VFS_ISDIR(old)) {
		r = -LX_EPERM;
		goto out;
	}
	if ((r = vfs_lookup_parent(ctx, nat, npath, &p)) != 0)
		goto out;
	if (p.len == 0 || is_dot(p.name, p.len) || is_dotdot(p.name, p.len))
		r = -LX_EEXIST;
	else if ((r = lookup_last(&p, &vn)) == 0)
		r = -LX_EEXIST;
	else if (r != -LX_ENOENT)
		;
	else if (p.dir->fs != old->fs)
		r = -LX_EXDEV;
	else if (p.dir->ops->link == NULL)
		r = -LX_EPERM;
	else
		r = p.dir->ops->link(p.dir, p.name, p.len, old);
out:
	vnode_unref(vn);
	vnode_unref(old);
	if (p.dir != NULL)
		vfs_parent_done(&p);
	return r;
}

int
vfs_symlink(const struct vfs_ctx *ctx, const char *target, struct vnode *at, const char *path)
{
	struct vfs_parent p;
	struct vnode *vn;
	size_t tlen = strnlen(target, LX_PATH_MAX);
	int r;

	if (tlen == 0)
		return -LX_ENOENT;
	if (tlen >= LX_PATH_MAX)
		return -LX_ENAMETOOLONG;
	if ((r = vfs_lookup_parent(ctx, at, path, &p)) != 0)
		return r;
	if (p.len == 0 || is_dot(p.name, p.len) || is_dotdot(p.name, p.len))
		r = -LX_EEXIST;
	else if ((r = lookup_last(&p, &vn)) == 0) {
		vnode_unref(vn);
		r = -LX_EEXIST;
	} else if (r == -LX_ENOENT)
		r = p.dir->ops->symlink == NULL ? -LX_EPERM :
		    p.dir->ops->symlink(p.dir, p.name, p.len, target, tlen);
	vfs_parent_done(&p);
	return r;
}

long
vfs_readlink(const struct vfs_ctx *ctx, struct vnode *at, const char *path, char *buf, size_t n)
{
	struct vnode *vn;
	long r;

	if ((r = vfs_lookup(ctx, at, path, 0, &vn)) != 0)
		return r;
	if (!VFS_ISLNK(vn))
		r = -LX_EINVAL;
	else if (n == 0)
		r = -LX_EINVAL;
	else
		r = vn->ops->readlink(vn, buf, n < vn->size ? n : vn->size);
	vnode_unref(vn);
	return r;
}

/* Is dir inside tree (or tree itself)? Walks ".." up to the fs root. */
static int
is_inside(struct vnode *dir, struct vnode *tree)
{
	struct vnode *cur = dir, *up;
	int inside = 0;

	vnode_ref(cur);
	for (;;) {
		if (cur == tree) {
			inside = 1;
			break;
		}
		if (cur == cur->fs->root || cur->ops->lookup(cur, "..", 2, &up) != 0)
			break;
		vnode_unref(cur);
		cur = up;
	}
	vnode_unref(cur);
	return inside;
}

/* The Linux checks between an existing rename target nvn and the source ovn. */
static int
rename_target_ok(const struct vfs_ctx *ctx, struct vnode *ovn, struct vnode *nvn)
{
	if (VFS_ISDIR(ovn) && !VFS_ISDIR(nvn))
		return -LX_ENOTDIR;
	if (!VFS_ISDIR(ovn) && VFS_ISDIR(nvn))
		return -LX_EISDIR;
	if (VFS_ISDIR(nvn) && is_busy(ctx, nvn))
		return -LX_EBUSY;
	if (VFS_ISDIR(nvn) && !dir_is_empty(nvn))
		return -LX_ENOTEMPTY;
	return 0;
}

/* Every check of rename(2) once both parents are known; then the fs moves the entry. */
static int
rename_checked(const struct vfs_ctx *ctx, struct vfs_parent *op, struct vfs_parent *np,
    int flags)
{
	struct vnode *ovn = NULL, *nvn = NULL;
	int r;

	if (op->len == 0 || np->len == 0 || is_dot(op->name, op->len) ||
	    is_dotdot(op->name, op->len) || is_dot(np->name, np->len) ||
	    is_dotdot(np->name, np->len))
		return -LX_EBUSY;
	if ((r = lookup_last(op, &ovn)) != 0)
		return r;
	if ((op->slash || np->slash) && !VFS_ISDIR(ovn))
		r = -LX_ENOTDIR;
	else if (op->dir->fs != np->dir->fs)
		r = -LX_EXDEV;
	else if (is_busy(ctx, ovn))
		r = -LX_EBUSY;
	else if ((r = lookup_last(np, &nvn)) == 0) {
		if (flags & LX_RENAME_NOREPLACE)
			r = -LX_EEXIST;
		else if (nvn == ovn)
			r = 1;		/* the same file: nothing to do */
		else
			r = rename_target_ok(ctx, ovn, nvn);
	} else if (r == -LX_ENOENT)
		r = 0;
	if (r == 0 && VFS_ISDIR(ovn) && is_inside(np->dir, ovn))
		r = -LX_EINVAL;
	if (r == 0)
		r = op->dir->ops->rename == NULL ? -LX_EPERM :
		    op->dir->ops->rename(op->dir, op->name, op->len, np->dir, np->name, np->len);
	vnode_unref(nvn);
	vnode_unref(ovn);
	return r == 1 ? 0 : r;
}

int
vfs_rename(const struct vfs_ctx *ctx, struct vnode *oat, const char *opath, struct vnode *nat,
    const char *npath, int flags)
{
	struct vfs_parent *op, *np;
	int r;

	if ((flags & ~LX_RENAME_NOREPLACE) != 0)
		return -LX_EINVAL;
	/* Two parents hold two NAME_MAX buffers: keep them off the kernel stack. */
	if ((op = kmalloc(2 * sizeof(*op))) == NULL)
		return -LX_ENOMEM;
	np = op + 1;
	if ((r = vfs_lookup_parent(ctx, oat, opath, op)) != 0)
		goto out;
	if ((r = vfs_lookup_parent(ctx, nat, npath, np)) == 0) {
		r = rename_checked(ctx, op, np, flags);
		vfs_parent_done(np);
	}
	vfs_parent_done(op);
out:
	kfree(op);
	return r;
}

int
vfs_chdir(struct vfs_ctx *ctx, struct vnode *at, const char *path)
{
	struct vnode *vn;
	int r;

	if ((r = vfs_lookup(ctx, at, path, VFS_FOLLOW | VFS_DIRECTORY, &vn)) != 0)
		return r;
	vnode_unref(ctx->cwd);
	ctx->cwd = vn;
	return 0;
}

/* Finds the name of child in dir by inode number; 0 and d filled, or -LX_ENOENT. */
static int
name_in(struct vnode *dir, struct vnode *child, struct vfs_dirent *d)
{
	uint64_t cookie = 0;

	while (dir->ops->readdir(dir, &cookie, d) == 1)
		if (d->ino == child->ino)
			return 0;
	return -LX_ENOENT;
}

/* Prepends "/name" to the path being built backwards at buf[*pos..]. */
static int
prepend(char *buf, size_t *pos, const char *name, size_t len)
{
	if (*pos < len + 1)
		return -LX_ENAMETOOLONG;
	*pos -= len;
	memcpy(buf + *pos, name, len);
	buf[--*pos] = '/';
	return 0;
}

/* Builds cwd's absolute path backwards into tmp (LX_PATH_MAX bytes); *pos is where it starts. */
static int
build_cwd(const struct vfs_ctx *ctx, char *tmp, size_t *pos, struct vfs_dirent *d)
{
	struct walk w = { .ctx = ctx, .cur = ctx->cwd };
	struct vnode *child, *named;
	int r = 0;

	vnode_ref(w.cur);
	if (w.cur->nlink == 0)
		r = -LX_ENOENT;		/* the cwd was removed */
	while (r == 0 && w.cur != ctx->root) {
		child = w.cur;
		vnode_ref(child);
		if ((r = step_up(&w)) == 0) {
			/* A mounted root is named in its parent by its mount point. */
			named = child == child->fs->root && child->covered != NULL ?
			    child->covered : child;
			if (w.cur == child || w.cur == named)
				r = -LX_ENOENT;	/* cannot climb: outside the root */
			else if ((r = name_in(w.cur, named, d)) == 0)
				r = prepend(tmp, pos, d->name, d->namelen);
		}
		vnode_unref(child);
	}
	vnode_unref(w.cur);
	return r;
}

long
vfs_getcwd(const struct vfs_ctx *ctx, char *buf, size_t n)
{
	struct vfs_dirent *d;
	char *tmp;
	size_t pos = LX_PATH_MAX, len;
	long r;

	tmp = kmalloc(LX_PATH_MAX);
	d = kmalloc(sizeof(*d));
	if (tmp == NULL || d == NULL) {
		r = -LX_ENOMEM;
		goto out;
	}
	tmp[--pos] = '\0';
	if ((r = build_cwd(ctx, tmp, &pos, d)) != 0)
		goto out;
	if (tmp[pos] == '\0')
		tmp[--pos] = '/';
	len = LX_PATH_MAX - pos;
	if (len > n) {
		r = -LX_ERANGE;
		goto out;
	}
	memcpy(buf, tmp + pos, len);
	r = (long)len;
out:
	kfree(d);
	kfree(tmp);
	return r;
}

void
vfs_stat(const struct vnode *vn, struct lx_stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = vn->fs->dev;
	st->st_ino = vn->ino;
	st->st_nlink = vn->nlink;
	st->st_mode = vn->mode;
	st->st_uid = vn->uid;
	st->st_gid = vn->gid;
	st->st_rdev = vn->rdev;
	st->st_size = (int64_t)vn->size;
	st->st_blksize = 4096;
	st->st_blocks = (int64_t)((vn->size + 511) / 512);
	st->st_atime_sec = (uint64_t)(vn->atime / 1000000000);
	st->st_atime_nsec = (uint64_t)(vn->atime % 1000000000);
	st->st_mtime_sec = (uint64_t)(vn->mtime / 1000000000);
	st->st_mtime_nsec = (uint64_t)(vn->mtime % 1000000000);
	st->st_ctime_sec = (uint64_t)(vn->ctime / 1000000000);
	st->st_ctime_nsec = (uint64_t)(vn->ctime % 1000000000);
}

int
vfs_truncate(struct vnode *vn, uint64_t size)
{
	if (VFS_ISDIR(vn))
		return -LX_EISDIR;
	if (!VFS_ISREG(vn) || vn->ops->truncate == NULL)
		return -LX_EINVAL;
	if (size > (uint64_t)INT64_MAX)
		return -LX_EINVAL;
	return vn->ops->truncate(vn, size);
}

/* Appends one linux_dirent64 record; returns its length, or 0 if it does not fit. */
static size_t
put_dirent(char *buf, size_t n, uint64_t ino, int64_t next, uint8_t type, const char *name,
    size_t len)
{
	size_t reclen = (__builtin_offsetof(struct lx_dirent64, d_name) + len + 1 + 7) & ~(size_t)7;
	struct lx_dirent64 rec;

	if (reclen > n)
		return 0;
	memset(buf, 0, reclen);
	rec.d_ino = ino;
	rec.d_off = next;
	rec.d_reclen = (uint16_t)reclen;
	rec.d_type = type;
	memcpy(buf, &rec, __builtin_offsetof(struct lx_dirent64, d_name));
	memcpy(buf + __builtin_offsetof(struct lx_dirent64, d_name), name, len);
	return reclen;
}

/* Cookies: 0 is ".", 1 is "..", 2 + c is the fs's cookie c. */
long
vfs_getdents64(struct vnode *dir, uint64_t *cookie, void *buf, size_t n)
{
	struct vfs_dirent *d;
	struct vnode *up;
	uint64_t fsc;
	size_t used = 0, k;
	long r = 0;

	if (!VFS_ISDIR(dir))
		return -LX_ENOTDIR;
	if ((d = kmalloc(sizeof(*d))) == NULL)
		return -LX_ENOMEM;
	for (;;) {
		if (*cookie < 2) {
			d->ino = dir->ino;
			if (*cookie == 1 && dir->ops->lookup(dir, "..", 2, &up) == 0) {
				d->ino = up->ino;
				vnode_unref(up);
			}
			d->type = LX_DT_DIR;
			d->namelen = (uint16_t)(*cookie + 1);
			memcpy(d->name, "..", 2);
			fsc = *cookie + 1;
		} else {
			fsc = *cookie - 2;
			if (dir->ops->readdir(dir, &fsc, d) != 1)
				break;
			fsc += 2;
		}
		k = put_dirent((char *)buf + used, n - used, d->ino, (int64_t)fsc, d->type, d->name,
		    d->namelen);
		if (k == 0) {
			r = used == 0 ? -LX_EINVAL : 0;
			break;
		}
		used += k;
		*cookie = fsc;
	}
	kfree(d);
	return r != 0 ? r : (long)used;
}
