/* signal.c - kernel: running user signal handlers: the rt_sigframe, rt_sigreturn */
/* SPDX-License-Identifier: MIT */
/*
 * A signal waits in its process's pending set (kill) or its thread's
 * (tkill, tgkill) until a thread that does not block it goes back to user
 * mode (syscall return or an interrupt from user mode). Then its action
 * runs there: ignored, the default (end the process, or stop it until
 * SIGCONT), or a handler: the Linux x86_64 rt_sigframe is pushed on the
 * user stack (below the red zone): the restorer's address, a ucontext with
 * the interrupted registers, mask and an FXSAVE image, and a siginfo; the
 * handler starts with (sig, &info, &uc). rt_sigreturn reloads all of it.
 * A call that said -EINTR and ran no handler (a stop, or another thread
 * took the signal) runs again, as Linux's -ERESTART* codes do.
 */
#include <stddef.h>
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/signal.h"
#include "arch/cpu.h"
#include "lib/kalloc.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "syscall_table.h"

#define FULL_RETURN	0x101	/* tf->vector: leave through iretq (all registers) */
#define USER_FLAGS	0x40dd5ULL	/* AC OF DF TF SF ZF AF PF CF */
#define SIGBIT(sig)	(1ULL << ((sig) - 1))
#define UNBLOCKABLE	(SIGBIT(LX_SIGKILL) | SIGBIT(LX_SIGSTOP))

struct sig_mcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;
	uint64_t reserved[8];
};

struct sig_ucontext {
	uint64_t		flags;
	uint64_t		link;
	uint64_t		ss_sp;
	uint32_t		ss_flags, pad;
	uint64_t		ss_size;
	struct sig_mcontext	mc;
	uint64_t		sigmask;
};

struct sig_info {
	int32_t signo, errno_, code, pad;
	int32_t pid, uid;
	uint8_t rest[128 - 24];
};

struct sig_frame {
	uint64_t		restorer;	/* the handler's return address */
	struct sig_ucontext	uc;
	struct sig_info		info;
	uint8_t			fpu[512] __attribute__((aligned(16)));
};

static void
save_regs(struct sig_mcontext *m, const struct trapframe *tf)
{
	m->r8 = tf->r8; m->r9 = tf->r9; m->r10 = tf->r10; m->r11 = tf->r11;
	m->r12 = tf->r12; m->r13 = tf->r13; m->r14 = tf->r14; m->r15 = tf->r15;
	m->rdi = tf->rdi; m->rsi = tf->rsi; m->rbp = tf->rbp; m->rbx = tf->rbx;
	m->rdx = tf->rdx; m->rax = tf->rax; m->rcx = tf->rcx; m->rsp = tf->rsp;
	m->rip = tf->rip; m->eflags = tf->rflags;
	m->cs = (uint16_t)tf->cs; m->ss = (uint16_t)tf->ss;
	m->trapno = tf->vector < 32 ? tf->vector : 0;
}

/* The alternate signal stack is the thread's own (sigaltstack). */
static int
on_altstack(const struct thread *t, uint64_t sp)
{
	return t->altstack_size != 0 && sp - t->altstack_sp <= t->altstack_size;
}

static int
altstack_flags(const struct thread *t, uint64_t sp)
{
	if (t->altstack_size == 0) {
		return LX_SS_DISABLE;
	}
	return on_altstack(t, sp) ? LX_SS_ONSTACK : 0;
}

/* Where the frame goes: the alternate stack for SA_ONSTACK, else below the red zone. */
static uint64_t
signal_stack(const struct thread *t, const struct trapframe *tf, const struct lx_sigaction *sa)
{
	if ((sa->flags & LX_SA_ONSTACK) && t->altstack_size != 0 && !on_altstack(t, tf->rsp)) {
		return t->altstack_sp + t->altstack_size;
	}
	return tf->rsp - 128;
}

/*
 * Puts the frame back on the syscall instruction, with its number in %rax,
 * or restart_syscall's when the call left a way to finish (restart_fn).
 */
