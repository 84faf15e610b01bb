/* sys_dispatch.c - Linux personality: syscall MSRs and the dispatcher over the generated table */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "abi/linux/errno.h"
#include "arch/x86_64/x86.h"
#include "proc/proc.h"

#define SYSCALL_TABLE_DEFINE
#include "syscall_table.h"

#define MSR_STAR	0xc0000081u
#define MSR_LSTAR	0xc0000082u
#define MSR_FMASK	0xc0000084u
#define EFER_SCE	1u

void	syscall_entry(void);

void
syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* sysret: CS = 0x10 + 16 = user code, SS = 0x10 + 8 = user data (gdt.c). */
	wrmsr(MSR_STAR, ((uint64_t)0x13 << 48) | ((uint64_t)SEL_KCODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	/* TF, IF, DF, IOPL, NT, AC cleared on entry. */
	wrmsr(MSR_FMASK, 0x47700);
}

/*
 * The calls SA_RESTART runs again (Linux's -ERESTARTSYS ones). Sleeps,
 * poll/select and sigsuspend answer -EINTR whatever the flag says. Any
 * call that says -EINTR runs again when no handler ran (a stop and
 * SIGCONT, or a signal another thread took).
 */
static int
restartable(uint64_t nr)
{
	static const uint16_t calls[] = {
		0, 1, 2, 16, 17, 18, 19, 20, 61, 202, 257,	/* read write open ioctl pread pwrite readv writev wait4 futex openat */
	};

	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		if (calls[i] == nr) {
			return 1;
		}
	}
	return 0;
}

/*
 * A relative sleep or timed poll that says -EINTR leaves restart_fn: when
 * no handler runs, proc/signal.c reruns it as restart_syscall, which
 * finishes at the first deadline (Linux's -ERESTART_RESTARTBLOCK).
 */
long
lx_restart_syscall(long a0, long a1, long a2, long a3, long a4, long a5)
{
	long (*fn)(const uint64_t *) = current->restart_fn;
	uint64_t arg[3];

	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if (fn == NULL) {
		return -LX_EINTR;
	}
	for (int i = 0; i < 3; i++) {
		arg[i] = current->restart_arg[i];
	}
	current->restart_fn = NULL;
	return fn(arg);
}

void
syscall_dispatch(struct trapframe *tf)
{
	uint64_t nr = tf->rax;
	long r = -LX_ENOSYS;

	if (nr != LX_NR_restart_syscall) {
		current->restart_fn = NULL;
	}
	if (nr < LX_NR_COUNT && lx_syscall_table[nr].fn != 0) {
		r = lx_syscall_table[nr].fn((long)tf->rdi, (long)tf->rsi, (long)tf->rdx,
		    (long)tf->r10, (long)tf->r8, (long)tf->r9);
	}
	tf->rax = (uint64_t)r;
	if (r == -LX_EINTR && nr != LX_NR_rt_sigreturn && curproc() != NULL &&
	    (nr != LX_NR_restart_syscall || current->restart_fn != NULL)) {
		/* (nr + 1) << 1, and whether SA_RESTART restarts it too (proc/signal.c) */
		current->restart_nr = ((int)nr + 1) << 1 | restartable(nr);
	}
	proc_deliver_signals(tf);
	current->restart_nr = 0;
}
