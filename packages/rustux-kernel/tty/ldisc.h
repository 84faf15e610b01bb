/* ldisc.h - kernel: the terminal line discipline (canonical editing, echo, signals, raw mode) */
/* SPDX-License-Identifier: MIT */
/*
 * Pure: a console driver feeds received bytes to ldisc_input() and the
 * discipline calls back to echo (ops->output), to signal the foreground
 * process group (ops->signal) and to wake readers (ops->wake). Reading
 * never sleeps: -LX_EAGAIN means "wait for ops->wake and retry" (or fail
 * with O_NONBLOCK). The termios flags honoured are ICRNL, INLCR, IGNCR,
 * ISTRIP; OPOST, ONLCR; ISIG, ICANON, ECHO, ECHOE, ECHOK, ECHOKE, ECHONL,
 * ECHOCTL, NOFLSH, IEXTEN (^W); VMIN and VTIME in raw mode.
 */
#ifndef RUSTUX_TTY_LDISC_H
#define RUSTUX_TTY_LDISC_H

#include <stddef.h>
#include <stdint.h>

#include "abi/linux/termios.h"
#include "lib/ring.h"

#define LDISC_LINE_MAX	4096	/* N_TTY_BUF_SIZE: longest canonical line */
#define LDISC_IN_CAP	8192	/* cooked bytes waiting for read(2) */
#define LDISC_MAX_LINES	256	/* completed lines waiting */

struct ldisc_ops {
	void	(*output)(void *ctx, const char *buf, size_t n);	/* to the screen/UART */
	void	(*signal)(void *ctx, int sig);	/* SIGINT/SIGQUIT/SIGTSTP to the foreground */
	void	(*wake)(void *ctx);		/* input became readable */
	void	*ctx;
};

struct ldisc {
	struct lx_termios	 t;
	struct ldisc_ops	 ops;
	struct ring		 in;			/* readable bytes */
	uint8_t			 inbuf[LDISC_IN_CAP];
	uint16_t		 linelen[LDISC_MAX_LINES];	/* canonical: lengths left */
	uint32_t		 lhead, ltail;		/* line queue counters */
	char			 line[LDISC_LINE_MAX];	/* the line being edited */
	size_t			 len;
};

/* Linux's default termios (tty_std_termios): cooked, echoing, ^C/^\/^Z on. */
void	ldisc_default_termios(struct lx_termios *t);
/* Initialises ld with the default termios and the callbacks. */
void	ldisc_init(struct ldisc *ld, const struct ldisc_ops *ops);
/* Processes received bytes (interrupt context is fine: no allocation). */
void	ldisc_input(struct ldisc *ld, const char *buf, size_t n);
/*
 * read(2): canonical mode returns at most one line (0 for a ^D on an
 * empty line); raw mode follows VMIN/VTIME, where timed_out = 1 says the
 * caller's VTIME timer ran out. -LX_EAGAIN: wait and retry.
 */
long	ldisc_read(struct ldisc *ld, char *buf, size_t n, int timed_out);
/* write(2): output processing (ONLCR), then ops->output. Returns n. */
long	ldisc_write(struct ldisc *ld, const char *buf, size_t n);
/* TCSETS*: new settings; a partial line moves to the readable bytes when ICANON goes off. */
void	ldisc_set_termios(struct ldisc *ld, const struct lx_termios *t);
/* Discards pending input (TCSETSF, signals without NOFLSH). */
void	ldisc_flush_input(struct ldisc *ld);
/* FIONREAD and poll: bytes a read would return now. */
size_t	ldisc_readable(const struct ldisc *ld);

#endif
