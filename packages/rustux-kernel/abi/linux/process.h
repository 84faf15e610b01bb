/* process.h - Linux x86_64 clone flags, arch_prctl codes, futex ops, clocks, poll bits, reboot */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_ABI_LINUX_PROCESS_H
#define RUSTUX_ABI_LINUX_PROCESS_H

/* clone(2) flags; the low byte is the exit signal. */
#define LX_CSIGNAL		0x000000ffu
#define LX_CLONE_VM		0x00000100u
#define LX_CLONE_FS		0x00000200u
#define LX_CLONE_FILES		0x00000400u
#define LX_CLONE_SIGHAND	0x00000800u
#define LX_CLONE_PIDFD		0x00001000u
#define LX_CLONE_PTRACE		0x00002000u
#define LX_CLONE_VFORK		0x00004000u
#define LX_CLONE_PARENT		0x00008000u
#define LX_CLONE_THREAD		0x00010000u
#define LX_CLONE_NEWNS		0x00020000u
#define LX_CLONE_SYSVSEM	0x00040000u
#define LX_CLONE_SETTLS		0x00080000u
#define LX_CLONE_PARENT_SETTID	0x00100000u
#define LX_CLONE_CHILD_CLEARTID	0x00200000u
#define LX_CLONE_DETACHED	0x00400000u
#define LX_CLONE_UNTRACED	0x00800000u
#define LX_CLONE_CHILD_SETTID	0x01000000u

/* arch_prctl(2). */
#define LX_ARCH_SET_GS	0x1001
#define LX_ARCH_SET_FS	0x1002
#define LX_ARCH_GET_FS	0x1003
#define LX_ARCH_GET_GS	0x1004

/* futex(2). */
#define LX_FUTEX_WAIT		0
#define LX_FUTEX_WAKE		1
#define LX_FUTEX_PRIVATE_FLAG	128
#define LX_FUTEX_CLOCK_REALTIME	256

/* Clocks. */
#define LX_CLOCK_REALTIME		0
#define LX_CLOCK_MONOTONIC		1
#define LX_CLOCK_PROCESS_CPUTIME_ID	2
#define LX_CLOCK_THREAD_CPUTIME_ID	3
#define LX_CLOCK_MONOTONIC_RAW		4
#define LX_CLOCK_REALTIME_COARSE	5
#define LX_CLOCK_MONOTONIC_COARSE	6
#define LX_CLOCK_BOOTTIME		7
#define LX_TIMER_ABSTIME		1

/* poll(2) events. */
#define LX_POLLIN	0x0001
#define LX_POLLPRI	0x0002
#define LX_POLLOUT	0x0004
#define LX_POLLERR	0x0008
#define LX_POLLHUP	0x0010
#define LX_POLLNVAL	0x0020

/* reboot(2). */
#define LX_REBOOT_MAGIC1		0xfee1deadu
#define LX_REBOOT_MAGIC2		672274793
#define LX_REBOOT_CMD_RESTART		0x01234567u
#define LX_REBOOT_CMD_HALT		0xcdef0123u
#define LX_REBOOT_CMD_POWER_OFF		0x4321fedcu

/* prctl(2). */
#define LX_PR_SET_NAME	15
#define LX_PR_GET_NAME	16

#endif
