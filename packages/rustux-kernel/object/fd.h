/* fd.h - kernel: a process's file descriptor table (Linux personality's view of open files) */
/* SPDX-License-Identifier: MIT */
/*
 * Descriptors name open-file objects (struct file, pipes: anything with a
 * struct object header); each slot holds one reference and a close-on-exec
 * flag. Allocation is lowest-free, as POSIX requires. Results follow Linux:
 * a descriptor number, or -LX_Exxx. Locking: the owning process's
 * descriptor lock is held around every call.
 */
#ifndef RUSTUX_OBJECT_FD_H
#define RUSTUX_OBJECT_FD_H

#include <stdint.h>

#include "object/object.h"

#define FD_TABLE_MAX	4096	/* the most descriptors a table holds: RLIMIT_NOFILE's hard limit */
#define FD_CLOEXEC_FLAG	1u	/* = LX_FD_CLOEXEC */

struct fd_slot {
	struct object	*obj;	/* NULL: free */
	uint32_t	 flags;	/* FD_CLOEXEC_FLAG */
};

struct fd_table {
	struct fd_slot	*slots;
	int		 cap;
	int		 max;	/* descriptors are 0..max-1 */
};

/* An empty table for descriptors 0..max-1 (0 means FD_TABLE_MAX). */
void	fd_table_init(struct fd_table *t, int max);
/*
 * RLIMIT_NOFILE's soft limit: new descriptors are 0..max-1 (clamped to
 * 0..FD_TABLE_MAX). Descriptors already open above it stay usable, as on Linux.
 */
void	fd_table_set_max(struct fd_table *t, int max);
/* Closes every descriptor and frees the slots. */
void	fd_table_destroy(struct fd_table *t);
/* Makes dst (initialised, empty) a copy of src for fork: same objects, new references. Returns 0 or -LX_ENOMEM. */
int	fd_table_clone(struct fd_table *dst, const struct fd_table *src);
/* Closes every descriptor with FD_CLOEXEC_FLAG (execve). */
void	fd_close_on_exec(struct fd_table *t);

/* Installs obj (taking a new reference) at the lowest free descriptor >= min.
 * Returns it, -LX_EMFILE when none is free, -LX_EINVAL for a bad min, -LX_ENOMEM. */
int	fd_alloc(struct fd_table *t, struct object *obj, uint32_t flags, int min);
/* The object at fd with a new reference in *out; returns 0 or -LX_EBADF. */
int	fd_get(struct fd_table *t, int fd, struct object **out);
/* Closes fd; returns 0 or -LX_EBADF. */
int	fd_close(struct fd_table *t, int fd);

/* dup(2): lowest free descriptor, close-on-exec clear. */
int	fd_dup(struct fd_table *t, int fd);
/* fcntl F_DUPFD / F_DUPFD_CLOEXEC: lowest free descriptor >= min. */
int	fd_dupfd(struct fd_table *t, int fd, int min, uint32_t flags);
/* dup2(2): newfd is closed first if open; dup2(fd, fd) checks fd and returns it. */
int	fd_dup2(struct fd_table *t, int oldfd, int newfd);
/* dup3(2): flags 0 or LX_O_CLOEXEC; -LX_EINVAL when oldfd == newfd or other flags. */
int	fd_dup3(struct fd_table *t, int oldfd, int newfd, int flags);

/* F_GETFD: the descriptor flags, or -LX_EBADF. */
int	fd_get_flags(const struct fd_table *t, int fd);
/* F_SETFD: only FD_CLOEXEC_FLAG is kept. Returns 0 or -LX_EBADF. */
int	fd_set_flags(struct fd_table *t, int fd, uint32_t flags);
/* Open descriptors (for /proc/N/status FDSize and tests). */
int	fd_count(const struct fd_table *t);

#endif
