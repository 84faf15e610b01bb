/* proc.h - kernel: processes (address space + descriptors + threads), user copies, exec */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_PROC_PROC_H
#define RUSTUX_PROC_PROC_H

#include <stddef.h>
#include <stdint.h>

#include "abi/linux/resource.h"
#include "abi/linux/signal.h"
#include "arch/x86_64/x86.h"
#include "fs/vfs.h"
#include "object/fd.h"
#include "object/object.h"
#include "proc/uvm.h"
#include "sched/sched.h"

#define PROC_COMM	16

enum proc_state { PROC_ALIVE, PROC_ZOMBIE };

struct proc {
	struct object		 obj;		/* RX_OBJ_PROCESS */
	int			 pid;
	int			 pgid;		/* process group (fork inherits; setpgid) */
	int			 sid;		/* session (fork inherits; setsid) */
	enum proc_state		 state;
	int			 wstatus;	/* Linux wait status once a zombie */
	struct proc		*parent;
	struct proc		*children;	/* first child */
	struct proc		*sibling;
	struct proc		*all_next;
	struct aspace		*as;
	struct fd_table		 fds;
	struct vfs_ctx		 vfs;
	struct thread		*thread;	/* the first live thread (signals wake it) */
	struct thread		*threads;	/* every live thread, linked by peer */
	int			 nthreads;
	int			 group_exit;	/* exit_group or a fatal signal: every thread ends */
	int			 exit_status;	/* the wait status once group_exit */
	struct waitq		 child_wait;
	struct lx_sigaction	 sigact[64];
	int			 killed;	/* a fatal signal is being acted on: exit at the next chance */
	uint64_t		 pending;	/* process-directed signals waiting for a thread (each has its own too) */
	int			 stopped;	/* a stop signal stopped the process: threads park (proc/signal.c) */
	int			 report_stop;	/* the stop signal wait4(WUNTRACED) has still to report, or 0 */
	int			 report_cont;	/* a SIGCONT wait4(WCONTINUED) has still to report */
	int			 stop_sig;	/* a stop that not every thread has reached yet, or 0 */
	int			 parked;	/* threads parked by the stop */
	struct waitq		 stop_wait;	/* stopped threads sleep here until SIGCONT or SIGKILL */
	struct thread		*exec_thread;	/* execve in a threaded process: the others exit */
	struct waitq		 exec_wait;	/* ... and the execing thread waits here for that */
	char			 comm[PROC_COMM];
	char			 exe[256];	/* the image's path, for /proc/N/exe */
	char			 args[256];	/* argv, each ended by a NUL (cut), for /proc/N/cmdline */
	size_t			 args_len;
	struct lx_rlimit	 rlim[LX_RLIM_NLIMITS];	/* fork copies, execve keeps (linux/sys_limits.c) */
};

/* The root and console everyone starts from. */
extern struct vfs_ctx proc_root_ctx;

static inline struct proc *
curproc(void)
{
	return current->proc;
}

/* The syscall frame at the top of the current thread's kernel stack. */
static inline struct trapframe *
current_tf(void)
{
	return (struct trapframe *)(current->kstack_top - sizeof(struct trapframe));
}

/* User copies: 0 or -LX_EFAULT. strncpy: the length, -LX_EFAULT, -LX_ENAMETOOLONG. */
int	copyin(void *dst, uint64_t usrc, size_t n);
int	copyout(uint64_t udst, const void *src, size_t n);
long	copyinstr(char *dst, uint64_t usrc, size_t n);

/* Starts path as PID 1 with the console on fds 0-2; 0 or -errno. */
int	proc_start_init(const char *path);
/* The Linux personality's lifecycle calls. */
__attribute__((noreturn)) void proc_exit(int wstatus);
long	proc_fork(uint64_t flags, uint64_t stack, uint64_t ctid);
/* clone(CLONE_VM|CLONE_THREAD|...): a new thread in the caller's process; its tid or -errno. */
long	proc_clone_thread(uint64_t flags, uint64_t stack, uint64_t ptid, uint64_t ctid,
	    uint64_t tls);
