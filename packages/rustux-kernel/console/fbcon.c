/* fbcon.c - kernel: the framebuffer text console (placeholder until the font lands) */
/* SPDX-License-Identifier: MIT */
#include "console/fbcon.h"

static void
fb_write(struct console *c, const char *s, size_t n)
{
	(void)c;
	(void)s;
	(void)n;
}

struct console fb_console = { "fb", fb_write, NULL };

int
fbcon_init(const struct rx_framebuffer *fb)
{
	(void)fb;
	return -1;
}
