/* switch.S - kernel x86_64: the thread context switch and the first entry of a thread */
/* SPDX-License-Identifier: MIT */
/*
 * void sched_switch(uint64_t *save_ksp, uint64_t new_ksp)
 * Pushes the callee-saved registers on the current kernel stack, stores
 * %rsp in *save_ksp, loads new_ksp and pops the other thread's registers.
 * A new thread's stack is built by sched.c so that the final ret lands in
 * thread_start (kernel threads) or user_return (syscall.S).
 */
	.text
	.globl sched_switch
sched_switch:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)
	movq	%rsi, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	ret

/* A kernel thread's first instructions: thread_entry(void) in sched.c. */
	.globl thread_start
thread_start:
	xorl	%ebp, %ebp
	call	thread_entry
	ud2

	.section .note.GNU-stack, "", @progbits
