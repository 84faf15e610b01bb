/* start.S - kernel arm64 (experimental): entry on QEMU virt, stack, then port_main */
/* SPDX-License-Identifier: MIT */
	.section .text.start, "ax"
	.globl _start
_start:
	/* Only CPU 0 runs; the others wait forever. */
	mrs	x1, mpidr_el1
	and	x1, x1, #0xff
	cbnz	x1, 2f
	ldr	x1, =stack_top
	mov	sp, x1
	bl	port_main
2:	wfe
	b	2b

	.globl arch_psci_off
arch_psci_off:
	ldr	x0, =0x84000008		/* PSCI SYSTEM_OFF */
	hvc	#0
	ret

	.bss
	.balign 16
stack:
	.skip	16384
stack_top:
