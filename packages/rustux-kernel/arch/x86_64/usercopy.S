/* usercopy.S - kernel x86_64: copies to and from user memory that survive a fault */
/* SPDX-License-Identifier: MIT */
/*
 * int  uc_copy(void *dst, const void *src, size_t n)        0, or -1 on a fault
 * long uc_strncpy(char *dst, const char *src, size_t n)     length without the NUL,
 *                                                           n if none, -1 on a fault
 * The callers (proc/usercopy.c) check that the user range lies in the
 * user half first. A page fault at an instruction inside one of the ranges
 * listed in usercopy_fixups resumes at that range's fixup (proc/fault.c).
 *
 * uc_copy moves 32 bytes per round with plain movq, not rep movsb: under
 * QEMU's TCG every iteration of a rep string instruction is a trip through
 * the translated-block loop, which made a 4 KiB copyout cost tens of
 * microseconds. Straight-line moves translate into one block.
 */
	.text
	.globl uc_copy, uc_strncpy
uc_copy:
	xorl	%eax, %eax
uc_copy_start:
	cmpq	$32, %rdx
	jb	2f
1:	movq	(%rsi), %r8
	movq	8(%rsi), %r9
	movq	16(%rsi), %r10
	movq	24(%rsi), %r11
	movq	%r8, (%rdi)
	movq	%r9, 8(%rdi)
	movq	%r10, 16(%rdi)
	movq	%r11, 24(%rdi)
	addq	$32, %rsi
	addq	$32, %rdi
	subq	$32, %rdx
	cmpq	$32, %rdx
	jae	1b
2:	cmpq	$8, %rdx
	jb	4f
3:	movq	(%rsi), %r8
	movq	%r8, (%rdi)
	addq	$8, %rsi
	addq	$8, %rdi
	subq	$8, %rdx
	cmpq	$8, %rdx
	jae	3b
4:	testq	%rdx, %rdx
	je	6f
5:	movb	(%rsi), %r8b
	movb	%r8b, (%rdi)
	incq	%rsi
	incq	%rdi
	decq	%rdx
	jne	5b
6:
uc_copy_end:
	ret
uc_copy_fixup:
	movl	$-1, %eax
	ret

uc_strncpy:
	xorl	%eax, %eax
uc_str_start:
1:	cmpq	%rdx, %rax
	je	2f
	movb	(%rsi,%rax), %cl
	movb	%cl, (%rdi,%rax)
	testb	%cl, %cl
	je	2f
	incq	%rax
	jmp	1b
2:
uc_str_end:
	ret
uc_str_fixup:
	movq	$-1, %rax
	ret

	/* Triples: first instruction, end (exclusive), where a fault there resumes. */
	.section .rodata
	.balign 8
	.globl usercopy_fixups, usercopy_fixups_count
usercopy_fixups:
	.quad	uc_copy_start, uc_copy_end, uc_copy_fixup
	.quad	uc_str_start, uc_str_end, uc_str_fixup
usercopy_fixups_count:
	.quad	2

	.section .note.GNU-stack, "", @progbits
