/* proc.c - kernel: process objects: PID 1, fork, exit, wait, execve */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/fcntl.h"
#include "abi/linux/process.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "fs/file.h"
#include "kernel/bootstamp.h"
#include "kernel/printk.h"
#include "lib/kalloc.h"
#include "lib/string.h"
#include "linux/exec_plan.h"
#include "mm/pmm.h"
#include "proc/exec_load.h"
#include "proc/proc.h"

#define MSR_FS_BASE	0xc0000100u

void	user_return(void);
void	thread_fpu_reset(struct thread *t);

struct vfs_ctx proc_root_ctx;
static struct proc *all_procs;
static struct proc *init_proc;
static int next_pid = 1;

static void
proc_destroy(struct object *o)
{
	struct proc *p = OBJECT_CONTAINER(o, struct proc, obj);

	for (struct proc **pp = &all_procs; *pp != NULL; pp = &(*pp)->all_next) {
		if (*pp == p) {
			*pp = p->all_next;
			break;
		}
	}
	kfree(p);
}

static const struct object_ops proc_ops = { proc_destroy };

static struct proc *
proc_new(struct proc *parent)
{
	struct proc *p = kzalloc(sizeof(*p));

	if (p == NULL) {
		return NULL;
	}
	object_init(&p->obj, RX_OBJ_PROCESS, &proc_ops);
	fd_table_init(&p->fds, 0);
	waitq_init(&p->child_wait);
	waitq_init(&p->stop_wait);
	waitq_init(&p->exec_wait);
	unsigned long irq = arch_irq_save();
	p->pid = next_pid++;
	p->parent = parent;
	p->pgid = parent != NULL ? parent->pgid : p->pid;
	p->sid = parent != NULL ? parent->sid : p->pid;
	if (parent != NULL) {
		p->sibling = parent->children;
		parent->children = p;
	}
	p->all_next = all_procs;
	all_procs = p;
	arch_irq_restore(irq);
	proc_limits_init(p, parent);
	return p;
}

int
proc_count(void)
{
	int n = 0;

	for (struct proc *p = all_procs; p != NULL; p = p->all_next) {
		n++;
	}
	return n;
}

struct proc *
proc_by_pid(int pid)
{
	for (struct proc *p = all_procs; p != NULL; p = p->all_next) {
		if (p->pid == pid) {
			return p;
		}
	}
	return NULL;
}

struct proc *
proc_next(int pid)
{
	struct proc *best = NULL;

	for (struct proc *p = all_procs; p != NULL; p = p->all_next) {
		if (p->pid > pid && (best == NULL || p->pid < best->pid)) {
			best = p;
		}
	}
	return best;
}

/* Records the image path (absolute, as Linux shows it) and argv for /proc. */
static void
set_exe_args(struct proc *p, const char *path, char *const *argv)
{
	size_t n = 0, len;

	p->exe[0] = '\0';
	if (path[0] != '/' && vfs_getcwd(&p->vfs, p->exe, sizeof(p->exe)) > 0 &&
	    strcmp(p->exe, "/") != 0) {
		strlcpy(p->exe + strlen(p->exe), "/", sizeof(p->exe) - strlen(p->exe));
	}
	strlcpy(p->exe + strlen(p->exe), path, sizeof(p->exe) - strlen(p->exe));
	for (size_t i = 0; argv != NULL && argv[i] != NULL && n < sizeof(p->args); i++) {
		len = strlen(argv[i]) + 1;
		if (len > sizeof(p->args) - n) {
			len = sizeof(p->args) - n;
		}
		memcpy(p->args + n, argv[i], len);
		n += len;
	}
	p->args_len = n;
}

static void
set_comm(struct proc *p, const char *path)
{
	const char *b = path;

	for (const char *s = path; *s != '\0'; s++) {
		if (*s == '/') {
			b = s + 1;
		}
	}
	strlcpy(p->comm, b, PROC_COMM);
}

