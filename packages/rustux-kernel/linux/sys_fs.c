/* sys_fs.c - Linux personality: name-space calls over the VFS (mkdir, unlink, rename, links, access, *at) */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/fcntl.h"
#include "abi/linux/stat.h"
#include "fs/file.h"
#include "lib/kalloc.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "syscall_table.h"

#define PATHBUF	4096

/* The directory a *at call starts from: NULL for AT_FDCWD, else a referenced vnode. */
long
lx_at_dir(long dirfd, struct vnode **at)
{
	struct object *o;
	long r;

	*at = NULL;
	if ((int)dirfd == LX_AT_FDCWD) {
		return 0;
	}
	if ((r = fd_get(&curproc()->fds, (int)dirfd, &o)) != 0) {
		return r;
	}
	if (o->type != RX_OBJ_FILE) {
		object_unref(o);
		return -LX_ENOTDIR;
	}
	*at = ((struct file *)o)->vn;
	vnode_ref(*at);
	object_unref(o);
	return 0;
}

/* A kernel copy of a user path (kfree it), or NULL with *err set. */
static char *
user_path(long up, long *err)
{
	char *p = kmalloc(PATHBUF);
	long r;

	if (p == NULL) {
		*err = -LX_ENOMEM;
		return NULL;
	}
	if ((r = copyinstr(p, (uint64_t)up, PATHBUF)) < 0) {
		kfree(p);
		*err = r;
		return NULL;
	}
	return p;
}

enum fs_op {
	OP_MKDIR, OP_RMDIR, OP_UNLINK, OP_STAT, OP_LSTAT, OP_READLINK, OP_TRUNC, OP_CHMOD,
	OP_UTIMES
};

/* chmod: the permission bits change, the file type never does. */
static void
set_mode(struct vnode *vn, long mode)
{
	vn->mode = (vn->mode & LX_S_IFMT) | ((uint32_t)mode & 07777);
	vn->ctime = vfs_now();
}

/* One utimensat time: UTIME_NOW, UTIME_OMIT or a checked timespec. */
static long
pick_time(const int64_t ts[2], int64_t now, int64_t *out)
{
	if (ts[1] == LX_UTIME_OMIT) {
		return 0;
	}
	if (ts[1] == LX_UTIME_NOW) {
		*out = now;
		return 0;
	}
	if (ts[1] < 0 || ts[1] >= 1000000000 || ts[0] < 0 || ts[0] > INT64_MAX / 1000000000 - 1) {
		return -LX_EINVAL;
	}
	*out = ts[0] * 1000000000 + ts[1];
	return 0;
}

/* utimensat's times (NULL: both now) applied to vn. */
static long
set_times(struct vnode *vn, long utimes)
{
	int64_t ts[2][2], now = vfs_now(), at = vn->atime, mt = vn->mtime;
	long r;

	if (utimes == 0) {
		vn->atime = vn->mtime = vn->ctime = now;
		return 0;
	}
	if ((r = copyin(ts, (uint64_t)utimes, sizeof(ts))) != 0) {
		return r;
	}
	if ((r = pick_time(ts[0], now, &at)) != 0 || (r = pick_time(ts[1], now, &mt)) != 0) {
		return r;
	}
	vn->atime = at;
	vn->mtime = mt;
	vn->ctime = now;
	return 0;
}