static void
rewind_syscall(struct trapframe *tf)
{
	tf->rax = (uint64_t)((current->restart_nr >> 1) - 1);
	if (current->restart_fn != NULL) {
		tf->rax = LX_NR_restart_syscall;
	}
	tf->rip -= 2;
	current->restart_nr = 0;
}

/* SA_RESTART: a syscall interrupted before it did anything runs again after the handler. */
static void
restart_syscall(struct proc *p, struct trapframe *tf, int sig)
{
	if ((current->restart_nr & 1) && (p->sigact[sig - 1].flags & LX_SA_RESTART)) {
		rewind_syscall(tf);
	}
	current->restart_nr = 0;
	current->restart_fn = NULL;	/* a handler ran: the sleep says -EINTR */
}

/* Pushes the frame and points tf at the handler: 0, or -1 if the stack is bad. */
static int
push_frame(struct proc *p, struct trapframe *tf, int sig, const uint64_t *fault_addr)
{
	const struct lx_sigaction *sa = &p->sigact[sig - 1];
	struct sig_frame *f = kzalloc(sizeof(*f));
	uint64_t sp;
	int rc;

	if (f == NULL) {
		return -1;
	}
	sp = ((signal_stack(current, tf, sa) - sizeof(*f)) & ~15ULL) - 8;	/* (sp + 8) % 16 == 0 */
	f->restorer = sa->restorer;
	save_regs(&f->uc.mc, tf);
	f->uc.ss_sp = current->altstack_sp;
	f->uc.ss_size = current->altstack_size;
	f->uc.ss_flags = (uint32_t)altstack_flags(current, tf->rsp);
	f->uc.mc.oldmask = current->suspended ? current->suspend_mask : current->sigmask;
	f->uc.sigmask = f->uc.mc.oldmask;
	current->suspended = 0;
	f->uc.mc.fpstate = sp + offsetof(struct sig_frame, fpu);
	__asm__ volatile("fxsave64 (%0)" : : "r"(current->fpu) : "memory");
	memcpy(f->fpu, current->fpu, sizeof(f->fpu));
	f->info.signo = sig;
	f->info.code = 0;	/* SI_USER */
	if (fault_addr != NULL) {
		f->info.code = 1;	/* SEGV_MAPERR and the like: the kernel raised it */
		f->uc.mc.cr2 = *fault_addr;
		memcpy(&f->info.pid, fault_addr, sizeof(*fault_addr));	/* si_addr */
	}
	rc = copyout(sp, f, sizeof(*f));
	kfree(f);
	if (rc != 0 || !(sa->flags & LX_SA_RESTORER)) {
		return -1;
	}
	current->sigmask |= sa->mask & ~UNBLOCKABLE;
	if (!(sa->flags & LX_SA_NODEFER)) {
		current->sigmask |= SIGBIT(sig);
	}
	tf->rsp = sp;
	tf->rip = sa->handler;
	tf->rdi = (uint64_t)sig;
	tf->rsi = sp + offsetof(struct sig_frame, info);
	tf->rdx = sp + offsetof(struct sig_frame, uc);
	tf->rax = 0;
	tf->rflags &= ~(1ULL << 10 | 1ULL << 8);	/* DF, TF */
	tf->vector = FULL_RETURN;
	if (sa->flags & LX_SA_RESETHAND) {
		memset(&p->sigact[sig - 1], 0, sizeof(p->sigact[0]));
	}
	return 0;
}

/* Stops the process for sig (the first thread to act on it); the others follow. */
static void
stop_process(struct proc *p, int sig)
{
	unsigned long irq = arch_irq_save();

	if (!p->stopped) {
		p->stopped = 1;
		p->stop_sig = sig;
		p->report_stop = 0;
		p->report_cont = 0;
		for (struct thread *t = p->threads; t != NULL; t = t->peer) {
			if (t != current) {
				sched_interrupt(t);	/* they park at their return to user mode */
			}
		}
	}
	arch_irq_restore(irq);
}