static int execve_at_depth(const char *path, char *const *argv, char *const *envp, int depth,
    const char *name);

/* "#!interp [arg]": runs interp with the script as its argument; name stays the comm. */
static int
exec_script(const struct exec_script *s, const char *path, char *const *argv,
    char *const *envp, int depth, const char *name)
{
	const char **nargv;
	int rc;

	if (depth >= EXEC_MAX_SCRIPT_DEPTH) {
		return -LX_ELOOP;
	}
	if ((nargv = kmalloc(sizeof(char *) * 260)) == NULL) {
		return -LX_ENOMEM;
	}
	rc = exec_script_argv(s, path, (const char *const *)argv, nargv, 260);
	if (rc >= 0) {
		rc = execve_at_depth(s->interp, (char *const *)nargv, envp, depth + 1, name);
	}
	kfree(nargv);
	return rc;
}

int
proc_execve(const char *path, char *const *argv, char *const *envp)
{
	return execve_at_depth(path, argv, envp, 0, path);
}

/*
 * name is the file execve was asked to run: the process's comm, as Linux
 * takes it from the script, not its interpreter (ps shows "{x.sh} sh x.sh").
 */
static int
execve_at_depth(const char *path, char *const *argv, char *const *envp, int depth,
    const char *name)
{
	struct proc *p = curproc();
	struct exec_script *script;
	struct trapframe *tf = current_tf();
	struct aspace *as, *old;
	struct exec_file x;
	uint64_t entry, rsp;
	int rc;

	if ((rc = exec_file_open(path, &x)) != 0) {
		return rc;
	}
	if (x.head[0] == '#' && x.head[1] == '!') {
		if ((script = kmalloc(sizeof(*script))) == NULL) {
			rc = -LX_ENOMEM;
		} else if ((rc = exec_script_parse((const char *)x.head,
		    x.have < EXEC_SCRIPT_MAX ? x.have : EXEC_SCRIPT_MAX, script)) == 1) {
			exec_file_close(&x);
			rc = exec_script(script, path, argv, envp, depth, name);
			kfree(script);
			return rc;
		}
		kfree(script);
		exec_file_close(&x);
		return rc < 0 ? rc : -LX_ENOEXEC;
	}
	rc = exec_load_image(&x, path, argv, envp, &as, &entry, &rsp);
	exec_file_close(&x);
	if (rc == 0 && (rc = proc_dethread()) != 0) {
		as_destroy(as);
	}
	if (rc != 0) {
		return rc;
	}
	futex_robust_exit();	/* the old image's robust locks, while it is still mapped */
	arch_irq_disable();
	old = p->as;
	p->as = as;
	current->cr3 = as->pml4;
	write_cr3(as->pml4);
	arch_irq_enable();
	if (old != NULL) {
		as_destroy(old);
	}
	fd_close_on_exec(&p->fds);
	set_comm(p, name);
	set_exe_args(p, path, argv);
	for (int i = 0; i < 64; i++) {
		if (p->sigact[i].handler > 1) {	/* handled: back to SIG_DFL */
			memset(&p->sigact[i], 0, sizeof(p->sigact[i]));
		}
	}
	current->altstack_sp = current->altstack_size = 0;	/* the old image's stack is gone */
	memset(tf, 0, sizeof(*tf));
	tf->rip = entry;
	tf->rsp = rsp;
	tf->rflags = 0x202;
	tf->cs = 0x23;
	tf->ss = 0x1b;
	current->fs_base = 0;
	wrmsr(MSR_FS_BASE, 0);
	thread_fpu_reset(current);
	return 0;
}

static int
open_console(struct proc *p)
{
	struct vnode *vn;
	struct file *f;
	int rc;

	if ((rc = vfs_open(&p->vfs, NULL, "/dev/console", LX_O_RDWR, 0, &vn)) != 0) {
		return rc;
	}
	rc = file_open(vn, LX_O_RDWR, &f);
	vnode_unref(vn);
	if (rc != 0) {
		return rc;
	}
	for (int i = 0; i < 3 && rc >= 0; i++) {
		rc = fd_alloc(&p->fds, &f->obj, 0, 0);
	}
	object_unref(&f->obj);
	return rc < 0 ? rc : 0;
}

