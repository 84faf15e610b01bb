/* procfs.c - kernel: the /proc file system over the process table and fs/procfmt.c */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "abi/linux/errno.h"
#include "arch/cpu.h"
#include "arch/timer.h"
#include "fs/procfmt.h"
#include "fs/file.h"
#include "fs/procfs.h"
#include "fs/procfs_walk.h"
#include "ipc/pipe.h"
#include "lib/kalloc.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "version.h"

#define PROCFS_BUF	4096	/* the largest text a /proc file makes */
#define INO_SYS		2	/* + the system file's index */
#define INO_PID		0x10000	/* + pid * 16 + the process file's index */
#define INO_FD		0x100000000ULL	/* + pid * 4096 + the descriptor */
#define FD_LINK_SIZE	64	/* what Linux's lstat says of /proc/N/fd/M */

/* What a vnode shows. */
enum procfs_kind { PK_ROOT, PK_SELF, PK_SYS, PK_PIDDIR, PK_PID, PK_FDDIR, PK_FD };

struct procfs_node {
	enum procfs_kind	 kind;
	int			 pid;	/* PK_PIDDIR, PK_PID, PK_FDDIR, PK_FD */
	unsigned		 idx;	/* PK_SYS, PK_PID: the row in its table; PK_FD: the fd */
};

typedef size_t	(*sys_fmt)(char *buf, size_t size);
typedef size_t	(*pid_fmt)(char *buf, size_t size, const struct proc *p);

static size_t	sys_cmdline(char *buf, size_t size);
static size_t	sys_meminfo(char *buf, size_t size);
static size_t	sys_uptime(char *buf, size_t size);
static size_t	sys_version(char *buf, size_t size);
static size_t	sys_mounts(char *buf, size_t size);
static size_t	sys_loadavg(char *buf, size_t size);
static size_t	pid_stat(char *buf, size_t size, const struct proc *p);
static size_t	pid_status(char *buf, size_t size, const struct proc *p);
static size_t	pid_cmdline(char *buf, size_t size, const struct proc *p);
static size_t	pid_maps(char *buf, size_t size, const struct proc *p);

/* The system files at /proc/NAME. */
static const struct {
	const char	*name;
	sys_fmt		 fmt;
} sys_files[] = {
	{ "cmdline", sys_cmdline },
	{ "loadavg", sys_loadavg },
	{ "meminfo", sys_meminfo },
	{ "mounts", sys_mounts },
	{ "uptime", sys_uptime },
	{ "version", sys_version },
};