static long
one_path(long dirfd, long up, enum fs_op op, long a, long b)
{
	struct vfs_ctx *ctx = &curproc()->vfs;
	struct vnode *at, *vn;
	struct lx_stat st;
	char *path, *buf;
	long r;

	if ((path = user_path(up, &r)) == NULL) {
		return r;
	}
	if ((r = lx_at_dir(dirfd, &at)) != 0) {
		kfree(path);
		return r;
	}
	switch (op) {
	case OP_MKDIR:
		r = vfs_mkdir(ctx, at, path, (uint32_t)a & ~ctx->umask);
		break;
	case OP_RMDIR:
		r = vfs_rmdir(ctx, at, path);
		break;
	case OP_UNLINK:
		r = vfs_unlink(ctx, at, path);
		break;
	case OP_STAT:
	case OP_LSTAT:
		if (path[0] == '\0' && at != NULL) {	/* AT_EMPTY_PATH */
			vn = at;
			vnode_ref(vn);
			r = 0;
		} else {
			r = vfs_lookup(ctx, at, path, op == OP_STAT ? VFS_FOLLOW : 0, &vn);
		}
		if (r == 0) {
			vfs_stat(vn, &st);
			vnode_unref(vn);
			r = copyout((uint64_t)a, &st, sizeof(st));
		}
		break;
	case OP_READLINK:
		if ((buf = kmalloc(PATHBUF)) == NULL) {
			r = -LX_ENOMEM;
			break;
		}
		r = vfs_readlink(ctx, at, path, buf, b < PATHBUF ? (size_t)b : PATHBUF);
		if (r > 0 && copyout((uint64_t)a, buf, (size_t)r) != 0) {
			r = -LX_EFAULT;
		}
		kfree(buf);
		break;
	case OP_TRUNC:
		if ((r = vfs_lookup(ctx, at, path, VFS_FOLLOW, &vn)) == 0) {
			r = a < 0 ? -LX_EINVAL : vfs_truncate(vn, (uint64_t)a);
			vnode_unref(vn);
		}
		break;
	case OP_CHMOD:
		if ((r = vfs_lookup(ctx, at, path, VFS_FOLLOW, &vn)) == 0) {
			set_mode(vn, a);
			vnode_unref(vn);
		}
		break;
	case OP_UTIMES:
		r = vfs_lookup(ctx, at, path, (b & LX_AT_SYMLINK_NOFOLLOW) ? 0 : VFS_FOLLOW, &vn);
		if (r == 0) {
			r = set_times(vn, a);
			vnode_unref(vn);
		}
		break;
	}
	if (at != NULL) {
		vnode_unref(at);
	}
	kfree(path);
	return r;
}

long
lx_chmod(long p, long mode, long a2, long a3, long a4, long a5)
{
	return one_path(LX_AT_FDCWD, p, OP_CHMOD, mode, 0);
}

long
lx_fchmodat(long d, long p, long mode, long a3, long a4, long a5)
{
	return one_path(d, p, OP_CHMOD, mode, 0);
}

/* The vnode behind an open file descriptor (referenced), for the f* calls. */
static long
fd_vnode(long fd, struct vnode **vn)
{
	struct object *o;
	long r;

	if ((r = fd_get(&curproc()->fds, (int)fd, &o)) != 0) {
		return r;
	}
	if (o->type != RX_OBJ_FILE) {
		object_unref(o);
		return -LX_EBADF;
	}
	*vn = ((struct file *)o)->vn;
	vnode_ref(*vn);
	object_unref(o);
	return 0;
}

long
lx_fchmod(long fd, long mode, long a2, long a3, long a4, long a5)
{
	struct vnode *vn;
	long r;

	if ((r = fd_vnode(fd, &vn)) != 0) {
		return r;
	}
	set_mode(vn, mode);
	vnode_unref(vn);
	return 0;
}

long
lx_utimensat(long d, long p, long times, long flags, long a4, long a5)
{
	struct vnode *vn;
	long r;

	if (flags & ~(LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH)) {
		return -LX_EINVAL;
	}
	if (p == 0) {	/* futimens: utimensat(fd, NULL, times, 0) */
		if ((r = fd_vnode(d, &vn)) != 0) {
			return r;
		}
		r = set_times(vn, times);
		vnode_unref(vn);
		return r;
	}
	return one_path(d, p, OP_UTIMES, times, flags);
}

long
lx_mkdir(long p, long mode, long a2, long a3, long a4, long a5)
{
	return one_path(LX_AT_FDCWD, p, OP_MKDIR, mode, 0);
}

long
lx_mkdirat(long d, long p, long mode, long a3, long a4, long a5)
{
	return one_path(d, p, OP_MKDIR, mode, 0);
}

long
lx_rmdir(long p, long a1, long a2, long a3, long a4, long a5)
{
	return one_path(LX_AT_FDCWD, p, OP_RMDIR, 0, 0);
}