static char init_path[256];

static void
init_thread(void *arg)
{
	struct proc *p = arg;
	char *argv[2] = { init_path, NULL };
	char *envp[3] = { "HOME=/", "PATH=/bin:/sbin:/test", NULL };
	int rc;

	current->proc = p;
	p->thread = p->threads = current;
	p->nthreads = 1;
	if ((rc = proc_execve(init_path, argv, envp)) != 0) {
		kprintf("RUSTUX: cannot start %s: error %d\n", init_path, -rc);
		arch_poweroff(1);
	}
	kprintf("RUSTUX: started %s as pid %d\n", init_path, p->pid);
	boot_stamp("init-started");
	arch_irq_disable();
	__asm__ volatile("movq %0, %%rsp; jmp user_return" : : "r"(current_tf()) : "memory");
	__builtin_unreachable();
}

int
proc_start_init(const char *path)
{
	struct proc *p = proc_new(NULL);
	int rc;

	if (p == NULL) {
		return -LX_ENOMEM;
	}
	p->vfs = proc_root_ctx;
	vnode_ref(p->vfs.root);
	vnode_ref(p->vfs.cwd);
	if ((rc = open_console(p)) != 0) {
		return rc;
	}
	strlcpy(init_path, path, sizeof(init_path));
	init_proc = p;
	set_comm(p, path);
	return thread_create_kernel("init", init_thread, p) != NULL ? 0 : -LX_ENOMEM;
}

/* CLONE_CHILD_CLEARTID / set_tid_address: zero the word and wake one joiner. */
static void
clear_child_tid(void)
{
	uint32_t zero = 0;

	if (current->clear_tid != 0 && current->proc->as != NULL &&
	    copyout(current->clear_tid, &zero, sizeof(zero)) == 0) {
		futex_wake(current->clear_tid, 1);
	}
	current->clear_tid = 0;
}

/* Unlinks current from its process; 1 if it was the last thread. */
static int
unlink_thread(struct proc *p)
{
	for (struct thread **tp = &p->threads; *tp != NULL; tp = &(*tp)->peer) {
		if (*tp == current) {
			*tp = current->peer;
			break;
		}
	}
	current->peer = NULL;
	p->thread = p->threads;
	return --p->nthreads <= 0;
}

static __attribute__((noreturn)) void proc_exit_last(int wstatus);

void
proc_thread_exit(int wstatus)
{
	struct proc *p = curproc();

	futex_robust_exit();
	clear_child_tid();
	arch_irq_disable();
	if (!unlink_thread(p)) {
		if (p->exec_thread != NULL) {
			waitq_wake_all(&p->exec_wait);
		}
		proc_stop_settle(p);	/* the others may all be parked now */
		current->proc = NULL;
		thread_exit();	/* the others go on */
	}
	arch_irq_enable();
	proc_exit_last(p->group_exit ? p->exit_status : wstatus);
}

void
proc_exit(int wstatus)
{
	struct proc *p = curproc();

	arch_irq_disable();
	if (!p->group_exit) {
		p->group_exit = 1;
		p->exit_status = wstatus;
	}
	for (struct thread *t = p->threads; t != NULL; t = t->peer) {
		if (t != current) {
			if (p->killed == 0) {
				p->killed = LX_SIGKILL;	/* makes the others leave at once */
			}
			sched_interrupt(t);
		}
	}
	arch_irq_enable();
	proc_thread_exit(wstatus);
}

static int	pgrp_orphaned(int pgid, int sid);

/* Whether a live member of group pgid is stopped. */
static int
pgrp_stopped(int pgid)
{
	for (struct proc *t = all_procs; t != NULL; t = t->all_next) {
		if (t->state != PROC_ZOMBIE && t->pgid == pgid && t->stopped) {
			return 1;
		}
	}
	return 0;
}

