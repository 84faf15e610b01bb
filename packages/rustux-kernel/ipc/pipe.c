/* pipe.c - kernel: pipe buffers with PIPE_BUF atomicity, EOF and EPIPE semantics */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "abi/linux/process.h"
#include "ipc/pipe.h"
#include "lib/kalloc.h"
#include "lib/string.h"

static void
wake(struct pipe *p, int what)
{
	if (p->wake != NULL)
		p->wake(p->wake_ctx, what);
}

static void
end_destroy(struct object *obj)
{
	struct pipe_end *e = OBJECT_CONTAINER(obj, struct pipe_end, obj);
	struct pipe *p = e->pipe;

	if (e->write) {
		if (--p->writers == 0)
			wake(p, PIPE_WAKE_READERS);	/* readers see EOF */
	} else if (--p->readers == 0) {
		wake(p, PIPE_WAKE_WRITERS);	/* writers see EPIPE */
	}
	kfree(e);
	if (--p->ends == 0) {
		kfree(p->ring.buf);
		kfree(p);
	}
}

static const struct object_ops end_ops = { end_destroy };

static struct pipe_end *
new_end(struct pipe *p, int write, uint32_t flags)
{
	struct pipe_end *e;

	if ((e = kzalloc(sizeof(*e))) == NULL)
		return NULL;
	object_init(&e->obj, RX_OBJ_PIPE, &end_ops);
	e->pipe = p;
	e->write = write;
	e->flags = flags;
	p->ends++;
	if (write)
		p->writers++;
	else
		p->readers++;
	return e;
}

int
pipe_create(uint32_t flags, struct pipe_end **rd, struct pipe_end **wr)
{
	struct pipe *p;
	void *buf;

	if ((p = kzalloc(sizeof(*p))) == NULL)
		return -LX_ENOMEM;
	if ((buf = kmalloc(PIPE_CAPACITY)) == NULL) {
		kfree(p);
		return -LX_ENOMEM;
	}
	ring_init(&p->ring, buf, PIPE_CAPACITY);
	if ((*rd = new_end(p, 0, flags)) == NULL) {
		kfree(buf);
		kfree(p);
		return -LX_ENOMEM;
	}
	if ((*wr = new_end(p, 1, flags)) == NULL) {
		object_unref(&(*rd)->obj);	/* frees the pipe too */
		return -LX_ENOMEM;
	}
	return 0;
}

long
pipe_read(struct pipe_end *e, void *buf, size_t n)
{
	struct pipe *p = e->pipe;
	uint32_t got;

	if (e->write)
		return -LX_EBADF;
	if (n == 0)
		return 0;
	if (ring_used(&p->ring) == 0)
		return p->writers == 0 ? 0 : -LX_EAGAIN;
	got = ring_read(&p->ring, buf, n > PIPE_CAPACITY ? PIPE_CAPACITY : (uint32_t)n);
	wake(p, PIPE_WAKE_WRITERS);
	return (long)got;
}

long
pipe_write(struct pipe_end *e, const void *buf, size_t n)
{
	struct pipe *p = e->pipe;
	uint32_t put;

	if (!e->write)
		return -LX_EBADF;
	if (p->readers == 0)
		return -LX_EPIPE;
	if (n == 0)
		return 0;
	if (n <= PIPE_ATOMIC && ring_space(&p->ring) < n)
		return -LX_EAGAIN;	/* all or nothing */
	put = ring_write(&p->ring, buf, n > PIPE_CAPACITY ? PIPE_CAPACITY : (uint32_t)n);
	if (put == 0)
		return -LX_EAGAIN;
	wake(p, PIPE_WAKE_READERS);
	return (long)put;
}

int
pipe_poll(const struct pipe_end *e)
{
	const struct pipe *p = e->pipe;
	int ev = 0;

	if (e->write) {
		if (p->readers == 0)
			ev |= LX_POLLERR;
		else if (ring_space(&p->ring) >= PIPE_ATOMIC)
			ev |= LX_POLLOUT;
	} else {
		if (ring_used(&p->ring) > 0)
			ev |= LX_POLLIN;
		if (p->writers == 0)
			ev |= LX_POLLHUP;
	}
	return ev;
}

uint32_t
pipe_available(const struct pipe_end *e)
{
	return ring_used(&e->pipe->ring);
}

void
pipe_set_wake(struct pipe_end *e, void (*fn)(void *ctx, int what), void *ctx)
{
	e->pipe->wake = fn;
	e->pipe->wake_ctx = ctx;
}
