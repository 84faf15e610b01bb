/* console_tty.h - kernel: the console terminal (/dev/console, /dev/tty, /dev/ttyS0) */
/* SPDX-License-Identifier: MIT */
/*
 * One tty: bytes from the COM1 receive interrupt (uart_rx.c) and the PS/2
 * keyboard (ps2kbd.c) go through the line discipline (tty/ldisc.c); output
 * goes to every console (serial and framebuffer). Readers sleep on a wait
 * queue that the interrupt wakes. ^C, ^\ and ^Z signal the foreground
 * process group set with TIOCSPGRP.
 */
#ifndef RUSTUX_DRIVERS_CONSOLE_TTY_H
#define RUSTUX_DRIVERS_CONSOLE_TTY_H

#include <stddef.h>

/* Registers the console devices and starts the input interrupts; 0 or -LX_Exxx. */
int	console_tty_init(void);
/* Received bytes, from interrupt context. */
void	console_tty_input(const char *buf, size_t n);

/* Input sources: 0 when the interrupt is attached, -1 without the device. */
int	uart_rx_start(void);
int	ps2kbd_start(void);

#endif
