/* syscall.S - kernel x86_64: the syscall/sysret entry and the return to user mode */
/* SPDX-License-Identifier: MIT */
/*
 * syscall_entry: the CPU arrives from ring 3 with the user %rip in %rcx,
 * %rflags in %r11 and interrupts masked (FMASK). We swap to the per-CPU
 * block (%gs), switch to the thread's kernel stack and build a struct
 * trapframe (x86.h) exactly like isr.S does, so fork, execve and signals
 * see one layout. syscall_dispatch(tf) puts the result in tf->rax. The
 * way out is sysret when the saved %rip is canonical, else iretq.
 */
#define USER_CS		0x23
#define USER_DS		0x1b

	.text
	.globl syscall_entry
syscall_entry:
	swapgs
	movq	%rsp, %gs:8
	movq	%gs:0, %rsp
	pushq	$USER_DS
	pushq	%gs:8
	pushq	%r11
	pushq	$USER_CS
	pushq	%rcx
	pushq	$0		/* error */
	pushq	$0x100		/* vector: not a hardware one */
	pushq	%rax
	pushq	%rbx
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rdi
	pushq	%rbp
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	swapgs
	cld
	movq	%rsp, %rdi
	sti
	call	syscall_dispatch
	cli
	/* Signal frames and rt_sigreturn need every register back: iretq. */
	cmpq	$0x101, 120(%rsp)
	je	user_return
	/* sysret needs a canonical %rip (else #GP in ring 0) and a plain frame. */
	movq	120+16(%rsp), %rcx
	movq	%rcx, %r11
	sarq	$47, %r11
	jz	1f
	cmpq	$-1, %r11
	jne	user_return
1:	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp
	movq	(%rsp), %rcx		/* rip */
	movq	16(%rsp), %r11		/* rflags */
	movq	24(%rsp), %rsp		/* user stack */
	sysretq

/*
 * The general way back to ring 3 from a struct trapframe at %rsp (a new
 * process, a forked child, or a non-canonical %rip): interrupts are off.
 */
	.globl user_return
user_return:
	cli
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rbp
	popq	%rdi
	popq	%rsi
	popq	%rdx
	popq	%rcx
	popq	%rbx
	popq	%rax
	addq	$16, %rsp
	iretq

	.section .note.GNU-stack, "", @progbits
