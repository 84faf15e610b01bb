/* console.c - kernel: the console fan-out and the serial console */
/* SPDX-License-Identifier: MIT */
#include "arch/cpu.h"
#include "console/console.h"

static struct console *consoles;

void
console_register(struct console *c)
{
	struct console **p = &consoles;

	while (*p != NULL) {
		p = &(*p)->next;
	}
	c->next = NULL;
	*p = c;
}

void
console_unregister(struct console *c)
{
	for (struct console **p = &consoles; *p != NULL; p = &(*p)->next) {
		if (*p == c) {
			*p = c->next;
			c->next = NULL;
			return;
		}
	}
}

void
console_write(const char *s, size_t n)
{
	for (struct console *c = consoles; c != NULL; c = c->next) {
		c->write(c, s, n);
	}
}

static void
serial_write(struct console *c, const char *s, size_t n)
{
	(void)c;
	while (n-- > 0) {
		arch_debug_putc(*s++);
	}
}

struct console serial_console = { "serial", serial_write, NULL };