long
lx_unlink(long p, long a1, long a2, long a3, long a4, long a5)
{
	return one_path(LX_AT_FDCWD, p, OP_UNLINK, 0, 0);
}

long
lx_unlinkat(long d, long p, long flags, long a3, long a4, long a5)
{
	if (flags & ~LX_AT_REMOVEDIR) {
		return -LX_EINVAL;
	}
	return one_path(d, p, (flags & LX_AT_REMOVEDIR) ? OP_RMDIR : OP_UNLINK, 0, 0);
}

long
lx_newfstatat(long d, long p, long st, long flags, long a4, long a5)
{
	return one_path(d, p, (flags & LX_AT_SYMLINK_NOFOLLOW) ? OP_LSTAT : OP_STAT, st, 0);
}

long
lx_readlink(long p, long buf, long n, long a3, long a4, long a5)
{
	return n <= 0 ? -LX_EINVAL : one_path(LX_AT_FDCWD, p, OP_READLINK, buf, n);
}

long
lx_readlinkat(long d, long p, long buf, long n, long a4, long a5)
{
	return n <= 0 ? -LX_EINVAL : one_path(d, p, OP_READLINK, buf, n);
}

long
lx_truncate(long p, long len, long a2, long a3, long a4, long a5)
{
	return one_path(LX_AT_FDCWD, p, OP_TRUNC, len, 0);
}

long
lx_ftruncate(long fd, long len, long a2, long a3, long a4, long a5)
{
	struct vnode *vn;
	long r = lx_at_dir(fd, &vn);

	if (r != 0) {
		return r == -LX_ENOTDIR ? -LX_EINVAL : r;
	}
	if (vn == NULL) {
		return -LX_EBADF;
	}
	r = len < 0 ? -LX_EINVAL : vfs_truncate(vn, (uint64_t)len);
	vnode_unref(vn);
	return r;
}

enum two_op { OP_RENAME, OP_LINK, OP_SYMLINK };

static long
two_paths(long od, long up1, long nd, long up2, enum two_op op, int flags)
{
	struct vfs_ctx *ctx = &curproc()->vfs;
	struct vnode *oat = NULL, *nat = NULL;
	char *p1, *p2 = NULL;
	long r;

	if ((p1 = user_path(up1, &r)) == NULL || (p2 = user_path(up2, &r)) == NULL) {
		kfree(p1);
		return r;
	}
	if ((r = lx_at_dir(od, &oat)) == 0 && (r = lx_at_dir(nd, &nat)) == 0) {
		switch (op) {
		case OP_RENAME:
			r = vfs_rename(ctx, oat, p1, nat, p2, flags);
			break;
		case OP_LINK:
			r = vfs_link(ctx, oat, p1, nat, p2, flags);
			break;
		case OP_SYMLINK:
			r = vfs_symlink(ctx, p1, nat, p2);
			break;
		}
	}
	if (oat != NULL) {
		vnode_unref(oat);
	}
	if (nat != NULL) {
		vnode_unref(nat);
	}
	kfree(p1);
	kfree(p2);
	return r;
}

/*
 * renameat2: RENAME_NOREPLACE is checked by the VFS. ramfs cannot swap two
 * entries or leave whiteouts, so RENAME_EXCHANGE and RENAME_WHITEOUT (and
 * unknown flags) are EINVAL, as on a Linux file system without them; the
 * flags are checked before the paths are read, as Linux does.
 */
long
lx_renameat2(long od, long o, long nd, long n, long flags, long a5)
{
	if (((unsigned int)flags & ~(unsigned int)LX_RENAME_NOREPLACE) != 0) {
		return -LX_EINVAL;
	}
	return two_paths(od, o, nd, n, OP_RENAME, (int)flags);
}

long
lx_rename(long o, long n, long a2, long a3, long a4, long a5)
{
	return two_paths(LX_AT_FDCWD, o, LX_AT_FDCWD, n, OP_RENAME, 0);
}

long
lx_renameat(long od, long o, long nd, long n, long a4, long a5)
{
	return two_paths(od, o, nd, n, OP_RENAME, 0);
}

