/* fbcon.h - kernel: the text console on the GOP framebuffer */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_CONSOLE_FBCON_H
#define RUSTUX_CONSOLE_FBCON_H

#include "abi/bootinfo.h"
#include "console/console.h"

/* Sets the console up on fb; 0, or -1 when there is no usable framebuffer. */
int	fbcon_init(const struct rx_framebuffer *fb);
extern struct console fb_console;

#endif
