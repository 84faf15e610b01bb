/* sys_io.c - Linux personality: descriptors: read, write, open, close, pipes, dup, fcntl, stat */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/fcntl.h"
#include "abi/linux/signal.h"
#include "abi/linux/stat.h"
#include "arch/cpu.h"
#include "fs/file.h"
#include "ipc/pipe.h"
#include "lib/kalloc.h"
#include "lib/string.h"
#include "linux/poll.h"
#include "proc/proc.h"
#include "syscall_table.h"

#define IO_CHUNK	4096
#define PATH_MAX_	4096

static struct waitq pipe_wq;	/* every pipe's sleepers: one CPU, few pipes */

static void
pipe_wake(void *ctx, int what)
{
	(void)ctx, (void)what;
	waitq_wake_all(&pipe_wq);
	poll_wake();
}

/* A pipe read or write that waits (unless O_NONBLOCK) until it can move bytes or a signal comes. */
static long
pipe_io(struct pipe_end *e, void *buf, size_t n, int write)
{
	unsigned long irq = arch_irq_save();
	long r;

	while ((r = write ? pipe_write(e, buf, n) : pipe_read(e, buf, n)) == -LX_EAGAIN &&
	    !(e->flags & LX_O_NONBLOCK)) {
		if (proc_interrupted()) {
			r = -LX_EINTR;
			break;
		}
		waitq_sleep(&pipe_wq);
	}
	arch_irq_restore(irq);
	return r;
}

static long
obj_read(struct object *o, void *buf, size_t n)
{
	if (o->type == RX_OBJ_PIPE) {
		return pipe_io((struct pipe_end *)o, buf, n, 0);
	}
	if (o->type == RX_OBJ_FILE) {
		return file_read((struct file *)o, buf, n);
	}
	return -LX_EBADF;
}

static long
obj_write(struct object *o, const void *buf, size_t n)
{
	if (o->type == RX_OBJ_PIPE) {
		return pipe_io((struct pipe_end *)o, (void *)buf, n, 1);
	}
	if (o->type == RX_OBJ_FILE) {
		return file_write((struct file *)o, buf, n);
	}
	return -LX_EBADF;
}

/* file_read_direct's sink: the user buffer at ctx. */
static int
put_user(void *ctx, size_t at, const void *src, size_t len)
{
	static const unsigned char zeros[IO_CHUNK];
	uint64_t u = *(const uint64_t *)ctx + at;

	if (src != NULL) {
		return copyout(u, src, len);
	}
	for (size_t k; len > 0; len -= k, u += k) {
		k = len < sizeof(zeros) ? len : sizeof(zeros);
		if (copyout(u, zeros, k) != 0) {
			return -1;
		}
	}
	return 0;
}

/* A page-backed regular file copies to the user in one pass, any size. */
static long
read_direct(struct object *o, uint64_t ubuf, size_t n, int64_t off)
{
	if (o->type != RX_OBJ_FILE) {
		return -LX_EOPNOTSUPP;
	}
	return file_read_direct((struct file *)o, off, n, put_user, &ubuf);
}

static long
do_io(int fd, uint64_t ubuf, size_t n, int write)
{
	struct object *o;
	char *k;
	long done = 0, r = 0;

	if ((r = fd_get(&curproc()->fds, fd, &o)) != 0) {
		return r;
	}
	if (!write && (r = read_direct(o, ubuf, n, -1)) != -LX_EOPNOTSUPP) {
		object_unref(o);
		return r;
	}
	r = 0;	/* a read of 0 bytes from a device returns 0 */
	if ((k = kmalloc(IO_CHUNK)) == NULL) {
		object_unref(o);
		return -LX_ENOMEM;
	}
	while ((size_t)done < n) {
		size_t c = n - (size_t)done < IO_CHUNK ? n - (size_t)done : IO_CHUNK;

		if (write) {
			if (copyin(k, ubuf + (uint64_t)done, c) != 0) {
				r = -LX_EFAULT;
				break;
			}
			r = obj_write(o, k, c);
		} else {
			r = obj_read(o, k, c);
			if (r > 0 && copyout(ubuf + (uint64_t)done, k, (size_t)r) != 0) {
				r = -LX_EFAULT;
				break;
			}
		}
		if (r <= 0) {
			break;
		}
		done += r;
		if ((size_t)r < c || !write) {
			break;
		}
	}
	kfree(k);
	object_unref(o);
	return done > 0 ? done : r;
}