/*
 * POSIX: a process group that p's exit leaves orphaned (its own, or one of
 * its children's, now init's) with a stopped member gets SIGHUP, then
 * SIGCONT: nobody is left to continue it. Call with interrupts disabled.
 */
static void
hangup_orphans(const struct proc *p)
{
	for (struct proc *t = all_procs; t != NULL; t = t->all_next) {
		if (t->state == PROC_ZOMBIE || (t->pgid != p->pgid && t->parent != init_proc)) {
			continue;
		}
		if (pgrp_stopped(t->pgid) && pgrp_orphaned(t->pgid, t->sid)) {
			proc_kill(-t->pgid, LX_SIGHUP);
			proc_kill(-t->pgid, LX_SIGCONT);
		}
	}
}

static void
proc_exit_last(int wstatus)
{
	struct proc *p = curproc(), *c;
	struct aspace *old;

	if (p == init_proc) {
		kprintf("RUSTUX: init exited with status %d\n", wstatus);
		arch_poweroff(wstatus != 0);
	}
	fd_table_destroy(&p->fds);
	vnode_unref(p->vfs.root);
	vnode_unref(p->vfs.cwd);
	arch_irq_disable();
	current->cr3 = sched_kernel_cr3();
	write_cr3(current->cr3);
	old = p->as;
	p->as = NULL;
	arch_irq_enable();
	as_destroy(old);
	arch_irq_disable();
	while ((c = p->children) != NULL) {
		p->children = c->sibling;
		c->parent = init_proc;
		c->sibling = init_proc->children;
		init_proc->children = c;
	}
	if (init_proc->children != NULL) {
		waitq_wake_all(&init_proc->child_wait);
	}
	p->wstatus = wstatus;
	p->state = PROC_ZOMBIE;
	p->thread = NULL;
	p->stopped = p->report_stop = p->report_cont = p->stop_sig = 0;
	current->proc = NULL;
	if (p->parent != NULL) {
		proc_send_signal(p->parent, NULL, LX_SIGCHLD);	/* ignored unless it has a handler */
		waitq_wake_all(&p->parent->child_wait);
	}
	hangup_orphans(p);
	thread_exit();
}

long
proc_fork(uint64_t flags, uint64_t stack, uint64_t ctid)
{
	struct proc *p = curproc(), *c;
	struct thread *t;
	struct trapframe *tf;

	if ((c = proc_new(p)) == NULL) {
		return -LX_ENOMEM;
	}
	c->vfs = p->vfs;
	vnode_ref(c->vfs.root);
	vnode_ref(c->vfs.cwd);
	memcpy(c->comm, p->comm, sizeof(c->comm));
	memcpy(c->exe, p->exe, sizeof(c->exe));
	memcpy(c->args, p->args, p->args_len);
	c->args_len = p->args_len;
	memcpy(c->sigact, p->sigact, sizeof(c->sigact));
	if ((c->as = as_clone(p->as)) == NULL || fd_table_clone(&c->fds, &p->fds) != 0 ||
	    (t = thread_alloc("user")) == NULL) {
		/* Dies as a zombie its parent reaps: simpler than unwinding. */
		if (c->as != NULL) {
			as_destroy(c->as);
			c->as = NULL;
		}
		fd_table_destroy(&c->fds);
		vnode_unref(c->vfs.root);
		vnode_unref(c->vfs.cwd);
		c->state = PROC_ZOMBIE;
		c->wstatus = LX_SIGKILL;
		return -LX_ENOMEM;
	}
	t->proc = c;
	t->sigmask = current->sigmask;
	t->altstack_sp = current->altstack_sp;	/* fork keeps it; a new thread starts without */
	t->altstack_size = current->altstack_size;
	t->cr3 = c->as->pml4;
	c->thread = c->threads = t;
	c->nthreads = 1;
	if (flags & LX_CLONE_CHILD_CLEARTID) {
		t->clear_tid = ctid;
	}
	tf = (struct trapframe *)(t->kstack_top - sizeof(*tf));
	*tf = *current_tf();
	tf->rax = 0;
	if (stack != 0) {
		tf->rsp = stack;
	}
	__asm__ volatile("fxsave64 (%0)" : : "r"(t->fpu) : "memory");
	t->fs_base = rdmsr(MSR_FS_BASE);
	if (flags & LX_CLONE_CHILD_SETTID) {
		int32_t pid = c->pid;

		as_write(c->as, ctid, &pid, sizeof(pid));
	}
	thread_set_entry(t, (uint64_t)tf, user_return);
	sched_make_runnable(t);
	return c->pid;
}

