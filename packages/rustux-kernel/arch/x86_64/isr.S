/* isr.S - kernel x86_64: the 256 interrupt stubs, the common path, fault probes */
/* SPDX-License-Identifier: MIT */
/*
 * Every vector has a stub that pushes a zero error code (unless the CPU
 * pushed one) and its number, then jumps to isr_common, which saves the
 * general registers as a struct trapframe (x86.h) and calls trap_dispatch.
 */
	.text

.macro ISR vec
	.balign 16
isr_\vec:
	.if (\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30)
	.else
	pushq	$0
	.endif
	pushq	$\vec
	jmp	isr_common
.endm

	.globl isr_common
isr_common:
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
	cld
	movq	%rsp, %rdi
	call	trap_dispatch
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

.altmacro
.macro ISR_N n
	ISR %n
.endm
.set i, 0
.rept 256
	ISR_N %i
	.set i, i + 1
.endr

.macro ISR_ADDR n
	.quad isr_\n
.endm
	.section .rodata
	.balign 8
	.globl isr_table
isr_table:
.set i, 0
.rept 256
	ISR_ADDR %i
	.set i, i + 1
.endr

/*
 * int arch_probe_read64(const void *addr, uint64_t *out)
 * int arch_probe_write64(void *addr, uint64_t value)
 * The page-fault handler looks the faulting %rip up in probe_fixups and
 * resumes at the paired fixup, which returns -1.
 */
	.text
	.globl arch_probe_read64, arch_probe_write64
arch_probe_read64:
probe_read_insn:
	movq	(%rdi), %rax
	movq	%rax, (%rsi)
	xorl	%eax, %eax
	ret
probe_read_fixup:
	movl	$-1, %eax
	ret

arch_probe_write64:
probe_write_insn:
	movq	%rsi, (%rdi)
	xorl	%eax, %eax
	ret
probe_write_fixup:
	movl	$-1, %eax
	ret

	.section .rodata
	.balign 8
	.globl probe_fixups, probe_fixups_count
probe_fixups:
	.quad	probe_read_insn, probe_read_fixup
	.quad	probe_write_insn, probe_write_fixup
probe_fixups_count:
	.quad	2

	.section .note.GNU-stack, "", @progbits