long
lx_read(long fd, long buf, long n, long a3, long a4, long a5)
{
	return n < 0 ? -LX_EINVAL : do_io((int)fd, (uint64_t)buf, (size_t)n, 0);
}

long
lx_write(long fd, long buf, long n, long a3, long a4, long a5)
{
	return n < 0 ? -LX_EINVAL : do_io((int)fd, (uint64_t)buf, (size_t)n, 1);
}

static long
do_iov(int fd, uint64_t uiov, long cnt, int write)
{
	long total = 0;

	if (cnt < 0 || cnt > 1024) {
		return -LX_EINVAL;
	}
	for (long i = 0; i < cnt; i++) {
		uint64_t v[2];
		long r;

		if (copyin(v, uiov + 16 * (uint64_t)i, sizeof(v)) != 0) {
			return total > 0 ? total : -LX_EFAULT;
		}
		if (v[1] == 0) {
			continue;
		}
		r = do_io(fd, v[0], v[1], write);
		if (r < 0) {
			return total > 0 ? total : r;
		}
		total += r;
		if ((uint64_t)r < v[1]) {
			break;
		}
	}
	return total;
}

long
lx_writev(long fd, long iov, long cnt, long a3, long a4, long a5)
{
	return do_iov((int)fd, (uint64_t)iov, cnt, 1);
}

long
lx_readv(long fd, long iov, long cnt, long a3, long a4, long a5)
{
	return do_iov((int)fd, (uint64_t)iov, cnt, 0);
}

long
lx_close(long fd, long a1, long a2, long a3, long a4, long a5)
{
	return fd_close(&curproc()->fds, (int)fd);
}

long	lx_at_dir(long dirfd, struct vnode **at);

static long
do_open(long dirfd, uint64_t upath, int flags, uint32_t mode)
{
	struct proc *p = curproc();
	char *path;
	struct vnode *vn, *at;
	struct file *f;
	long r;

	if ((r = lx_at_dir(dirfd, &at)) != 0) {
		return r;
	}
	if ((path = kmalloc(PATH_MAX_)) == NULL) {
		if (at != NULL) {
			vnode_unref(at);
		}
		return -LX_ENOMEM;
	}
	mode &= ~p->vfs.umask;
	if ((r = copyinstr(path, upath, PATH_MAX_)) >= 0 &&
	    (r = vfs_open(&p->vfs, at, path, flags, mode, &vn)) == 0) {
		r = file_open(vn, flags, &f);
		vnode_unref(vn);
		if (r == 0) {
			r = fd_alloc(&p->fds, &f->obj, (flags & LX_O_CLOEXEC) ? FD_CLOEXEC_FLAG : 0, 0);
			object_unref(&f->obj);
		}
	}
	kfree(path);
	if (at != NULL) {
		vnode_unref(at);
	}
	return r;
}

long
lx_open(long path, long flags, long mode, long a3, long a4, long a5)
{
	return do_open(LX_AT_FDCWD, (uint64_t)path, (int)flags, (uint32_t)mode);
}

long
lx_openat(long dirfd, long path, long flags, long mode, long a4, long a5)
{
	return do_open(dirfd, (uint64_t)path, (int)flags, (uint32_t)mode);
}

static long
with_file(int fd, struct file **out, struct object **o)
{
	long r = fd_get(&curproc()->fds, fd, o);

	if (r != 0) {
		return r;
	}
	if ((*o)->type != RX_OBJ_FILE) {
		object_unref(*o);
		return -LX_ESPIPE;
	}
	*out = (struct file *)*o;
	return 0;
}