long
lx_link(long o, long n, long a2, long a3, long a4, long a5)
{
	return two_paths(LX_AT_FDCWD, o, LX_AT_FDCWD, n, OP_LINK, 0);
}

long
lx_linkat(long od, long o, long nd, long n, long flags, long a5)
{
	return two_paths(od, o, nd, n, OP_LINK, (int)flags);
}

long
lx_symlink(long t, long n, long a2, long a3, long a4, long a5)
{
	return two_paths(LX_AT_FDCWD, t, LX_AT_FDCWD, n, OP_SYMLINK, 0);
}

long
lx_symlinkat(long t, long nd, long n, long a3, long a4, long a5)
{
	return two_paths(LX_AT_FDCWD, t, nd, n, OP_SYMLINK, 0);
}

#define ACCESS_FLAGS	(LX_AT_EACCESS | LX_AT_SYMLINK_NOFOLLOW | LX_AT_EMPTY_PATH)

/*
 * faccessat2: everyone is root, so R_OK and W_OK always pass, X_OK needs
 * an execute bit or a directory; F_OK is existence. Real and effective
 * ids are the same, so AT_EACCESS changes nothing.
 */
static long
do_access(long dirfd, long up, long mode, long flags)
{
	struct vfs_ctx *ctx = &curproc()->vfs;
	struct vnode *at, *vn;
	char *path;
	long r;

	if (((unsigned int)flags & ~(unsigned int)ACCESS_FLAGS) != 0 ||
	    ((unsigned int)mode & ~7u) != 0) {
		return -LX_EINVAL;
	}
	if ((path = user_path(up, &r)) == NULL) {
		return r;
	}
	if ((r = lx_at_dir(dirfd, &at)) != 0) {
		kfree(path);
		return r;
	}
	if (path[0] == '\0' && (flags & LX_AT_EMPTY_PATH)) {	/* dirfd itself */
		vn = at != NULL ? at : ctx->cwd;
		vnode_ref(vn);
	} else {
		r = vfs_lookup(ctx, at, path, (flags & LX_AT_SYMLINK_NOFOLLOW) ? 0 : VFS_FOLLOW, &vn);
	}
	if (r == 0) {
		if ((mode & 1) && !VFS_ISDIR(vn) && (vn->mode & 0111) == 0) {
			r = -LX_EACCES;
		}
		vnode_unref(vn);
	}
	if (at != NULL) {
		vnode_unref(at);
	}
	kfree(path);
	return r;
}

long
lx_access(long p, long mode, long a2, long a3, long a4, long a5)
{
	return do_access(LX_AT_FDCWD, p, mode, 0);
}

long
lx_faccessat(long d, long p, long mode, long a3, long a4, long a5)
{
	return do_access(d, p, mode, 0);
}

long
lx_faccessat2(long d, long p, long mode, long flags, long a4, long a5)
{
	return do_access(d, p, mode, flags);
}

long
lx_fchdir(long fd, long a1, long a2, long a3, long a4, long a5)
{
	struct vnode *vn;
	long r = lx_at_dir(fd, &vn);

	if (r != 0) {
		return r;
	}
	if (vn == NULL) {
		return -LX_EBADF;
	}
	r = vfs_chdir(&curproc()->vfs, vn, ".");
	vnode_unref(vn);
	return r;
}

long
lx_umask(long mask, long a1, long a2, long a3, long a4, long a5)
{
	struct vfs_ctx *ctx = &curproc()->vfs;
	uint32_t old = ctx->umask;

	ctx->umask = (uint32_t)mask & 0777;
	return old;
}

long
lx_fsync(long fd, long a1, long a2, long a3, long a4, long a5)
{
	struct object *o;
	long r = fd_get(&curproc()->fds, (int)fd, &o);

	if (r == 0) {
		if (o->type == RX_OBJ_FILE) {
			r = file_fsync((struct file *)o);	/* block devices flush */
		}
		object_unref(o);
	}
	return r;
}

long
lx_sync(long a0, long a1, long a2, long a3, long a4, long a5)
{
	return 0;	/* RAM file systems: nothing to write back */
}