/* exit(2): ends the calling thread; the process ends with its last thread. */
__attribute__((noreturn)) void proc_thread_exit(int wstatus);
/* Futexes (private: keyed by address space and address). */
long	futex_wait(uint64_t uaddr, uint32_t val, uint64_t timeout_ns);
long	futex_wake(uint64_t uaddr, int n);
long	futex_requeue(uint64_t uaddr, int n, uint64_t uaddr2, int n2);
/*
 * The calling thread's robust futex list (set_robust_list), walked as it
 * exits or execs: each lock its tid holds gets FUTEX_OWNER_DIED and one
 * waiter is woken. The list is forgotten after.
 */
void	futex_robust_exit(void);
/* Resource limits: Linux's defaults for init, the parent's for a fork (linux/sys_limits.c). */
void	proc_limits_init(struct proc *p, const struct proc *parent);
long	proc_wait(int pid, uint64_t ustatus, int options);
struct proc *proc_by_pid(int pid);
/* The live process one of whose threads has Linux tid tid, or NULL. */
struct proc *proc_by_tid(int tid);
/* The process with the smallest pid above pid, or NULL (/proc's listing). */
struct proc *proc_next(int pid);
int	proc_count(void);
/*
 * kill(2): pid > 0 one process, 0 the caller's group, -1 every process but
 * init and the caller, < -1 the group -pid. Fatal signals end the target,
 * ignored ones do nothing, handled ones are made pending. The console tty
 * sends ^C as proc_kill(-fg, SIGINT); proc_signal_pgrp() says the same.
 */
long	proc_kill(int pid, int sig);
long	proc_signal_pgrp(int pgid, int sig);
/* Process groups and sessions: setpgid(2), setsid(2) semantics; 0 or -errno. */
long	proc_setpgid(int pid, int pgid);
long	proc_setsid(void);
/* Whether any live process is in group pgid (of session sid, when sid > 0). */
int	proc_pgrp_exists(int pgid, int sid);
/*
 * A terminal read by a process outside the terminal's foreground group fg
 * in the same session: SIGTTIN to its group and -EINTR (the read runs again
 * once continued), or -EIO when SIGTTIN is ignored or blocked or the group is
 * orphaned; 0 when the read may go on (no job control, or the foreground).
 */
int	proc_tty_bg_read(int fg);
/*
 * A terminal write with TOSTOP, TIOCSPGRP or TCSETS* by such a process:
 * SIGTTOU to its group and -EINTR (the call runs again once continued), 0
 * when it may go on (SIGTTOU ignored or blocked too), -EIO for an orphaned
 * group.
 */
int	proc_tty_bg_change(int fg);
/*
 * A stop is complete once every thread has parked (Linux's group stop):
 * only then do wait4(WUNTRACED) and the parent's SIGCHLD learn of it.
 * Called when a thread parks and when one exits.
 */
void	proc_stop_settle(struct proc *p);
/* Exits now if a fatal signal is pending (syscall and interrupt return). */
void	proc_check_killed(void);
/*
 * Sends sig to process p: to thread th when th is not NULL (tkill, tgkill),
 * else to any of its threads that does not block it. SIGKILL ends it,
 * SIGCONT continues it, a stop signal's default action stops it; others
 * wait in a pending set until a thread returns to user mode.
 */
void	proc_send_signal(struct proc *p, struct thread *th, int sig);
/* The live thread with Linux tid tid (its process in *pp), or NULL. */
struct thread *proc_thread_by_tid(int tid, struct proc **pp);
/* execve: ends every other thread of the process; 0, or -errno if this one must end instead. */
int	proc_dethread(void);
/* On the way back to user mode: exits for a fatal signal or starts a handler. */
void	proc_deliver_signals(struct trapframe *tf);
/* A user fault with a handler for sig: 0 with the handler's frame pushed, else -1. */
int	proc_fault_signal(struct trapframe *tf, int sig, uint64_t addr);
/* Blocking loops: a pending fatal signal interrupts them (-EINTR). */
static inline int
proc_interrupted(void)
{
	struct proc *p = current->proc;

	if (p == NULL) {
		return 0;
	}
	return p->killed != 0 || p->stopped != 0 ||
	    (p->exec_thread != NULL && p->exec_thread != current) ||
	    ((p->pending | current->sigpending) & ~current->sigmask) != 0;
}
/* Replaces the current image: 0 (tf set up) or -errno (the old image intact). */
int	proc_execve(const char *path, char *const *argv, char *const *envp);

#endif