/* The entries of /proc/N: files (fmt), symlinks (link_target) and the fd directory. */
static const struct {
	const char	*name;
	pid_fmt		 fmt;
	uint8_t		 type;	/* LX_DT_REG, LX_DT_LNK, LX_DT_DIR */
} pid_files[] = {
	{ "cmdline", pid_cmdline, LX_DT_REG },
	{ "cwd", NULL, LX_DT_LNK },
	{ "exe", NULL, LX_DT_LNK },
	{ "fd", NULL, LX_DT_DIR },
	{ "maps", pid_maps, LX_DT_REG },
	{ "stat", pid_stat, LX_DT_REG },
	{ "status", pid_status, LX_DT_REG },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static struct vfs_fs procfs;
static const struct vnode_ops procfs_ops;

static long	link_target(const struct procfs_node *pn, char *tmp);

/* ---- the text of each file ------------------------------------------------ */

static size_t
sys_cmdline(char *buf, size_t size)
{
	return fmt_snprintf(buf, size, "%s\n", kernel_cmdline());
}

static size_t
sys_meminfo(char *buf, size_t size)
{
	struct procfmt_meminfo m = { 0 };
	struct pmm_stats st;

	pmm_get_stats(&st);
	m.total = (uint64_t)st.total_pages * 4;
	m.free = (uint64_t)st.free_pages * 4;
	m.available = m.free;
	return procfmt_meminfo(buf, size, &m);
}

static size_t
sys_uptime(char *buf, size_t size)
{
	return procfmt_uptime(buf, size, arch_clock_ns(), 0);
}

static size_t
sys_version(char *buf, size_t size)
{
	return procfmt_version(buf, size, "Rustux", RUSTUX_VERSION, "rustica@build",
	    "gcc", "#1");
}

struct mounts_out {
	char	*buf;
	size_t	 size, n;
};

/* One line; Linux names the device of a virtual file system after its type. */
static void
mount_line(void *arg, const struct vfs_fs *fs, const char *path)
{
	struct mounts_out *o = arg;

	o->n += procfmt_mount(o->buf + (o->n < o->size ? o->n : o->size),
	    o->n < o->size ? o->size - o->n : 0, fs->type, path, fs->type, "rw");
}

/* The root, then every mount the tree has (procfs_walk.c finds them). */
static size_t
sys_mounts(char *buf, size_t size)
{
	const struct vfs_ctx *ctx = curproc() != NULL ? &curproc()->vfs : &proc_root_ctx;
	struct mounts_out o = { buf, size, 0 };

	o.n = procfmt_mount(buf, size, "rootfs", "/", ctx->root->fs->type, "rw");
	procfs_walk_mounts(ctx, mount_line, &o);
	return o.n;
}

static size_t
sys_loadavg(char *buf, size_t size)
{
	struct proc *p = proc_next(0);
	int last = 0;

	for (; p != NULL; p = proc_next(p->pid)) {
		last = p->pid;
	}
	return fmt_snprintf(buf, size, "0.00 0.00 0.00 1/%d %d\n", proc_count(), last);
}

static char
pid_state(const struct proc *p)
{
	if (p->state == PROC_ZOMBIE) {
		return 'Z';
	}
	if (p->stopped) {
		return 'T';
	}
	if (p->thread != NULL && p->thread->state == TH_BLOCKED) {
		return 'S';
	}
	return 'R';
}

static int
pid_ppid(const struct proc *p)
{
	return p->parent != NULL ? p->parent->pid : 0;
}

static size_t
pid_stat(char *buf, size_t size, const struct proc *p)
{
	struct procfmt_stat s = { 0 };
	size_t pages = p->as != NULL ? p->as->pages : 0;

	s.pid = p->pid;
	s.comm = p->comm;
	s.state = pid_state(p);
	s.ppid = pid_ppid(p);
	s.pgrp = p->pgid;
	s.session = p->sid;
	s.priority = 20;
	s.num_threads = p->nthreads > 0 ? p->nthreads : 1;
	s.vsize = (int64_t)pages * 4096;
	s.rss = (int64_t)pages;
	s.rsslim = INT64_MAX;
	s.exit_signal = 17;	/* SIGCHLD */
	return procfmt_stat(buf, size, &s);
}

static size_t
pid_status(char *buf, size_t size, const struct proc *p)
{
	struct procfmt_status s = { 0 };
	uint64_t kb = (p->as != NULL ? p->as->pages : 0) * 4;

	s.name = p->comm;
	s.umask = p->vfs.umask;
	s.state = pid_state(p);
	s.tgid = s.pid = p->pid;
	s.ns_pgid = p->pgid;
	s.ns_sid = p->sid;
	s.ppid = pid_ppid(p);
	s.fd_size = 64;
	s.vm_peak = s.vm_size = s.vm_hwm = s.vm_rss = s.rss_anon = s.vm_data = kb;
	s.threads = p->nthreads > 0 ? p->nthreads : 1;
	if (p->thread != NULL) {
		s.sig_blk = p->thread->sigmask;
		s.sig_pnd = p->thread->sigpending;
	}
	s.shd_pnd = p->pending;
	for (int i = 0; i < 64; i++) {
		if (p->sigact[i].handler == 1) {
			s.sig_ign |= 1ULL << i;
		} else if (p->sigact[i].handler > 1) {
			s.sig_cgt |= 1ULL << i;
		}
	}
	s.cap_prm = s.cap_eff = s.cap_bnd = 0x1ffffffffffULL;
	return procfmt_status(buf, size, &s);
}

/* The name maps shows for an anonymous VMA: [heap], [stack], or none. */
static const char *
anon_name(const struct aspace *as, const struct vma *v)
{
	if (v->end == USER_STACK_TOP) {
		return "[stack]";
	}
	if (as->brk > as->brk_start && v->start >= (as->brk_start & ~4095ULL) &&
	    v->end <= ((as->brk + 4095) & ~4095ULL) && v->start >= as->brk_start) {
		return "[heap]";
	}
	return NULL;
}

/* Linux's MAJOR and MINOR of a dev_t (st_dev). */
static uint32_t
dev_major(uint64_t dev)
{
	return (uint32_t)(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffULL));
}

