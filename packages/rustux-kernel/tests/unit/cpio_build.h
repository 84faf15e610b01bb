/* cpio_build.h - kernel unit tests: build newc cpio archives in memory */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_TESTS_CPIO_BUILD_H
#define RUSTUX_TESTS_CPIO_BUILD_H

#include <stdio.h>
#include <string.h>

struct cpio_buf {
	char	data[1 << 16];
	size_t	len;
};

/* Appends one entry (header, name, padding, data, padding). */
static void
cb_add(struct cpio_buf *b, const char *name, unsigned mode, unsigned ino, unsigned nlink,
    const void *data, size_t size)
{
	size_t nsz = strlen(name) + 1;

	b->len += (size_t)sprintf(b->data + b->len,
	    "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
	    ino, mode, 0u, 0u, nlink, 1700000000u, (unsigned)size, 0u, 0u, 0u, 0u,
	    (unsigned)nsz, 0u);
	memcpy(b->data + b->len, name, nsz);
	b->len += nsz;
	while (b->len % 4)
		b->data[b->len++] = 0;
	memcpy(b->data + b->len, data, size);
	b->len += size;
	while (b->len % 4)
		b->data[b->len++] = 0;
}

static void
cb_trailer(struct cpio_buf *b)
{
	cb_add(b, "TRAILER!!!", 0, 0, 1, "", 0);
}

#endif