/* wait4's pid: > 0 that child, -1 any, 0 the caller's group, < -1 the group -pid. */
static int
wait_match(const struct proc *c, const struct proc *p, int pid)
{
	if (pid > 0) {
		return c->pid == pid;
	}
	if (pid == -1) {
		return 1;
	}
	return c->pgid == (pid == 0 ? p->pgid : -pid);
}

struct thread *
proc_thread_by_tid(int tid, struct proc **pp)
{
	for (struct proc *p = all_procs; p != NULL; p = p->all_next) {
		if (p->state == PROC_ZOMBIE) {
			continue;
		}
		for (struct thread *t = p->threads; t != NULL; t = t->peer) {
			if ((t->lx_tid != 0 ? t->lx_tid : p->pid) == tid) {
				*pp = p;
				return t;
			}
		}
	}
	return NULL;
}

struct proc *
proc_by_tid(int tid)
{
	struct proc *p;

	return proc_thread_by_tid(tid, &p) != NULL ? p : NULL;
}

/* execve's de_thread: the other threads exit (at their next return to user mode). */
int
proc_dethread(void)
{
	struct proc *p = curproc();
	unsigned long irq = arch_irq_save();

	if (p->nthreads > 1 || p->exec_thread != NULL) {
		if (p->exec_thread != NULL || p->group_exit || p->killed != 0) {
			arch_irq_restore(irq);
			return -LX_EAGAIN;	/* another exec or an exit won: this thread ends */
		}
		p->exec_thread = current;
		for (struct thread *t = p->threads; t != NULL; t = t->peer) {
			if (t != current) {
				sched_interrupt(t);
			}
		}
		while (p->nthreads > 1 && p->killed == 0) {
			waitq_sleep(&p->exec_wait);
		}
		p->exec_thread = NULL;
		if (p->killed != 0) {
			arch_irq_restore(irq);
			return -LX_EINTR;
		}
	}
	current->lx_tid = 0;	/* the execing thread takes the pid, as on Linux */
	p->thread = p->threads = current;
	arch_irq_restore(irq);
	return 0;
}

