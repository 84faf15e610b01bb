/* printk.h - kernel: printing to the consoles, the log ring, panic */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_KERNEL_PRINTK_H
#define RUSTUX_KERNEL_PRINTK_H

#include <stdint.h>

#include "lib/klog.h"

/* Prints to every console and records the text in the log ring at KLOG_INFO. */
void	kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Records at level; echoes to the consoles when level <= the loglevel option. */
void	klog(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints straight to the serial port, bypassing everything (fault and panic paths). */
void	printk_emerg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "    [<pc>] symbol+0xoff" on the emergency path. */
void	printk_symbol_line(uint64_t pc);
/* Sets the echo threshold (the loglevel option). */
void	printk_set_level(int level);
/* The kernel log ring (dmesg reads it later). */
extern struct klog kernel_log;

#define PANIC_HALT	0
#define PANIC_REBOOT	1
#define PANIC_POWEROFF	2	/* test mode: tell QEMU the run failed */
void	panic_set_action(int action);
/* Prints "PANIC: <message>" and a backtrace, then halts, reboots or powers off. */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

#define KASSERT(c) do { \
	if (!(c)) { \
		panic("assertion failed: %s (%s:%d)", #c, __FILE__, __LINE__); \
	} \
} while (0)

#endif
