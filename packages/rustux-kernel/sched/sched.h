/* sched.h - kernel: threads, the round-robin run queue, wait queues, sleeping */
/* SPDX-License-Identifier: MIT */
/*
 * One CPU. Every thread has its own kernel stack; a switch saves the
 * callee-saved registers on it (arch/x86_64/switch.S), the FPU/SSE state
 * (FXSAVE) and the FS base. The scheduler is round-robin over one FIFO
 * with a 10 ms slice; the boot context becomes the idle thread. Kernel
 * code is preempted only where the thread says it may be (kpreempt):
 * user mode always is. All run queue and wait queue changes happen with
 * interrupts disabled, which is the lock on one CPU.
 */
#ifndef RUSTUX_SCHED_H
#define RUSTUX_SCHED_H

#include <stdint.h>

#include "kernel/timer.h"

#define THREAD_STACK_PAGES	4

enum thread_state { TH_RUNNABLE, TH_RUNNING, TH_BLOCKED, TH_DEAD };

struct proc;
struct waitq;

struct thread {
	uint64_t	 ksp;		/* saved kernel %rsp while switched out */
	uint64_t	 kstack;	/* bottom of the kernel stack (direct map) */
	uint64_t	 kstack_top;
	uint8_t		*fpu;		/* 512-byte FXSAVE area, 16-aligned */
	uint64_t	 fs_base;
	enum thread_state state;
	int		 tid;
	int		 kpreempt;	/* may be preempted in kernel mode */
	int		 wake_reason;	/* 0 woken, 1 timer */
	const char	*name;
	struct proc	*proc;		/* NULL for kernel threads */
	struct thread	*rq_next;	/* run queue or wait queue link */
	struct thread	*all_next;
	struct timer	 sleep_timer;
	void		(*fn)(void *);
	void		*arg;
	uint64_t	 clear_tid;	/* set_tid_address */
	uint64_t	 robust_list;	/* set_robust_list: walked when the thread exits or execs */
	int		 lx_tid;	/* Linux thread id (gettid); 0: the process's pid */
	struct thread	*peer;		/* the next thread of the same process */
	uint64_t	 cr3;		/* address space */
	struct waitq	*wq;		/* the queue it sleeps on */
	uint64_t	 sigmask;	/* blocked signals (rt_sigprocmask is per thread) */
	uint64_t	 sigpending;	/* signals sent to this thread (tkill, tgkill) */
	uint64_t	 altstack_sp;	/* sigaltstack (per thread, as Linux): base, 0 size: none */
	uint64_t	 altstack_size;
	uint64_t	 suspend_mask;	/* rt_sigsuspend, ppoll, pselect6: the mask to restore */
	int		 suspended;
	int		 restart_nr;	/* (nr + 1) << 1 | SA_RESTART-able, of a call that said -EINTR */
	/* restart_syscall(2): how an interrupted timed wait finishes (Linux's restart_block) */
	long		(*restart_fn)(const uint64_t *arg);
	uint64_t	 restart_arg[3];
};

struct waitq {
	struct thread *head, *tail;
};

extern struct thread *current;

/* Makes the boot context thread 0 (idle), arms the slice timer. */
void	sched_init(void);
/* A new kernel thread running fn(arg); it is runnable at once. NULL on no memory. */
struct thread *thread_create_kernel(const char *name, void (*fn)(void *), void *arg);
/* A thread with a stack but no entry yet (proc/ fills it); not runnable. */
struct thread *thread_alloc(const char *name);
void	thread_free(struct thread *t);
/* Makes t runnable (interrupts may be on or off). */
void	sched_make_runnable(struct thread *t);
/* Gives up the CPU; the caller stays runnable. */
void	sched_yield(void);
/* Switches away for good; the reaper frees the stack later. */
__attribute__((noreturn)) void thread_exit(void);
/* Runs something else; call with interrupts disabled and current's state set. */
void	schedule(void);

/* Wait queues: call with interrupts disabled, re-check the condition after. */
void	waitq_init(struct waitq *q);
void	waitq_sleep(struct waitq *q);
/* Like waitq_sleep but wakes after ns at the latest: 1 if the timer woke it. */
int	waitq_sleep_timeout(struct waitq *q, uint64_t ns);
void	waitq_wake_all(struct waitq *q);
/* Sleeps for ns nanoseconds. */
void	sched_sleep_ns(uint64_t ns);

/* The idle loop; never returns. */
__attribute__((noreturn)) void sched_idle_loop(void);
/* Builds a switch frame at sp on t's stack whose ret goes to entry. */
void	thread_set_entry(struct thread *t, uint64_t sp, void (*entry)(void));
uint64_t sched_kernel_cr3(void);

/* Makes a sleeping t runnable now; the sleeper's loop sees why (a kill). */
void	sched_interrupt(struct thread *t);

/* Counters for tests. */
uint64_t sched_switches(void);

#endif
