/* console_tty.c - kernel: the console terminal: ldisc, blocking reads, job control ioctls */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/process.h"
#include "abi/linux/termios.h"
#include "arch/cpu.h"
#include "console/console.h"
#include "drivers/console_tty.h"
#include "fs/devfs.h"
#include "linux/poll.h"
#include "proc/proc.h"
#include "sched/sched.h"
#include "tty/ldisc.h"

#define O_NONBLOCK	04000
#define VTIME_NS	100000000ULL	/* VTIME counts tenths of a second */

static struct {
	struct ldisc	 ld;
	struct waitq	 readers;
	struct lx_winsize ws;
	int		 fg;		/* foreground process group, 0: none set */
} tty;

/*
 * The consoles end lines themselves (serial sends "\n" as "\r\n"), so the
 * discipline's "\r\n" goes out as "\n": one carriage return, not two.
 */
static void
tty_output(void *ctx, const char *buf, size_t n)
{
	size_t i, start = 0;

	(void)ctx;
	for (i = 0; i + 1 < n; i++) {
		if (buf[i] == '\r' && buf[i + 1] == '\n') {
			console_write(buf + start, i - start);
			start = i + 1;
		}
	}
	console_write(buf + start, n - start);
}

/* ^C, ^\ and ^Z: the whole foreground group (not 1: kill(-1) is everyone). */
static void
tty_signal(void *ctx, int sig)
{
	(void)ctx;
	if (tty.fg > 1) {
		proc_signal_pgrp(tty.fg, sig);
	}
}

static void
tty_wake(void *ctx)
{
	(void)ctx;
	waitq_wake_all(&tty.readers);
	poll_wake();
}

void
console_tty_input(const char *buf, size_t n)
{
	unsigned long s = arch_irq_save();

	ldisc_input(&tty.ld, buf, n);
	arch_irq_restore(s);
}

/* Sleeps until the discipline has something; VTIME bounds the wait in raw mode. */
static long
tty_read(void *ctx, void *buf, size_t n, uint32_t fflags)
{
	int timed_out = 0;
	unsigned long s;
	long r;

	(void)ctx;
	s = arch_irq_save();
	if ((r = proc_tty_bg_read(tty.fg)) != 0) {
		arch_irq_restore(s);
		return r;	/* a background job: SIGTTIN stops it (job control) */
	}
	for (;;) {
		r = ldisc_read(&tty.ld, buf, n, timed_out);
		if (r != -LX_EAGAIN) {
			break;
		}
		if (fflags & O_NONBLOCK) {
			break;
		}
		if (proc_interrupted()) {
			r = -LX_EINTR;
			break;
		}
		if (!(tty.ld.t.c_lflag & LX_ICANON) && tty.ld.t.c_cc[LX_VTIME] != 0) {
			timed_out = waitq_sleep_timeout(&tty.readers,
			    tty.ld.t.c_cc[LX_VTIME] * VTIME_NS);
		} else {
			waitq_sleep(&tty.readers);
		}
	}
	arch_irq_restore(s);
	return r;
}

/* Job control for a change of the terminal: SIGTTOU to a background caller. */
static int
bg_change(void)
{
	unsigned long s = arch_irq_save();
	int r = proc_tty_bg_change(tty.fg);

	arch_irq_restore(s);
	return r;
}

static long
tty_write(void *ctx, const void *buf, size_t n, uint32_t fflags)
{
	int r;

	(void)ctx, (void)fflags;
	if ((tty.ld.t.c_lflag & LX_TOSTOP) && (r = bg_change()) != 0) {
		return r;	/* a background job writing with TOSTOP: SIGTTOU */
	}
	return ldisc_write(&tty.ld, buf, n);
}

/* The foreground group a reader sees: a group that has ended reads as the caller's. */
static int
fg_group(void)
{
	if (tty.fg > 0 && proc_pgrp_exists(tty.fg, 0)) {
		return tty.fg;
	}
	return curproc() != NULL ? curproc()->pgid : 0;
}