void
proc_stop_settle(struct proc *p)
{
	struct proc *parent = p->parent;
	unsigned long irq = arch_irq_save();

	if (p->stopped && p->stop_sig != 0 && p->parked >= p->nthreads) {
		p->report_stop = p->stop_sig;
		p->stop_sig = 0;
		if (parent != NULL) {
			if (!(parent->sigact[LX_SIGCHLD - 1].flags & LX_SA_NOCLDSTOP)) {
				proc_send_signal(parent, NULL, LX_SIGCHLD);
			}
			waitq_wake_all(&parent->child_wait);
		}
	}
	arch_irq_restore(irq);
}

/* A stopped thread sleeps until SIGCONT or SIGKILL; the last to park reports the stop. */
static void
park_stopped(struct proc *p)
{
	unsigned long irq = arch_irq_save();

	p->parked++;
	proc_stop_settle(p);
	while (p->stopped && p->killed != LX_SIGKILL) {
		waitq_sleep(&p->stop_wait);
	}
	p->parked--;
	arch_irq_restore(irq);
}

/* Takes the lowest pending signal this thread does not block (its own first); 0 for none. */
static int
next_signal(struct proc *p)
{
	unsigned long irq = arch_irq_save();
	uint64_t ready = (current->sigpending | p->pending) & ~current->sigmask;
	int sig = 0;

	if (ready != 0) {
		sig = __builtin_ctzll(ready) + 1;
		if (current->sigpending & SIGBIT(sig)) {
			current->sigpending &= ~SIGBIT(sig);
		} else {
			p->pending &= ~SIGBIT(sig);
		}
	}
	arch_irq_restore(irq);
	return sig;
}

static int
default_ignored(int sig)
{
	return sig == LX_SIGCHLD || sig == LX_SIGCONT || sig == LX_SIGURG || sig == LX_SIGWINCH;
}

static int
default_stops(int sig)
{
	return sig == LX_SIGSTOP || sig == LX_SIGTSTP || sig == LX_SIGTTIN || sig == LX_SIGTTOU;
}

/* A call that said -EINTR and ran no handler runs again; rt_sigsuspend's mask comes back first. */
static void
restart_unhandled(struct trapframe *tf)
{
	if (current->restart_nr == 0) {
		return;
	}
	if (current->suspended) {
		current->sigmask = current->suspend_mask;
		current->suspended = 0;
	}
	rewind_syscall(tf);
}

void
proc_deliver_signals(struct trapframe *tf)
{
	struct proc *p = curproc();
	uint64_t handler;
	int sig;

	if (p == NULL) {
		return;
	}
	for (;;) {
		if (p->killed != 0) {
			proc_check_killed();
		}
		if (p->exec_thread != NULL && p->exec_thread != current) {
			arch_irq_enable();
			proc_thread_exit(0);	/* execve from another thread ends this one */
		}
		if (p->stopped) {
			park_stopped(p);
			continue;
		}
		if ((sig = next_signal(p)) == 0) {
			break;
		}
		handler = p->sigact[sig - 1].handler;
		if (handler == LX_SIG_IGN || (handler == LX_SIG_DFL && default_ignored(sig)) ||
		    (handler == LX_SIG_DFL && p->pid == 1)) {
			continue;
		}
		if (handler == LX_SIG_DFL && default_stops(sig)) {
			stop_process(p, sig);
			continue;
		}
		if (handler == LX_SIG_DFL) {
			p->killed = sig;
			proc_check_killed();
		}
		restart_syscall(p, tf, sig);
		if (push_frame(p, tf, sig, NULL) != 0) {
			p->killed = LX_SIGSEGV;
			proc_check_killed();
		}
		return;
	}
	restart_unhandled(tf);
}

int
proc_fault_signal(struct trapframe *tf, int sig, uint64_t addr)
{
	struct proc *p = curproc();
	uint64_t bit = 1ULL << (sig - 1);

	if (p == NULL || p->sigact[sig - 1].handler <= 1 || (current->sigmask & bit)) {
		return -1;	/* no handler, or blocked: the default action (Linux forces it) */
	}
	arch_irq_enable();
	current->restart_nr = 0;
	return push_frame(p, tf, sig, &addr);
}