long
proc_clone_thread(uint64_t flags, uint64_t stack, uint64_t ptid, uint64_t ctid, uint64_t tls)
{
	const uint64_t need = LX_CLONE_VM | LX_CLONE_SIGHAND | LX_CLONE_THREAD;
	struct proc *p = curproc();
	struct trapframe *tf;
	struct thread *t;
	int32_t tid;

	if ((flags & need) != need || !(flags & LX_CLONE_FS) || !(flags & LX_CLONE_FILES) ||
	    ((flags & LX_CLONE_SETTLS) && tls >= USER_TOP)) {
		return -LX_EINVAL;	/* only the shape pthread_create uses */
	}
	if (p->group_exit) {
		return -LX_EAGAIN;
	}
	if ((t = thread_alloc("user")) == NULL) {
		return -LX_ENOMEM;
	}
	unsigned long irq = arch_irq_save();
	tid = next_pid++;
	arch_irq_restore(irq);
	if ((flags & LX_CLONE_PARENT_SETTID) && copyout(ptid, &tid, sizeof(tid)) != 0) {
		thread_free(t);
		return -LX_EFAULT;
	}
	if (flags & LX_CLONE_CHILD_SETTID) {
		(void)copyout(ctid, &tid, sizeof(tid));
	}
	t->proc = p;
	t->sigmask = current->sigmask;
	t->cr3 = p->as->pml4;
	t->lx_tid = tid;
	t->clear_tid = (flags & LX_CLONE_CHILD_CLEARTID) ? ctid : 0;
	tf = (struct trapframe *)(t->kstack_top - sizeof(*tf));
	*tf = *current_tf();
	tf->rax = 0;
	if (stack != 0) {
		tf->rsp = stack;
	}
	__asm__ volatile("fxsave64 (%0)" : : "r"(t->fpu) : "memory");
	t->fs_base = (flags & LX_CLONE_SETTLS) ? tls : rdmsr(MSR_FS_BASE);
	irq = arch_irq_save();
	t->peer = p->threads;
	p->threads = t;
	p->nthreads++;
	arch_irq_restore(irq);
	thread_set_entry(t, (uint64_t)tf, user_return);
	sched_make_runnable(t);
	return tid;
}

/* A live child's stop (WUNTRACED) or continue (WCONTINUED) status, taken once; 0 for none. */
static int
wait_report(struct proc *c, int options)
{
	int st = 0;

	if ((options & LX_WUNTRACED) && c->report_stop != 0) {
		st = LX_W_STOPCODE(c->report_stop);
		if (!(options & LX_WNOWAIT)) {
			c->report_stop = 0;
		}
	} else if ((options & LX_WCONTINUED) && c->report_cont) {
		st = 0xffff;
		if (!(options & LX_WNOWAIT)) {
			c->report_cont = 0;
		}
	}
	return st;
}

long
proc_wait(int pid, uint64_t ustatus, int options)
{
	struct proc *p = curproc();
	unsigned long irq = arch_irq_save();

	for (;;) {
		struct proc **pp, *c;
		int found = 0, st;

		for (pp = &p->children; (c = *pp) != NULL; pp = &c->sibling) {
			if (!wait_match(c, p, pid)) {
				continue;
			}
			found = 1;
			if (c->state != PROC_ZOMBIE && (st = wait_report(c, options)) != 0) {
				int cpid = c->pid;

				arch_irq_restore(irq);
				if (ustatus != 0 && copyout(ustatus, &st, sizeof(st)) != 0) {
					return -LX_EFAULT;
				}
				return cpid;
			}
			if (c->state == PROC_ZOMBIE) {
				int cpid = c->pid, st = c->wstatus;

				*pp = c->sibling;
				arch_irq_restore(irq);
				object_unref(&c->obj);
				if (ustatus != 0 && copyout(ustatus, &st, sizeof(st)) != 0) {
					return -LX_EFAULT;
				}
				return cpid;
			}
		}
		if (!found) {
			arch_irq_restore(irq);
			return -LX_ECHILD;
		}
		if (options & LX_WNOHANG) {
			arch_irq_restore(irq);
			return 0;
		}
		if (proc_interrupted()) {
			arch_irq_restore(irq);
			return -LX_EINTR;
		}
		waitq_sleep(&p->child_wait);
	}
}

#define SIGBIT(sig)	(1ULL << ((sig) - 1))
#define STOP_SIGS	(SIGBIT(LX_SIGSTOP) | SIGBIT(LX_SIGTSTP) | SIGBIT(LX_SIGTTIN) | SIGBIT(LX_SIGTTOU))

/* Signals whose default action is to do nothing. */
static int
sig_default_ignored(int sig)
{
	return sig == LX_SIGCHLD || sig == LX_SIGCONT || sig == LX_SIGURG || sig == LX_SIGWINCH;
}

/* Drops the pending bits in mask from the process and each of its threads. */
static void
pending_drop(struct proc *t, uint64_t mask)
{
	t->pending &= ~mask;
	for (struct thread *th = t->threads; th != NULL; th = th->peer) {
		th->sigpending &= ~mask;
	}
}