static uint32_t
dev_minor(uint64_t dev)
{
	return (uint32_t)((dev & 0xff) | ((dev >> 12) & ~0xffULL));
}

/*
 * One line per VMA; a file mapping shows the file's offset, device, inode
 * and path (one walk per file: consecutive segments share it).
 */
static size_t
pid_maps(char *buf, size_t size, const struct proc *p)
{
	char path[256];
	const struct vnode *named = NULL;
	const char *name;
	size_t n = 0;
	uint64_t dev;

	if (p->as == NULL) {
		return 0;
	}
	for (const struct vma *v = p->as->vmas; v != NULL; v = v->next) {
		dev = 0;
		name = anon_name(p->as, v);
		if (v->vn != NULL) {
			if (v->vn != named) {
				named = v->vn;
				if (procfs_vnode_path(&p->vfs, v->vn, path, sizeof(path)) < 0) {
					path[0] = '\0';
				}
			}
			name = path;
			dev = v->vn->fs->dev;
		}
		n += procfmt_maps_line(buf + (n < size ? n : size), n < size ? size - n : 0,
		    v->start, v->end, v->prot, 0, v->vn != NULL ? v->off : 0, dev_major(dev),
		    dev_minor(dev), v->vn != NULL ? v->vn->ino : 0, name);
	}
	return n;
}

static size_t
pid_cmdline(char *buf, size_t size, const struct proc *p)
{
	size_t n = p->args_len < size ? p->args_len : size;

	memcpy(buf, p->args, n);
	return n;
}

/* ---- vnodes ---------------------------------------------------------------- */

static int
node_new(enum procfs_kind kind, int pid, unsigned idx, struct vnode **out)
{
	struct vnode *vn = kzalloc(sizeof(*vn) + sizeof(struct procfs_node));
	struct procfs_node *pn;

	if (vn == NULL) {
		return -LX_ENOMEM;
	}
	pn = (struct procfs_node *)(vn + 1);
	pn->kind = kind;
	pn->pid = pid;
	pn->idx = idx;
	vn->refs = 1;
	vn->nlink = 0;		/* released with its last reference */
	vn->ops = &procfs_ops;
	vn->fs = &procfs;
	vn->priv = pn;
	vn->mtime = vn->atime = vn->ctime = vfs_now();
	switch (kind) {
	case PK_SELF:
		vn->mode = LX_S_IFLNK | 0777;
		vn->ino = INO_SYS + NELEM(sys_files);
		break;
	case PK_SYS:
		vn->mode = LX_S_IFREG | 0444;
		vn->ino = INO_SYS + idx;
		break;
	case PK_PIDDIR:
		vn->mode = LX_S_IFDIR | 0555;
		vn->ino = INO_PID + (uint64_t)pid * 16;
		break;
	case PK_FDDIR:
		vn->mode = LX_S_IFDIR | 0500;
		vn->ino = INO_PID + (uint64_t)pid * 16 + 1 + 3;	/* the "fd" row */
		break;
	case PK_FD:
		vn->mode = LX_S_IFLNK | 0700;
		vn->ino = INO_FD + (uint64_t)pid * 4096 + idx;
		vn->size = FD_LINK_SIZE;
		break;
	default:
		vn->mode = pid_files[idx].type == LX_DT_LNK ? LX_S_IFLNK | 0777 :
		    LX_S_IFREG | 0444;
		vn->ino = INO_PID + (uint64_t)pid * 16 + 1 + idx;
		break;
	}
	if (VFS_ISLNK(vn) && kind != PK_FD) {
		char tmp[256];
		long len = link_target(pn, tmp);

		vn->size = len > 0 ? (uint64_t)len : 0;
	}
	*out = vn;
	return 0;
}

