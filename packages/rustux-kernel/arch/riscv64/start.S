/* start.S - kernel riscv64 (experimental): entry from OpenSBI in S-mode, stack, then port_main */
/* SPDX-License-Identifier: MIT */
	.section .text.start, "ax"
	.globl _start
_start:
	/* a0 = hart id: only hart 0 runs. */
	bnez	a0, 2f
	la	sp, stack_top
	call	port_main
2:	wfi
	j	2b

	.bss
	.balign 16
stack:
	.skip	16384
stack_top:
