/* console.h - kernel: the console fan-out: every registered console gets every byte */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_CONSOLE_H
#define RUSTUX_CONSOLE_H

#include <stddef.h>

struct console {
	const char *name;
	void (*write)(struct console *c, const char *s, size_t n);
	struct console *next;
};

/* Adds c (caller-owned, lives forever) to the list; output from now on reaches it. */
void	console_register(struct console *c);
/* Removes c; output stops reaching it (panic and fault reports still use serial). */
void	console_unregister(struct console *c);
/* Writes n bytes to every console, in registration order. */
void	console_write(const char *s, size_t n);

/* The serial console over arch_debug_putc; registered first by kmain. */
extern struct console serial_console;

#endif