long
lx_rt_sigreturn(long a0, long a1, long a2, long a3, long a4, long a5)
{
	struct trapframe *tf = current_tf();
	struct proc *p = curproc();
	struct sig_frame *f = kmalloc(sizeof(*f));
	uint64_t sp = tf->rsp - 8;	/* the handler's ret popped the restorer */
	const struct sig_mcontext *m;
	uint32_t mxcsr;
	long rax;

	if (f == NULL || copyin(f, sp, sizeof(*f)) != 0 || f->uc.mc.rip >= USER_TOP) {
		kfree(f);
		p->killed = LX_SIGSEGV;
		return -LX_EFAULT;
	}
	m = &f->uc.mc;
	tf->r8 = m->r8; tf->r9 = m->r9; tf->r10 = m->r10; tf->r11 = m->r11;
	tf->r12 = m->r12; tf->r13 = m->r13; tf->r14 = m->r14; tf->r15 = m->r15;
	tf->rdi = m->rdi; tf->rsi = m->rsi; tf->rbp = m->rbp; tf->rbx = m->rbx;
	tf->rdx = m->rdx; tf->rcx = m->rcx; tf->rsp = m->rsp; tf->rip = m->rip;
	tf->rflags = (tf->rflags & ~USER_FLAGS) | (m->eflags & USER_FLAGS) | 0x200;
	tf->cs = 0x23;
	tf->ss = 0x1b;
	tf->vector = FULL_RETURN;
	current->sigmask = f->uc.sigmask & ~UNBLOCKABLE;
	memcpy(&mxcsr, f->fpu + 24, 4);
	mxcsr &= 0xffbf;	/* reserved bits would fault FXRSTOR */
	memcpy(f->fpu + 24, &mxcsr, 4);
	memcpy(current->fpu, f->fpu, 512);
	__asm__ volatile("fxrstor64 (%0)" : : "r"(current->fpu) : "memory");
	rax = (long)m->rax;
	kfree(f);
	return rax;
}

long
lx_rt_sigsuspend(long umask, long size, long a2, long a3, long a4, long a5)
{
	struct waitq q;
	uint64_t mask;

	if (size != 8) {
		return -LX_EINVAL;
	}
	if (copyin(&mask, (uint64_t)umask, 8) != 0) {
		return -LX_EFAULT;
	}
	waitq_init(&q);
	unsigned long irq = arch_irq_save();
	current->suspend_mask = current->sigmask;
	current->suspended = 1;
	current->sigmask = mask & ~UNBLOCKABLE;
	while (!proc_interrupted()) {
		waitq_sleep(&q);
	}
	arch_irq_restore(irq);
	return -LX_EINTR;	/* the frame restores the old mask (suspend_mask) */
}

long
lx_pause(long a0, long a1, long a2, long a3, long a4, long a5)
{
	struct waitq q;

	waitq_init(&q);
	unsigned long irq = arch_irq_save();
	while (!proc_interrupted()) {
		waitq_sleep(&q);
	}
	arch_irq_restore(irq);
	return -LX_EINTR;
}

struct lx_stack {
	uint64_t	sp;
	int32_t		flags, pad;
	uint64_t	size;
};

#define LX_MINSIGSTKSZ	2048

long
lx_sigaltstack(long uss, long uoss, long a2, long a3, long a4, long a5)
{
	struct thread *t = current;
	uint64_t sp = current_tf()->rsp;
	struct lx_stack ss, old = { t->altstack_sp, altstack_flags(t, sp), 0, t->altstack_size };

	if (uss != 0) {
		if (copyin(&ss, (uint64_t)uss, sizeof(ss)) != 0) {
			return -LX_EFAULT;
		}
		if (on_altstack(t, sp)) {
			return -LX_EPERM;
		}
		if (ss.flags & ~LX_SS_DISABLE) {
			return -LX_EINVAL;
		}
		if (ss.flags & LX_SS_DISABLE) {
			ss.sp = ss.size = 0;
		} else if (ss.size < LX_MINSIGSTKSZ) {
			return -LX_ENOMEM;
		}
	}
	if (uoss != 0 && copyout((uint64_t)uoss, &old, sizeof(old)) != 0) {
		return -LX_EFAULT;
	}
	if (uss != 0) {
		t->altstack_sp = ss.sp;
		t->altstack_size = ss.size;
	}
	return 0;
}
