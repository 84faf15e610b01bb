/* options.h - kernel: the parsed command line, one field per row of options.def */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_BOOT_OPTIONS_H
#define RUSTUX_BOOT_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#define OPT_STR_MAX	64
#define OPT_T_STR	char
#define OPT_T_UINT	uint64_t
#define OPT_T_BOOL	int

struct boot_options {
#define RX_OPTION(key, kind, field, def, doc)	OPT_FIELD_##kind(field);
#define OPT_FIELD_STR(f)	char f[OPT_STR_MAX]
#define OPT_FIELD_UINT(f)	uint64_t f
#define OPT_FIELD_BOOL(f)	int f
#include "boot/options.def"
#undef RX_OPTION
	char rest[256];		/* words no row claims, for init, space-separated */
	unsigned bad;		/* options with a malformed value (defaults kept) */
};

/* One row of the table, for documentation and `features`. */
struct boot_option_doc {
	const char *key;
	const char *kind;
	const char *def;
	const char *doc;
};

extern const struct boot_option_doc boot_option_docs[];
extern const size_t boot_option_count;

/*
 * Fills opts with the defaults, then applies every "key=value" word of
 * cmdline (at most len bytes; stops at NUL). Never fails: a malformed value
 * keeps the default and counts in opts->bad.
 */
void	boot_options_parse(struct boot_options *opts, const char *cmdline, size_t len);

#endif
