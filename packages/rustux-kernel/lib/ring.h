/* ring.h - pure byte ring buffer (pipes, tty queues) over caller-provided storage */
/* SPDX-License-Identifier: MIT */
/*
 * head and tail are free-running 32-bit counters; the capacity is a power
 * of two, so used = head - tail stays right across wrap-around. No locks:
 * the owner serialises access.
 */
#ifndef RUSTUX_LIB_RING_H
#define RUSTUX_LIB_RING_H

#include <stdint.h>

struct ring {
	uint8_t		*buf;
	uint32_t	 cap;	/* power of two */
	uint32_t	 head;	/* bytes ever written */
	uint32_t	 tail;	/* bytes ever read */
};

/* Uses buf[0..cap); returns 0, or -1 if cap is not a power of two (or 0). */
int		ring_init(struct ring *r, void *buf, uint32_t cap);
uint32_t	ring_used(const struct ring *r);
uint32_t	ring_space(const struct ring *r);
/* Copies in min(n, space) bytes; returns how many. */
uint32_t	ring_write(struct ring *r, const void *src, uint32_t n);
/* Copies out min(n, used) bytes; returns how many. */
uint32_t	ring_read(struct ring *r, void *dst, uint32_t n);
/* Like ring_read without consuming. */
uint32_t	ring_peek(const struct ring *r, void *dst, uint32_t n);
/* Drops up to n of the most recently written bytes (line editing); returns how many. */
uint32_t	ring_unwrite(struct ring *r, uint32_t n);

#endif
