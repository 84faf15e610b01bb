/* cpio.h - pure parser of "newc" cpio archives (the initrd), safe on hostile input */
/* SPDX-License-Identifier: MIT */
/*
 * cpio_next() walks an archive in memory one entry at a time and never
 * reads outside [base, base + len): every size is checked against what is
 * left before it is used, names are bounded and must be NUL-terminated
 * exactly where namesize says, and the archive must end with TRAILER!!!.
 * Entries point into the archive; nothing is copied or allocated.
 */
#ifndef RUSTUX_LIB_CPIO_H
#define RUSTUX_LIB_CPIO_H

#include <stddef.h>
#include <stdint.h>

#define CPIO_NAME_MAX	4096	/* namesize limit, NUL included (= PATH_MAX) */
#define CPIO_HEADER	110	/* "070701" + 13 fields of 8 hex digits */

enum cpio_err {
	CPIO_OK = 0,
	CPIO_ERR_TRUNCATED,	/* a header, name or data runs past the end */
	CPIO_ERR_MAGIC,		/* not 070701 / 070702 */
	CPIO_ERR_HEX,		/* a header field is not 8 hex digits */
	CPIO_ERR_NAME,		/* namesize 0 or > CPIO_NAME_MAX, or NUL misplaced */
	CPIO_ERR_NO_TRAILER,	/* the data ends without TRAILER!!! */
	CPIO_ERR_COUNT
};

struct cpio_entry {
	const char	*name;		/* NUL-terminated, namelen bytes before the NUL */
	size_t		 namelen;
	const void	*data;		/* file contents or symlink target */
	size_t		 size;
	uint32_t	 ino;
	uint32_t	 mode;		/* type and permission bits (S_IF*) */
	uint32_t	 uid, gid;
	uint32_t	 nlink;
	uint32_t	 mtime;
	uint32_t	 rdevmajor, rdevminor;
	size_t		 offset;	/* of the header, for error messages */
};

struct cpio_iter {
	const unsigned char	*base;
	size_t			 len;
	size_t			 off;	/* next header */
	int			 done;
};

void	cpio_iter_init(struct cpio_iter *it, const void *base, size_t len);
/*
 * Reads the next entry into *e. Returns 1 for an entry, 0 at TRAILER!!!
 * (then again 0), or -CPIO_ERR_* (e->offset says where); after an error
 * the iterator stays failed.
 */
int	cpio_next(struct cpio_iter *it, struct cpio_entry *e);
/* One line of English for a CPIO_ERR_* value (positive). */
const char *cpio_strerror(int err);

#endif