long
lx_lseek(long fd, long off, long whence, long a3, long a4, long a5)
{
	struct object *o;
	struct file *f;
	long r = with_file((int)fd, &f, &o);

	if (r != 0) {
		return r;
	}
	r = (long)file_lseek(f, off, (int)whence);
	object_unref(o);
	return r;
}

long
lx_ioctl(long fd, long cmd, long arg, long a3, long a4, long a5)
{
	struct object *o;
	struct file *f;
	long r = with_file((int)fd, &f, &o);

	if (r == -LX_ESPIPE) {
		return -LX_ENOTTY;
	}
	if (r != 0) {
		return r;
	}
	r = file_ioctl(f, (unsigned)cmd, (unsigned long)arg);
	object_unref(o);
	return r;
}

long
lx_fstat(long fd, long ust, long a2, long a3, long a4, long a5)
{
	struct lx_stat st;
	struct object *o;
	struct file *f;
	long r = fd_get(&curproc()->fds, (int)fd, &o);

	if (r != 0) {
		return r;
	}
	memset(&st, 0, sizeof(st));
	if (o->type == RX_OBJ_FILE) {
		f = (struct file *)o;
		vfs_stat(f->vn, &st);
	} else {
		st.st_mode = LX_S_IFIFO | 0600;
		st.st_blksize = 4096;
		st.st_nlink = 1;
		if (o->type == RX_OBJ_PIPE) {
			st.st_ino = pipe_ino(((struct pipe_end *)o)->pipe);
		}
	}
	object_unref(o);
	return copyout((uint64_t)ust, &st, sizeof(st));
}

static long
do_stat(uint64_t upath, uint64_t ust, int follow)
{
	struct lx_stat st;
	struct vnode *vn;
	char *path = kmalloc(PATH_MAX_);
	long r;

	if (path == NULL) {
		return -LX_ENOMEM;
	}
	if ((r = copyinstr(path, upath, PATH_MAX_)) >= 0 &&
	    (r = vfs_lookup(&curproc()->vfs, NULL, path, follow ? VFS_FOLLOW : 0, &vn)) == 0) {
		vfs_stat(vn, &st);
		vnode_unref(vn);
		r = copyout(ust, &st, sizeof(st));
	}
	kfree(path);
	return r;
}

long
lx_stat(long path, long st, long a2, long a3, long a4, long a5)
{
	return do_stat((uint64_t)path, (uint64_t)st, 1);
}

long
lx_lstat(long path, long st, long a2, long a3, long a4, long a5)
{
	return do_stat((uint64_t)path, (uint64_t)st, 0);
}

/*
 * Turns linux_dirent64 records into the old linux_dirent in place: both
 * are ALIGN(18 + namelen + 2, 8) long; the name moves down over d_type,
 * which goes to the record's last byte.
 */
static void
dirents_to_old(char *buf, long n)
{
	const size_t name = __builtin_offsetof(struct lx_dirent64, d_name);
	uint16_t reclen;
	uint8_t type;

	for (long off = 0; off < n; off += reclen) {
		memcpy(&reclen, buf + off + __builtin_offsetof(struct lx_dirent64, d_reclen),
		    sizeof(reclen));
		type = (uint8_t)buf[off + name - 1];
		memmove(buf + off + name - 1, buf + off + name, reclen - name);
		buf[off + reclen - 1] = (char)type;
	}
}