/* SIGCONT: pending stops are dropped and a stopped process runs again (even if it ignores it). */
static void
proc_continue(struct proc *t)
{
	pending_drop(t, STOP_SIGS);
	if (!t->stopped) {
		return;
	}
	t->stopped = 0;
	t->report_stop = 0;
	waitq_wake_all(&t->stop_wait);
	if (t->stop_sig != 0) {
		t->stop_sig = 0;	/* continued before every thread stopped: nothing was reported */
		return;
	}
	t->report_cont = 1;
	if (t->parent != NULL) {
		if (!(t->parent->sigact[LX_SIGCHLD - 1].flags & LX_SA_NOCLDSTOP)) {
			proc_send_signal(t->parent, NULL, LX_SIGCHLD);
		}
		waitq_wake_all(&t->parent->child_wait);
	}
}

/* The thread to wake for a process-directed signal: one that does not block it. */
static struct thread *
signal_target(struct proc *t, uint64_t bit)
{
	if (current->proc == t && !(current->sigmask & bit)) {
		return current;
	}
	for (struct thread *th = t->threads; th != NULL; th = th->peer) {
		if (!(th->sigmask & bit)) {
			return th;
		}
	}
	return NULL;	/* every thread blocks it: it waits in t->pending */
}

void
proc_send_signal(struct proc *t, struct thread *th, int sig)
{
	uint64_t bit = SIGBIT(sig), handler = t->sigact[sig - 1].handler;
	unsigned long irq = arch_irq_save();

	if (t->state == PROC_ZOMBIE) {
		goto out;
	}
	if (sig == LX_SIGKILL) {
		t->killed = LX_SIGKILL;
		for (struct thread *x = t->threads; x != NULL; x = x->peer) {
			if (x != current) {
				sched_interrupt(x);
			}
		}
		goto out;
	}
	if (sig == LX_SIGCONT) {
		proc_continue(t);
	} else if (bit & STOP_SIGS) {
		pending_drop(t, SIGBIT(LX_SIGCONT));
	}
	if (handler == LX_SIG_IGN || (handler == LX_SIG_DFL && sig_default_ignored(sig)) ||
	    (t == init_proc && handler == LX_SIG_DFL)) {
		goto out;	/* ignored; PID 1 gets only the signals it asked for */
	}
	if (th != NULL) {
		th->sigpending |= bit;
	} else {
		t->pending |= bit;
		th = signal_target(t, bit);
	}
	if (th != NULL && th != current && !(th->sigmask & bit)) {
		sched_interrupt(th);
	}
out:
	arch_irq_restore(irq);
}

/* Whether kill(pid) reaches t (pid as kill(2) takes it, 0 already resolved). */
static int
kill_match(const struct proc *t, int pid)
{
	if (t->state == PROC_ZOMBIE) {
		return 0;
	}
	if (pid == -1) {
		return t != init_proc && t != curproc();
	}
	return t->pgid == -pid;
}

long
proc_kill(int pid, int sig)
{
	struct proc *t;
	int n = 0;

	if (sig < 0 || sig > 64) {
		return -LX_EINVAL;
	}
	if (pid > 0) {
		if ((t = proc_by_pid(pid)) == NULL || t->state == PROC_ZOMBIE) {
			return -LX_ESRCH;
		}
		if (sig != 0) {
			proc_send_signal(t, NULL, sig);
		}
		return 0;
	}
	if (pid == 0) {
		if (curproc() == NULL) {
			return -LX_ESRCH;
		}
		pid = -curproc()->pgid;
	}
	if (pid == INT32_MIN) {
		return -LX_ESRCH;
	}
	unsigned long irq = arch_irq_save();
	for (t = all_procs; t != NULL; t = t->all_next) {
		if (kill_match(t, pid)) {
			n++;
			if (sig != 0) {
				proc_send_signal(t, NULL, sig);
			}
		}
	}
	arch_irq_restore(irq);
	return n > 0 ? 0 : -LX_ESRCH;
}

