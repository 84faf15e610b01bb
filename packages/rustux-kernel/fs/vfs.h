/* vfs.h - kernel: vnodes, file systems, path walking and the file operations built on them */
/* SPDX-License-Identifier: MIT */
/*
 * A vnode is one file, directory, symlink or device node of a mounted
 * file system; ops implement it (fs/ramfs.c). The VFS layer owns the
 * semantics Linux programs see: path walking with "." and "..", mount
 * crossing, symlinks (at most VFS_MAX_SYMLINKS per walk: ELOOP), *at
 * lookups relative to a directory, and the errno of every failure
 * (ENOENT, ENOTDIR, EEXIST, EISDIR, ENOTEMPTY, ENAMETOOLONG, EXDEV...).
 * Results are 0 / a count, or -LX_Exxx. Everything runs as root: there
 * are no permission checks yet.
 *
 * References: vnode_ref/vnode_unref count users (walks, open files, cwd);
 * directory entries count in nlink instead. A vnode is released when both
 * are zero. Locking: callers serialise namespace changes with one VFS
 * lock for now (FIXME: per-vnode locks for SMP).
 */
#ifndef RUSTUX_FS_VFS_H
#define RUSTUX_FS_VFS_H

#include <stddef.h>
#include <stdint.h>

#include "abi/linux/fcntl.h"
#include "abi/linux/stat.h"

#define VFS_MAX_SYMLINKS	40	/* Linux's MAXSYMLINKS */

struct vnode;
struct vfs_fs;

/* One directory entry from readdir. */
struct vfs_dirent {
	uint64_t	ino;
	uint8_t		type;		/* LX_DT_* */
	uint16_t	namelen;
	char		name[LX_NAME_MAX + 1];
};

/*
 * File system operations. Names are (name, len), never "." or ".." except
 * in lookup; the VFS has already checked types, existence and emptiness
 * where this says so. Missing ops mean the operation is not supported.
 */
/* The unit of data_page(). */
#define VFS_PAGE	4096

struct vnode_ops {
	/* A referenced child (or parent for ".."), or -LX_ENOENT. */
	int	(*lookup)(struct vnode *dir, const char *name, size_t len, struct vnode **out);
	/* A new file, directory or device node (mode has the type); name is free. */
	int	(*create)(struct vnode *dir, const char *name, size_t len, uint32_t mode,
		    uint64_t rdev, struct vnode **out);
	int	(*symlink)(struct vnode *dir, const char *name, size_t len, const char *target,
		    size_t tlen);
	/* A new entry for vn (not a directory); name is free. */
	int	(*link)(struct vnode *dir, const char *name, size_t len, struct vnode *vn);
	/* Removes the entry for vn (an empty directory when it is one). */
	int	(*unlink)(struct vnode *dir, const char *name, size_t len, struct vnode *vn);
	/* Moves an entry; an existing target (already checked compatible) is replaced. */
	int	(*rename)(struct vnode *odir, const char *oname, size_t olen, struct vnode *ndir,
		    const char *nname, size_t nlen);
	long	(*read)(struct vnode *vn, void *buf, size_t n, uint64_t off);
	/*
	 * Optional: the file's data page idx (VFS_PAGE bytes) for copying
	 * straight to its reader, NULL for a hole. Only file systems that keep
	 * regular files in whole pages (ramfs) have it.
	 */
	const unsigned char *(*data_page)(struct vnode *vn, uint64_t idx);
	long	(*write)(struct vnode *vn, const void *buf, size_t n, uint64_t off);
	int	(*truncate)(struct vnode *vn, uint64_t size);
	/* Copies up to n bytes of the target; returns the count. */
	long	(*readlink)(struct vnode *vn, char *buf, size_t n);
	/* The first entry at or after *cookie, advancing it: 1, or 0 at the end. */
	int	(*readdir)(struct vnode *dir, uint64_t *cookie, struct vfs_dirent *out);
	/* Frees the vnode: no references and no links are left. */
	void	(*release)(struct vnode *vn);
};

struct vnode {
	uint32_t		 refs;
	uint32_t		 mode;		/* LX_S_IF* | permissions */
	uint32_t		 nlink;
	uint32_t		 uid, gid;
	uint64_t		 ino;
	uint64_t		 size;
	uint64_t		 rdev;		/* device nodes: Linux encoding */
	int64_t			 atime, mtime, ctime;	/* ns since the epoch */
	const struct vnode_ops	*ops;
	struct vfs_fs		*fs;
	struct vnode		*mounted;	/* root of the fs mounted here */
	struct vnode		*covered;	/* for an fs root: its mount point */
	void			*priv;		/* the fs's own */
};

struct vfs_fs {
	uint64_t	 dev;		/* st_dev */
	const char	*type;		/* "ramfs", "devfs", "proc" */
	struct vnode	*root;		/* referenced */
	uint64_t	 next_ino;
};

