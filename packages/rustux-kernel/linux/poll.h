/* poll.h - Linux personality: the wait queue poll(2) and select(2) sleep on */
/* SPDX-License-Identifier: MIT */
/*
 * One queue for every poller (one CPU, few pollers): whatever can make a
 * descriptor ready (pipe data, space or hang-up; console input) calls
 * poll_wake(), and the pollers look at their descriptors again. A device
 * driver says what is ready through the function it registers with
 * poll_register(); one without it is always readable and writable, like
 * a regular file.
 */
#ifndef RUSTUX_LINUX_POLL_H
#define RUSTUX_LINUX_POLL_H

struct dev_driver;

/* Safe from interrupt context. */
void	poll_wake(void);
/* fn(d->ctx) answers LX_POLL* bits for files of d (kept by pointer). 0 or -LX_ENOSPC. */
int	poll_register(const struct dev_driver *d, int (*fn)(void *ctx));

#endif