/* getdents64, or getdents in the old record layout (old != 0). */
static long
do_getdents(long fd, uint64_t ubuf, long count, int old)
{
	struct object *o;
	struct file *f;
	char *k;
	size_t n = (unsigned int)count;	/* Linux's count is an unsigned int */
	long r = with_file((int)fd, &f, &o);

	if (r == -LX_ESPIPE) {
		return -LX_ENOTDIR;
	}
	if (r != 0) {
		return r;
	}
	if (n > IO_CHUNK) {
		n = IO_CHUNK;	/* a short read: the caller comes back for more */
	}
	if ((k = kmalloc(IO_CHUNK)) == NULL) {
		object_unref(o);
		return -LX_ENOMEM;
	}
	if ((r = file_getdents64(f, k, n)) > 0) {
		if (old) {
			dirents_to_old(k, r);
		}
		if (copyout(ubuf, k, (size_t)r) != 0) {
			r = -LX_EFAULT;
		}
	}
	kfree(k);
	object_unref(o);
	return r;
}

long
lx_getdents64(long fd, long ubuf, long n, long a3, long a4, long a5)
{
	return do_getdents(fd, (uint64_t)ubuf, n, 0);
}

long
lx_getdents(long fd, long ubuf, long n, long a3, long a4, long a5)
{
	return do_getdents(fd, (uint64_t)ubuf, n, 1);
}

static long
do_pipe(uint64_t ufds, int flags)
{
	struct proc *p = curproc();
	struct pipe_end *rd, *wr;
	int fds[2];
	long r;

	if (flags & ~(LX_O_CLOEXEC | LX_O_NONBLOCK)) {
		return -LX_EINVAL;
	}
	if ((r = pipe_create((uint32_t)flags, &rd, &wr)) != 0) {
		return r;
	}
	pipe_set_wake(rd, pipe_wake, NULL);
	fds[0] = fd_alloc(&p->fds, &rd->obj, (flags & LX_O_CLOEXEC) ? FD_CLOEXEC_FLAG : 0, 0);
	fds[1] = fds[0] < 0 ? fds[0] :
	    fd_alloc(&p->fds, &wr->obj, (flags & LX_O_CLOEXEC) ? FD_CLOEXEC_FLAG : 0, 0);
	object_unref(&rd->obj);
	object_unref(&wr->obj);
	if (fds[1] < 0) {
		if (fds[0] >= 0) {
			fd_close(&p->fds, fds[0]);
		}
		return fds[1];
	}
	if (copyout(ufds, fds, sizeof(fds)) != 0) {
		fd_close(&p->fds, fds[0]);
		fd_close(&p->fds, fds[1]);
		return -LX_EFAULT;
	}
	return 0;
}

long
lx_pipe(long fds, long a1, long a2, long a3, long a4, long a5)
{
	return do_pipe((uint64_t)fds, 0);
}

long
lx_pipe2(long fds, long flags, long a2, long a3, long a4, long a5)
{
	return do_pipe((uint64_t)fds, (int)flags);
}

long
lx_dup(long fd, long a1, long a2, long a3, long a4, long a5)
{
	return fd_dup(&curproc()->fds, (int)fd);
}

long
lx_dup2(long o, long n, long a2, long a3, long a4, long a5)
{
	return fd_dup2(&curproc()->fds, (int)o, (int)n);
}

long
lx_dup3(long o, long n, long flags, long a3, long a4, long a5)
{
	return fd_dup3(&curproc()->fds, (int)o, (int)n, (int)flags);
}