/* The walk's context: a process's root and cwd (both referenced by it). */
struct vfs_ctx {
	struct vnode	*root;
	struct vnode	*cwd;
	uint32_t	 umask;
};

/* Result of a parent lookup: a referenced directory and the last name. */
struct vfs_parent {
	struct vnode	*dir;
	char		 name[LX_NAME_MAX + 1];
	size_t		 len;		/* 0 for "/" */
	int		 slash;		/* the path ended in '/' */
};

/* Walk flags. */
#define VFS_FOLLOW	1	/* follow a final symlink */
#define VFS_DIRECTORY	2	/* the result must be a directory */

#define VFS_ISDIR(vn)	(((vn)->mode & LX_S_IFMT) == LX_S_IFDIR)
#define VFS_ISLNK(vn)	(((vn)->mode & LX_S_IFMT) == LX_S_IFLNK)
#define VFS_ISREG(vn)	(((vn)->mode & LX_S_IFMT) == LX_S_IFREG)

void	vnode_ref(struct vnode *vn);
/* Drops a reference; releases the vnode when no reference or link is left. */
void	vnode_unref(struct vnode *vn);
/* Called by file systems when nlink reaches 0: releases it if unreferenced. */
void	vnode_unlinked(struct vnode *vn);
/* The current time for timestamps (ns); the kernel sets the clock. */
int64_t	vfs_now(void);
void	vfs_set_clock(int64_t (*now)(void));
/* Fills fs's common fields; dev numbers are handed out in order. */
void	vfs_fs_init(struct vfs_fs *fs, const char *type);
/* Mounts fs on the directory mp (not already a mount point): -LX_EBUSY, -LX_ENOTDIR. */
int	vfs_mount(struct vnode *mp, struct vfs_fs *fs);

/*
 * Resolves path relative to at (NULL: ctx->cwd; ignored for absolute
 * paths) into a referenced vnode. flags: VFS_FOLLOW, VFS_DIRECTORY.
 */
int	vfs_lookup(const struct vfs_ctx *ctx, struct vnode *at, const char *path, int flags,
	    struct vnode **out);
/* Resolves all but the last component; the caller calls vfs_parent_done. */
int	vfs_lookup_parent(const struct vfs_ctx *ctx, struct vnode *at, const char *path,
	    struct vfs_parent *p);
void	vfs_parent_done(struct vfs_parent *p);

/* open(2)'s namespace half: O_CREAT, O_EXCL, O_DIRECTORY, O_NOFOLLOW, O_TRUNC. */
int	vfs_open(const struct vfs_ctx *ctx, struct vnode *at, const char *path, int flags,
	    uint32_t mode, struct vnode **out);
int	vfs_mkdir(const struct vfs_ctx *ctx, struct vnode *at, const char *path, uint32_t mode);
int	vfs_mknod(const struct vfs_ctx *ctx, struct vnode *at, const char *path, uint32_t mode,
	    uint64_t rdev);
int	vfs_rmdir(const struct vfs_ctx *ctx, struct vnode *at, const char *path);
int	vfs_unlink(const struct vfs_ctx *ctx, struct vnode *at, const char *path);
/* flags: LX_AT_SYMLINK_FOLLOW. */
int	vfs_link(const struct vfs_ctx *ctx, struct vnode *oat, const char *opath,
	    struct vnode *nat, const char *npath, int flags);
int	vfs_symlink(const struct vfs_ctx *ctx, const char *target, struct vnode *at,
	    const char *path);
/* readlink(2): the byte count copied (no NUL), -LX_EINVAL if not a symlink. */
long	vfs_readlink(const struct vfs_ctx *ctx, struct vnode *at, const char *path, char *buf,
	    size_t n);
/* flags: LX_RENAME_NOREPLACE. */
int	vfs_rename(const struct vfs_ctx *ctx, struct vnode *oat, const char *opath,
	    struct vnode *nat, const char *npath, int flags);
/* Changes ctx->cwd (must be a directory). */
int	vfs_chdir(struct vfs_ctx *ctx, struct vnode *at, const char *path);
/* getcwd(2): the path's length with its NUL, -LX_ERANGE if n is too small. */
long	vfs_getcwd(const struct vfs_ctx *ctx, char *buf, size_t n);

void	vfs_stat(const struct vnode *vn, struct lx_stat *st);
/* Regular files only: -LX_EISDIR, -LX_EINVAL. */
int	vfs_truncate(struct vnode *vn, uint64_t size);
/*
 * getdents64(2): fills buf with struct lx_dirent64 records from *cookie
 * on. Returns bytes used (0 at the end), -LX_EINVAL if the first record
 * does not fit, -LX_ENOTDIR.
 */
long	vfs_getdents64(struct vnode *dir, uint64_t *cookie, void *buf, size_t n);

#endif
