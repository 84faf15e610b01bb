/* pipe.h - kernel: pipes: a 64 KiB ring shared by a read end and a write end object */
/* SPDX-License-Identifier: MIT */
/*
 * Each end is a kernel object (RX_OBJ_PIPE) that descriptors point to;
 * fork and dup share end objects, so "no writers left" means every write
 * end object is gone. Nothing here sleeps: -LX_EAGAIN tells a blocking
 * caller to wait on the pipe's wait hook and retry, and the wake hook is
 * called whenever data, space or a hang-up appears. Semantics follow
 * pipe(7): writes of at most PIPE_BUF bytes are atomic, reads return what
 * is there, EOF once the last writer is gone, EPIPE once the last reader is.
 */
#ifndef RUSTUX_IPC_PIPE_H
#define RUSTUX_IPC_PIPE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/ring.h"
#include "object/object.h"

#define PIPE_CAPACITY	65536
#define PIPE_ATOMIC	4096	/* PIPE_BUF */

#define PIPE_WAKE_READERS	1	/* data or EOF appeared */
#define PIPE_WAKE_WRITERS	2	/* space appeared or the readers left */

struct pipe {
	struct ring	 ring;
	uint32_t	 readers, writers;	/* live end objects */
	uint32_t	 ends;			/* end objects referring to this pipe */
	void		(*wake)(void *ctx, int what);	/* the scheduler's hook, or NULL */
	void		*wake_ctx;
};

struct pipe_end {
	struct object	 obj;		/* RX_OBJ_PIPE */
	struct pipe	*pipe;
	int		 write;		/* 1: the write end */
	uint32_t	 flags;		/* LX_O_NONBLOCK, LX_O_CLOEXEC (pipe2) */
};

/* The pipe's inode number (fstat's st_ino, /proc's pipe:[N]): stable while it lives. */
static inline uint64_t
pipe_ino(const struct pipe *pp)
{
	return ((uint64_t)(uintptr_t)pp >> 4) & 0xffffffffULL;
}

/* A new pipe; each end carries one reference for the caller. -LX_ENOMEM. */
int	pipe_create(uint32_t flags, struct pipe_end **rd, struct pipe_end **wr);
/*
 * Reads up to n bytes: the count, 0 at EOF (empty, no writers), -LX_EAGAIN
 * (empty, writers left: wait or fail with O_NONBLOCK), -LX_EBADF on a
 * write end.
 */
long	pipe_read(struct pipe_end *e, void *buf, size_t n);
/*
 * Writes: n <= PIPE_ATOMIC goes in whole or not at all; larger writes
 * take what fits. Returns the count, -LX_EAGAIN when nothing could go in,
 * -LX_EPIPE without readers (the caller also raises SIGPIPE), -LX_EBADF
 * on a read end.
 */
long	pipe_write(struct pipe_end *e, const void *buf, size_t n);
/* poll(2) bits for e: LX_POLLIN, LX_POLLOUT, LX_POLLHUP, LX_POLLERR. */
int	pipe_poll(const struct pipe_end *e);
/* FIONREAD: bytes waiting. */
uint32_t pipe_available(const struct pipe_end *e);
/* Installs the wake hook (the scheduler's wait queue) on e's pipe. */
void	pipe_set_wake(struct pipe_end *e, void (*wake)(void *ctx, int what), void *ctx);

#endif