long
lx_fcntl(long fd, long cmd, long arg, long a3, long a4, long a5)
{
	struct fd_table *t = &curproc()->fds;
	struct object *o;
	long r;

	switch (cmd) {
	case LX_F_DUPFD:
		return fd_dupfd(t, (int)fd, (int)arg, 0);
	case 1030:	/* F_DUPFD_CLOEXEC */
		return fd_dupfd(t, (int)fd, (int)arg, FD_CLOEXEC_FLAG);
	case LX_F_GETFD:
		return fd_get_flags(t, (int)fd);
	case LX_F_SETFD:
		return fd_set_flags(t, (int)fd, (uint32_t)arg);
	case LX_F_GETFL:
	case LX_F_SETFL:
		if ((r = fd_get(t, (int)fd, &o)) != 0) {
			return r;
		}
		if (o->type == RX_OBJ_FILE) {
			if (cmd == LX_F_GETFL) {
				r = file_get_flags((struct file *)o);
			} else {
				file_set_flags((struct file *)o, (int)arg);
			}
		} else if (o->type == RX_OBJ_PIPE) {
			struct pipe_end *e = (struct pipe_end *)o;

			if (cmd == LX_F_GETFL) {
				r = (e->write ? LX_O_WRONLY : 0) | (int)(e->flags & LX_O_NONBLOCK);
			} else {
				e->flags = (e->flags & ~(uint32_t)LX_O_NONBLOCK) |
				    ((uint32_t)arg & LX_O_NONBLOCK);
			}
		}
		object_unref(o);
		return r;
	default:
		return -LX_EINVAL;
	}
}

long
lx_getcwd(long ubuf, long n, long a2, long a3, long a4, long a5)
{
	char buf[256];
	long r = vfs_getcwd(&curproc()->vfs, buf, sizeof(buf));

	if (r < 0) {
		return r;
	}
	if (r > n) {
		return -LX_ERANGE;
	}
	return copyout((uint64_t)ubuf, buf, (size_t)r) != 0 ? -LX_EFAULT : r;
}

long
lx_chdir(long upath, long a1, long a2, long a3, long a4, long a5)
{
	char buf[256];
	long r = copyinstr(buf, (uint64_t)upath, sizeof(buf));

	return r < 0 ? r : vfs_chdir(&curproc()->vfs, NULL, buf);
}

static long
do_pio(long fd, uint64_t ubuf, long n, long off, int write)
{
	struct object *o;
	char *k;
	long r = fd_get(&curproc()->fds, (int)fd, &o);

	if (r != 0) {
		return r;
	}
	if (o->type != RX_OBJ_FILE) {
		object_unref(o);
		return -LX_ESPIPE;
	}
	if (n < 0 || off < 0) {
		object_unref(o);
		return -LX_EINVAL;
	}
	if (!write && (r = read_direct(o, ubuf, (size_t)n, off)) != -LX_EOPNOTSUPP) {
		object_unref(o);
		return r;
	}
	if (n > IO_CHUNK) {
		n = IO_CHUNK;	/* a short count, as Linux may give */
	}
	if ((k = kmalloc(IO_CHUNK)) == NULL) {
		object_unref(o);
		return -LX_ENOMEM;
	}
	if (write) {
		r = copyin(k, ubuf, (size_t)n);
		if (r == 0) {
			r = file_pwrite((struct file *)o, k, (size_t)n, off);
		}
	} else {
		r = file_pread((struct file *)o, k, (size_t)n, off);
		if (r > 0 && copyout(ubuf, k, (size_t)r) != 0) {
			r = -LX_EFAULT;
		}
	}
	kfree(k);
	object_unref(o);
	return r;
}

long
lx_pread64(long fd, long buf, long n, long off, long a4, long a5)
{
	return do_pio(fd, (uint64_t)buf, n, off, 0);
}

long
lx_pwrite64(long fd, long buf, long n, long off, long a4, long a5)
{
	return do_pio(fd, (uint64_t)buf, n, off, 1);
}

/* For file-backed private mappings: the vnode of a readable regular file. */
long
lx_file_vnode(long fd, struct vnode **out)
{
	struct object *o;
	struct file *f;
	long r = fd_get(&curproc()->fds, (int)fd, &o);

	if (r != 0) {
		return r;
	}
	f = (struct file *)o;
	if (o->type != RX_OBJ_FILE || !VFS_ISREG(f->vn)) {
		object_unref(o);
		return -LX_EACCES;
	}
	if ((f->flags & LX_O_ACCMODE) == LX_O_WRONLY) {
		object_unref(o);
		return -LX_EACCES;
	}
	*out = f->vn;
	vnode_ref(*out);
	object_unref(o);
	return 0;
}
