/* ring.c - pure byte ring buffer with free-running counters */
/* SPDX-License-Identifier: MIT */
#include "lib/ring.h"
#include "lib/string.h"

int
ring_init(struct ring *r, void *buf, uint32_t cap)
{
	if (cap == 0 || (cap & (cap - 1)) != 0)
		return -1;
	r->buf = buf;
	r->cap = cap;
	r->head = r->tail = 0;
	return 0;
}

uint32_t
ring_used(const struct ring *r)
{
	return r->head - r->tail;
}

uint32_t
ring_space(const struct ring *r)
{
	return r->cap - ring_used(r);
}

/* Copies n bytes between the ring at counter pos and flat memory, in up to two pieces. */
static void
copy_out(const struct ring *r, uint32_t pos, uint8_t *dst, uint32_t n)
{
	uint32_t off = pos & (r->cap - 1), first = r->cap - off < n ? r->cap - off : n;

	memcpy(dst, r->buf + off, first);
	memcpy(dst + first, r->buf, n - first);
}

uint32_t
ring_write(struct ring *r, const void *src, uint32_t n)
{
	uint32_t off = r->head & (r->cap - 1), first;

	if (n > ring_space(r))
		n = ring_space(r);
	first = r->cap - off < n ? r->cap - off : n;
	memcpy(r->buf + off, src, first);
	memcpy(r->buf, (const uint8_t *)src + first, n - first);
	r->head += n;
	return n;
}

uint32_t
ring_peek(const struct ring *r, void *dst, uint32_t n)
{
	if (n > ring_used(r))
		n = ring_used(r);
	copy_out(r, r->tail, dst, n);
	return n;
}

uint32_t
ring_read(struct ring *r, void *dst, uint32_t n)
{
	n = ring_peek(r, dst, n);
	r->tail += n;
	return n;
}

uint32_t
ring_unwrite(struct ring *r, uint32_t n)
{
	if (n > ring_used(r))
		n = ring_used(r);
	r->head -= n;
	return n;
}