static struct procfs_node *
node_of(const struct vnode *vn)
{
	return vn->priv;
}

/* The pid a decimal name stands for, or -1. */
static int
parse_pid(const char *name, size_t len)
{
	int pid = 0;

	if (len == 0 || len > 9) {
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9') {
			return -1;
		}
		pid = pid * 10 + (name[i] - '0');
	}
	return pid;
}

static int
name_is(const char *name, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(name, s, len) == 0;
}

static int
root_lookup(const char *name, size_t len, struct vnode **out)
{
	int pid;

	if (name_is(name, len, "..") || name_is(name, len, ".")) {
		vnode_ref(procfs.root);
		*out = procfs.root;
		return 0;
	}
	if (name_is(name, len, "self")) {
		return node_new(PK_SELF, 0, 0, out);
	}
	for (unsigned i = 0; i < NELEM(sys_files); i++) {
		if (name_is(name, len, sys_files[i].name)) {
			return node_new(PK_SYS, 0, i, out);
		}
	}
	if ((pid = parse_pid(name, len)) > 0 && proc_by_pid(pid) != NULL) {
		return node_new(PK_PIDDIR, pid, 0, out);
	}
	return -LX_ENOENT;
}

/* The open object behind descriptor fd of p, or NULL. */
static struct object *
fd_object(const struct proc *p, int fd)
{
	if (p->state == PROC_ZOMBIE || fd < 0 || fd >= p->fds.cap || p->fds.slots == NULL) {
		return NULL;
	}
	return p->fds.slots[fd].obj;
}

static int
fd_lookup(int pid, const char *name, size_t len, struct vnode **out)
{
	int fd = parse_pid(name, len);
	struct proc *p = proc_by_pid(pid);

	if (fd < 0 || p == NULL || fd_object(p, fd) == NULL) {
		return -LX_ENOENT;
	}
	return node_new(PK_FD, pid, (unsigned)fd, out);
}

static int
procfs_lookup(struct vnode *dir, const char *name, size_t len, struct vnode **out)
{
	struct procfs_node *pn = node_of(dir);

	if (pn->kind == PK_ROOT) {
		return root_lookup(name, len, out);
	}
	if (name_is(name, len, "..") && pn->kind == PK_FDDIR) {
		return node_new(PK_PIDDIR, pn->pid, 0, out);
	}
	if (name_is(name, len, "..")) {
		vnode_ref(procfs.root);
		*out = procfs.root;
		return 0;
	}
	if (proc_by_pid(pn->pid) == NULL) {
		return -LX_ENOENT;
	}
	if (pn->kind == PK_FDDIR) {
		return fd_lookup(pn->pid, name, len, out);
	}
	for (unsigned i = 0; i < NELEM(pid_files); i++) {
		if (name_is(name, len, pid_files[i].name)) {
			if (pid_files[i].type == LX_DT_DIR) {
				return node_new(PK_FDDIR, pn->pid, 0, out);
			}
			return node_new(PK_PID, pn->pid, i, out);
		}
	}
	return -LX_ENOENT;
}

/* Formats vn's text into buf (PROCFS_BUF): its length, or -LX_ESRCH for a gone process. */
static long
node_text(const struct vnode *vn, char *buf)
{
	struct procfs_node *pn = node_of(vn);
	struct proc *p;
	unsigned long irq;
	size_t n;

	/* No preemption while a process is looked at: it cannot be freed under us. */
	irq = arch_irq_save();
	if (pn->kind == PK_SYS) {
		n = sys_files[pn->idx].fmt(buf, PROCFS_BUF);
	} else if ((p = proc_by_pid(pn->pid)) != NULL) {
		n = pid_files[pn->idx].fmt(buf, PROCFS_BUF, p);
	} else {
		arch_irq_restore(irq);
		return -LX_ESRCH;
	}
	arch_irq_restore(irq);
	return (long)(n < PROCFS_BUF ? n : PROCFS_BUF - 1);
}

