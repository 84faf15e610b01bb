/* usercopy.S - kernel x86_64: copies to and from user memory that survive a fault */
/* SPDX-License-Identifier: MIT */
/*
 * int  uc_copy(void *dst, const void *src, size_t n)        0, or -1 on a fault
 * long uc_strncpy(char *dst, const char *src, size_t n)     length without the NUL,
 *                                                           n if none, -1 on a fault
 * The callers (proc/usercopy.c) check that the user range lies in the
 * user half first. A page fault at one of the instructions listed in
 * usercopy_fixups resumes at its fixup (proc/fault.c does the lookup).
 */
	.text
	.globl uc_copy, uc_strncpy
uc_copy:
	movq	%rdx, %rcx
uc_copy_insn:
	rep movsb
	xorl	%eax, %eax
	ret
uc_copy_fixup:
	movl	$-1, %eax
	ret

uc_strncpy:
	xorl	%eax, %eax
1:	cmpq	%rdx, %rax
	je	2f
uc_str_insn:
	movb	(%rsi,%rax), %cl
	movb	%cl, (%rdi,%rax)
	testb	%cl, %cl
	je	2f
	incq	%rax
	jmp	1b
2:	ret
uc_str_fixup:
	movq	$-1, %rax
	ret

	.section .rodata
	.balign 8
	.globl usercopy_fixups, usercopy_fixups_count
usercopy_fixups:
	.quad	uc_copy_insn, uc_copy_fixup
	.quad	uc_str_insn, uc_str_fixup
usercopy_fixups_count:
	.quad	2

	.section .note.GNU-stack, "", @progbits