long
proc_signal_pgrp(int pgid, int sig)
{
	return pgid > 0 ? proc_kill(-pgid, sig) : -LX_ESRCH;
}

/*
 * POSIX's orphaned process group: no member has a parent in another group
 * of the same session (nobody left to continue it after a stop).
 */
static int
pgrp_orphaned(int pgid, int sid)
{
	for (struct proc *t = all_procs; t != NULL; t = t->all_next) {
		if (t->state != PROC_ZOMBIE && t->pgid == pgid && t->parent != NULL &&
		    t->parent->state != PROC_ZOMBIE && t->parent->pgid != pgid &&
		    t->parent->sid == sid) {
			return 0;
		}
	}
	return 1;
}

/*
 * Linux's tty_check_change and the read side of job control: a process of
 * the terminal's session outside its foreground group fg. sig is SIGTTIN
 * (a read: ignoring or blocking it gives EIO) or SIGTTOU (a write with
 * TOSTOP, tcsetpgrp, tcsetattr: ignoring or blocking it lets the call go on).
 */
static int
tty_bg_check(int fg, int sig)
{
	struct proc *p = curproc();
	uint64_t bit = 1ULL << (sig - 1);
	int sid = 0;

	if (p == NULL || fg <= 0 || p->pgid == fg) {
		return 0;
	}
	for (struct proc *t = all_procs; t != NULL && sid == 0; t = t->all_next) {
		if (t->state != PROC_ZOMBIE && t->pgid == fg) {
			sid = t->sid;
		}
	}
	if (sid != p->sid) {
		return 0;	/* no foreground group, or another session's: no job control here */
	}
	if (p->sigact[sig - 1].handler == LX_SIG_IGN || (current->sigmask & bit)) {
		return sig == LX_SIGTTIN ? -LX_EIO : 0;
	}
	if (pgrp_orphaned(p->pgid, p->sid)) {
		return -LX_EIO;
	}
	proc_kill(-p->pgid, sig);
	return -LX_EINTR;	/* run again once continued (proc/signal.c restarts it) */
}

int
proc_tty_bg_read(int fg)
{
	return tty_bg_check(fg, LX_SIGTTIN);
}

int
proc_tty_bg_change(int fg)
{
	return tty_bg_check(fg, LX_SIGTTOU);
}

int
proc_pgrp_exists(int pgid, int sid)
{
	for (struct proc *t = all_procs; t != NULL; t = t->all_next) {
		if (t->state != PROC_ZOMBIE && t->pgid == pgid && (sid <= 0 || t->sid == sid)) {
			return 1;
		}
	}
	return 0;
}

long
proc_setpgid(int pid, int pgid)
{
	struct proc *p = curproc(), *t;

	if (pgid < 0) {
		return -LX_EINVAL;
	}
	t = pid == 0 ? p : proc_by_pid(pid);
	if (t == NULL || t->state == PROC_ZOMBIE || (t != p && t->parent != p)) {
		return -LX_ESRCH;
	}
	if (pgid == 0) {
		pgid = t->pid;
	}
	if (t->sid == t->pid || t->sid != p->sid) {
		return -LX_EPERM;	/* a session leader, or another session */
	}
	if (pgid != t->pid && !proc_pgrp_exists(pgid, p->sid)) {
		return -LX_EPERM;
	}
	t->pgid = pgid;
	return 0;
}

long
proc_setsid(void)
{
	struct proc *p = curproc();

	if (p->pgid == p->pid || proc_pgrp_exists(p->pid, 0)) {
		return -LX_EPERM;	/* already a group leader */
	}
	p->sid = p->pgid = p->pid;
	return p->pid;
}

void
proc_check_killed(void)
{
	struct proc *p = curproc();

	if (p != NULL && p->killed != 0) {
		arch_irq_enable();
		proc_exit(p->killed);
	}
}