static long
procfs_read(struct vnode *vn, void *buf, size_t n, uint64_t off)
{
	char *text;
	long len;

	if ((text = kmalloc(PROCFS_BUF)) == NULL) {
		return -LX_ENOMEM;
	}
	len = node_text(vn, text);
	if (len >= 0) {
		if (off >= (uint64_t)len) {
			len = 0;
		} else {
			len = (long)((uint64_t)len - off < n ? (uint64_t)len - off : n);
			memcpy(buf, text + off, (size_t)len);
		}
	}
	kfree(text);
	return len;
}

/* A /proc vnode's path: they are made per lookup, so the walk would never meet one. */
static long
own_path(const struct proc *p, const struct vnode *vn, char *tmp)
{
	const struct procfs_node *pn = node_of(vn);
	struct vfs_ctx at = { p->vfs.root, procfs.root, 0 };
	long len = vfs_getcwd(&at, tmp, 256);	/* where /proc is mounted */

	if (len <= 0 || pn->kind == PK_ROOT) {
		return len > 0 ? len - 1 : len;
	}
	len--;
	switch (pn->kind) {
	case PK_SELF:
		return len + fmt_snprintf(tmp + len, 256 - (size_t)len, "/self");
	case PK_SYS:
		return len + fmt_snprintf(tmp + len, 256 - (size_t)len, "/%s",
		    sys_files[pn->idx].name);
	case PK_PIDDIR:
		return len + fmt_snprintf(tmp + len, 256 - (size_t)len, "/%d", pn->pid);
	case PK_FDDIR:
		return len + fmt_snprintf(tmp + len, 256 - (size_t)len, "/%d/fd", pn->pid);
	case PK_FD:
		return len + fmt_snprintf(tmp + len, 256 - (size_t)len, "/%d/fd/%u", pn->pid,
		    pn->idx);
	default:
		return len + fmt_snprintf(tmp + len, 256 - (size_t)len, "/%d/%s", pn->pid,
		    pid_files[pn->idx].name);
	}
}

/* /proc/N/fd/M: the file's path, pipe:[ino], or anon_inode:[type]. */
static long
fd_target(const struct proc *p, int fd, char *tmp)
{
	struct object *o = fd_object(p, fd);
	struct vnode *vn;

	if (o == NULL) {
		return -LX_ENOENT;
	}
	if (o->type == RX_OBJ_FILE) {
		vn = ((struct file *)o)->vn;
		if (vn->fs == &procfs) {
			return own_path(p, vn, tmp);
		}
		return procfs_vnode_path(&p->vfs, vn, tmp, 256);
	}
	if (o->type == RX_OBJ_PIPE) {
		return fmt_snprintf(tmp, 256, "pipe:[%llu]",
		    (unsigned long long)pipe_ino(((struct pipe_end *)o)->pipe));
	}
	return fmt_snprintf(tmp, 256, "anon_inode:[%d]", (int)o->type);
}

/* A symlink's target into tmp (256 bytes): its length, or -LX_ENOENT. */
static long
link_target(const struct procfs_node *pn, char *tmp)
{
	struct proc *p;
	unsigned long irq;
	long len = -LX_ENOENT;

	if (pn->kind == PK_SELF) {
		return fmt_snprintf(tmp, 256, "%d", curproc()->pid);
	}
	/* No preemption: the process cannot go away while its tables are read. */
	irq = arch_irq_save();
	if ((p = proc_by_pid(pn->pid)) == NULL || p->state == PROC_ZOMBIE) {
		len = -LX_ENOENT;
	} else if (pn->kind == PK_FD) {
		len = fd_target(p, (int)pn->idx, tmp);
	} else if (strcmp(pid_files[pn->idx].name, "cwd") == 0) {
		len = procfs_vnode_path(&p->vfs, p->vfs.cwd, tmp, 256);
	} else if (p->exe[0] != '\0') {
		len = (long)strlcpy(tmp, p->exe, 256);
	}
	arch_irq_restore(irq);
	return len;
}