static int
set_termios(unsigned cmd, unsigned long arg)
{
	struct lx_termios t;
	unsigned long s;
	int rc;

	if ((rc = copyin(&t, arg, sizeof(t))) != 0 || (rc = bg_change()) != 0) {
		return rc;
	}
	s = arch_irq_save();
	if (cmd == LX_TCSETSF) {
		ldisc_flush_input(&tty.ld);
	}
	ldisc_set_termios(&tty.ld, &t);
	arch_irq_restore(s);
	tty_wake(NULL);		/* leaving canonical mode can make bytes readable */
	return 0;
}

static int
tty_ioctl(void *ctx, unsigned cmd, unsigned long arg)
{
	int pg, n;

	(void)ctx;
	switch (cmd) {
	case LX_TCGETS:
		return copyout(arg, &tty.ld.t, sizeof(tty.ld.t));
	case LX_TCSETS: case LX_TCSETSW: case LX_TCSETSF:
		return set_termios(cmd, arg);
	case LX_TIOCGWINSZ:
		return copyout(arg, &tty.ws, sizeof(tty.ws));
	case LX_TIOCSWINSZ:
		return copyin(&tty.ws, arg, sizeof(tty.ws));
	case LX_TIOCGPGRP:
		pg = fg_group();
		return copyout(arg, &pg, sizeof(pg));
	case LX_TIOCSPGRP:
		if ((n = copyin(&pg, arg, sizeof(pg))) != 0) {
			return n;
		}
		if ((n = bg_change()) != 0) {
			return n;	/* tcsetpgrp from a background group: SIGTTOU */
		}
		if (pg <= 0) {
			return -LX_EINVAL;
		}
		if (!proc_pgrp_exists(pg, 0)) {
			return -LX_EPERM;
		}
		tty.fg = pg;
		return 0;
	case LX_TIOCGSID:
		pg = curproc() != NULL ? curproc()->sid : 1;
		return copyout(arg, &pg, sizeof(pg));
	case LX_TIOCSCTTY: case LX_TIOCNOTTY:
		return 0;
	case LX_FIONREAD:
		n = (int)ldisc_readable(&tty.ld);
		return copyout(arg, &n, sizeof(n));
	default:
		return -LX_ENOTTY;
	}
}

/* poll(2): a line (or EOF) in canonical mode, any byte in raw mode. */
static int
tty_poll(void *ctx)
{
	int canon = (tty.ld.t.c_lflag & LX_ICANON) != 0;

	(void)ctx;
	if (ldisc_readable(&tty.ld) > 0 || (canon && tty.ld.lhead != tty.ld.ltail)) {
		return LX_POLLIN | LX_POLLOUT;
	}
	return LX_POLLOUT;
}

#define TTY_DEVICE(nm, dev) { .name = (nm), .rdev = (dev), .read = tty_read, \
	.write = tty_write, .ioctl = tty_ioctl }

static const struct dev_driver devices[] = {
	TTY_DEVICE("console", DEV_MKDEV(5, 1)),
	TTY_DEVICE("tty", DEV_MKDEV(5, 0)),
	TTY_DEVICE("ttyS0", DEV_MKDEV(4, 64)),
};

int
console_tty_init(void)
{
	static const struct ldisc_ops ops = { tty_output, tty_signal, tty_wake, NULL };
	int rc;

	ldisc_init(&tty.ld, &ops);
	waitq_init(&tty.readers);
	tty.ws.ws_row = 24;
	tty.ws.ws_col = 80;
	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++) {
		if ((rc = devfs_register(&devices[i])) != 0 ||
		    (rc = poll_register(&devices[i], tty_poll)) != 0) {
			return rc;
		}
	}
	uart_rx_start();
	ps2kbd_start();
	return 0;
}
