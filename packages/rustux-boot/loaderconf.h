/* loaderconf.h - parse and write EFI/Rustux/loader.conf (pure C, loader and host) */
/* SPDX-License-Identifier: MIT */
/*
 * loader.conf is a small text file: one "key value" per line, '#' starts a
 * comment line, blank lines are ignored. docs/BOOT.md lists every key.
 *
 * This module is pure: it includes <stddef.h> and <stdint.h> only, touches
 * no global state and never allocates, so the UEFI loader and rpg (on the
 * host) compile the same file. Every length is bounded; hostile input gives
 * an error value with the line number, never a crash.
 *
 * Unknown keys are PRESERVED (up to LC_EXTRA_MAX bytes) and written back
 * after the known ones, so an older loader does not destroy settings a newer
 * rpg wrote. Comments are not preserved: lc_write() emits one header comment.
 */
#ifndef RUSTUX_BOOT_LOADERCONF_H
#define RUSTUX_BOOT_LOADERCONF_H

#include <stddef.h>
#include <stdint.h>

#define LC_TEXT_MAX	8192	/* whole file, bytes */
#define LC_LINE_MAX	1100	/* one line, bytes, without the newline */
#define LC_KEY_MAX	32	/* key length, bytes */
#define LC_CMDLINE_MAX	1024	/* cmdline value including the NUL */
#define LC_VERSION_MAX	32	/* slot version including the NUL (= bootinfo) */
#define LC_EXTRA_MAX	1024	/* preserved unknown lines, bytes with newlines */
#define LC_TRIES_MAX	99
#define LC_TIMEOUT_MAX	600

/* Slot states; the numbering is private, the file spells them out. */
enum lc_state {
	LC_STATE_CONFIRMED = 0,	/* known good (also the default when unset) */
	LC_STATE_NEW = 1,	/* installed, boots while tries are left */
	LC_STATE_FAILED = 2,	/* spent its tries or did not load: never default */
};

enum lc_err {
	LC_OK = 0,
	LC_ERR_TOO_LONG,	/* the file exceeds LC_TEXT_MAX */
	LC_ERR_LINE_TOO_LONG,	/* a line exceeds LC_LINE_MAX */
	LC_ERR_BAD_BYTE,	/* NUL or another control byte */
	LC_ERR_BAD_KEY,		/* key is not [a-z0-9-]{1,LC_KEY_MAX} */
	LC_ERR_NO_VALUE,	/* key without a value */
	LC_ERR_BAD_SLOT,	/* slot letter is not a or b */
	LC_ERR_BAD_NUMBER,	/* not a decimal number in range */
	LC_ERR_BAD_STATE,	/* not new|confirmed|failed */
	LC_ERR_BAD_VERSION,	/* empty, too long or has spaces */
	LC_ERR_DUPLICATE,	/* a known key given twice */
	LC_ERR_EXTRA_FULL,	/* too many unknown keys to preserve */
	LC_ERR_NO_SPACE,	/* lc_write: output buffer too small */
	LC_ERR_COUNT
};

struct lc_slot {
	char version[LC_VERSION_MAX];	/* "" when unknown */
	uint8_t state;			/* enum lc_state */
	uint8_t tries;			/* tries left (meaningful when state is NEW) */
};

struct loaderconf {
	char default_slot;		/* 'a' or 'b' */
	char fallback_slot;		/* 'a' or 'b' */
	uint8_t tries;			/* tries a newly installed kernel gets */
	uint16_t timeout;		/* menu timeout in seconds, 0 = no menu */
	char cmdline[LC_CMDLINE_MAX];	/* kernel command line, "" when unset */
	struct lc_slot slot[2];		/* [0] = slot a, [1] = slot b */
	char extra[LC_EXTRA_MAX];	/* unknown "key value\n" lines, verbatim */
	uint16_t extra_len;
};

/* Fill *c with the defaults: default a, fallback a, tries 3, timeout 0,
 * empty cmdline, both slots confirmed with unknown versions. */
void lc_init(struct loaderconf *c);

/* Parse len bytes of text into *c (lc_init first, then each key). On error
 * returns an LC_ERR_* and, if line is not NULL, the 1-based line at fault;
 * *c is then partly filled and must not be used. */
int lc_parse(struct loaderconf *c, const char *text, size_t len,
    unsigned *line);

/* Serialize *c into buf (cap bytes), NUL-terminated. Returns LC_OK and the
 * length without the NUL in *len, or LC_ERR_NO_SPACE. The output parses
 * back into an equal struct. */
int lc_write(const struct loaderconf *c, char *buf, size_t cap, size_t *len);

/* One line of English for an LC_* value. */
const char *lc_strerror(int err);

/* The slot struct for a letter, NULL if it is not 'a' or 'b'. */
struct lc_slot *lc_slot(struct loaderconf *c, char letter);
const char *lc_state_name(int state);

#endif
