/* qemu.h - the one place that knows how to run QEMU for Rustux */
/* SPDX-License-Identifier: MIT */
#ifndef RK_QEMU_H
#define RK_QEMU_H

/* One boot of a disk image under OVMF. */
struct qemu_boot {
	const char *disk;	/* raw disk: ESP image or GPT disk */
	const char *vars;	/* writable OVMF vars; created from the template if missing */
	const char *serial_log;	/* serial to this file; NULL = serial on the terminal */
	const char *memory;	/* "512M" */
	unsigned timeout;	/* seconds, 0 = none (interactive only) */
	int gdb;		/* QEMU gdb stub on :1234, CPU stopped */
	int verbose;		/* print the QEMU command line */
	const char *accel;	/* "tcg" (default), "kvm", or a QEMU accel list like "kvm:tcg" */
};

#define QEMU_TIMED_OUT	(-2)

/* Boot it. Returns QEMU's exit status (1 = guest wrote 0 to isa-debug-exit:
 * pass; 3 = it wrote 1: fail; 0 = QEMU ended otherwise), QEMU_TIMED_OUT
 * when the timeout killed it, -1 when it could not run. */
int qemu_run(const struct qemu_boot *b);

/* The guest's pass/fail from a QEMU exit status. */
#define QEMU_GUEST_PASS	1

#endif