static long
procfs_readlink(struct vnode *vn, char *buf, size_t n)
{
	char tmp[256];
	long len;

	if ((len = link_target(node_of(vn), tmp)) < 0) {
		return len;
	}
	len = (size_t)len < n ? len : (long)n;
	memcpy(buf, tmp, (size_t)len);
	return len;
}

static void
dirent_set(struct vfs_dirent *d, uint64_t ino, uint8_t type, const char *name)
{
	d->ino = ino;
	d->type = type;
	d->namelen = (uint16_t)strlcpy(d->name, name, sizeof(d->name));
}

/* Root cookies: 0 self, 1 .. the system files, then 1000 + the pid after the last one shown. */
static int
root_readdir(uint64_t *cookie, struct vfs_dirent *out)
{
	char name[16];
	struct proc *p;

	if (*cookie == 0) {
		dirent_set(out, INO_SYS + NELEM(sys_files), LX_DT_LNK, "self");
		*cookie = 1;
		return 1;
	}
	if (*cookie <= NELEM(sys_files)) {
		dirent_set(out, INO_SYS + *cookie - 1, LX_DT_REG, sys_files[*cookie - 1].name);
		*cookie += 1;
		return 1;
	}
	if (*cookie < 1000) {
		*cookie = 1000;
	}
	if ((p = proc_next((int)(*cookie - 1000))) == NULL) {
		return 0;
	}
	fmt_snprintf(name, sizeof(name), "%d", p->pid);
	dirent_set(out, INO_PID + (uint64_t)p->pid * 16, LX_DT_DIR, name);
	*cookie = 1000 + (uint64_t)p->pid;
	return 1;
}

/* /proc/N/fd: cookie is the next descriptor to look at. */
static int
fd_readdir(int pid, uint64_t *cookie, struct vfs_dirent *out)
{
	struct proc *p = proc_by_pid(pid);
	char name[16];

	for (; p != NULL && *cookie < FD_TABLE_MAX; (*cookie)++) {
		if (fd_object(p, (int)*cookie) != NULL) {
			fmt_snprintf(name, sizeof(name), "%d", (int)*cookie);
			dirent_set(out, INO_FD + (uint64_t)pid * 4096 + *cookie, LX_DT_LNK, name);
			(*cookie)++;
			return 1;
		}
	}
	return 0;
}

static int
procfs_readdir(struct vnode *dir, uint64_t *cookie, struct vfs_dirent *out)
{
	struct procfs_node *pn = node_of(dir);
	unsigned i = (unsigned)*cookie;

	if (pn->kind == PK_ROOT) {
		return root_readdir(cookie, out);
	}
	if (pn->kind == PK_FDDIR) {
		return fd_readdir(pn->pid, cookie, out);
	}
	if (i >= NELEM(pid_files) || proc_by_pid(pn->pid) == NULL) {
		return 0;
	}
	dirent_set(out, dir->ino + 1 + i, pid_files[i].type, pid_files[i].name);
	*cookie = i + 1;
	return 1;
}

static void
procfs_release(struct vnode *vn)
{
	if (vn != procfs.root) {
		kfree(vn);
	}
}

static const struct vnode_ops procfs_ops = {
	.lookup = procfs_lookup,
	.read = procfs_read,
	.readlink = procfs_readlink,
	.readdir = procfs_readdir,
	.release = procfs_release,
};

int
procfs_mount(const struct vfs_ctx *ctx, const char *path)
{
	struct vnode *mp, *root;
	int r;

	vfs_fs_init(&procfs, "proc");
	if ((r = node_new(PK_ROOT, 0, 0, &root)) != 0) {
		return r;
	}
	root->mode = LX_S_IFDIR | 0555;
	root->nlink = 2;
	root->ino = 1;
	procfs.root = root;
	r = vfs_mkdir(ctx, NULL, path, 0555);
	if (r != 0 && r != -LX_EEXIST) {
		return r;
	}
	if ((r = vfs_lookup(ctx, NULL, path, VFS_FOLLOW | VFS_DIRECTORY, &mp)) != 0) {
		return r;
	}
	r = vfs_mount(mp, &procfs);
	vnode_unref(mp);
	return r;
}
