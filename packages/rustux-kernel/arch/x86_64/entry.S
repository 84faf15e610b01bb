/* entry.S - kernel x86_64: the ELF entry: own page tables, then jump to the higher half */
/* SPDX-License-Identifier: MIT */
/*
 * Entered from rustux-boot (abi/bootinfo.h): long mode, interrupts off,
 * firmware identity map, %rdi = bootinfo physical address. This stub runs
 * at its physical address (.boot). It zeroes .bss, builds boot page tables
 * that map physical [0, 4 GiB) three times (identity, the direct map at
 * DIRECT_MAP_BASE, and [0, 2 GiB) at KERNEL_VMA), enables NX and
 * write protection, switches %cr3 and jumps to kmain on the kernel stack.
 * mm replaces these tables with W^X ones; the identity part is kept only
 * for EFI runtime calls.
 */
#define KERNEL_VMA	0xffffffff80000000
#define PTE_P		0x1
#define PTE_W		0x2
#define PTE_PS		0x80

	.section .boot.text, "ax"
	.code64
	.globl _start
_start:
	cli
	cld
	movq	%rdi, %r15		/* bootinfo */
	rdtsc
	shlq	$32, %rdx
	orq	%rax, %rdx
	movq	%rdx, %r14		/* TSC at kernel entry */
	movabsq	$KERNEL_VMA, %rbx

	/* Zero .bss through its physical address. */
	movabsq	$__bss_start, %rdi
	movabsq	$__bss_end, %rcx
	subq	%rdi, %rcx
	subq	%rbx, %rdi
	xorl	%eax, %eax
	rep stosb

	/* Four page directories of 2 MiB pages: physical [0, 4 GiB). */
	movabsq	$boot_pd, %rdi
	subq	%rbx, %rdi
	movq	$(PTE_P | PTE_W | PTE_PS), %rax
	movl	$2048, %ecx
1:	movq	%rax, (%rdi)
	addq	$0x200000, %rax
	addq	$8, %rdi
	decl	%ecx
	jnz	1b

	/* The low PDPT points at all four; the high one at the first two. */
	movabsq	$boot_pd, %rax
	subq	%rbx, %rax
	orq	$(PTE_P | PTE_W), %rax
	movabsq	$boot_pdpt_low, %rdi
	subq	%rbx, %rdi
	movq	%rax, 0(%rdi)
	movabsq	$boot_pdpt_high, %rsi
	subq	%rbx, %rsi
	movq	%rax, (510 * 8)(%rsi)
	addq	$4096, %rax
	movq	%rax, 8(%rdi)
	movq	%rax, (511 * 8)(%rsi)
	addq	$4096, %rax
	movq	%rax, 16(%rdi)
	addq	$4096, %rax
	movq	%rax, 24(%rdi)

	movabsq	$boot_pml4, %rdi
	subq	%rbx, %rdi
	movabsq	$boot_pdpt_low, %rax
	subq	%rbx, %rax
	orq	$(PTE_P | PTE_W), %rax
	movq	%rax, 0(%rdi)			/* identity */
	movq	%rax, (256 * 8)(%rdi)		/* DIRECT_MAP_BASE */
	movabsq	$boot_pdpt_high, %rax
	subq	%rbx, %rax
	orq	$(PTE_P | PTE_W), %rax
	movq	%rax, (511 * 8)(%rdi)		/* KERNEL_VMA */

	/* EFER.NXE, CR0.WP, then the new tables. */
	movl	$0xc0000080, %ecx
	rdmsr
	orl	$(1 << 11), %eax
	wrmsr
	movq	%cr0, %rax
	orq	$(1 << 16), %rax
	movq	%rax, %cr0
	movq	%rdi, %cr3

	movabsq	$high_entry, %rax
	jmp	*%rax

	.text
high_entry:
	movabsq	$boot_stack_top, %rsp
	xorl	%ebp, %ebp
	movq	%r15, %rdi
	movq	%r14, %rsi
	call	kmain
2:	cli
	hlt
	jmp	2b

	.bss
	.balign 4096
	.globl boot_pml4, boot_pdpt_low
boot_pml4:
	.skip	4096
boot_pdpt_low:
	.skip	4096
boot_pdpt_high:
	.skip	4096
boot_pd:
	.skip	4 * 4096
	/* Unmapped by arch_mmu_init: an overflow faults, and the #DF runs on its IST stack. */
	.globl boot_stack_guard
boot_stack_guard:
	.skip	4096
	.globl boot_stack, boot_stack_top
boot_stack:
	.skip	32768
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
