/* options.c - kernel: command-line parsing driven by options.def (pure, host-testable) */
/* SPDX-License-Identifier: MIT */
#include "boot/options.h"
#include "lib/string.h"

#define STR_(x)	#x
#define STR(x)	STR_(x)

const struct boot_option_doc boot_option_docs[] = {
#define RX_OPTION(key, kind, field, def, doc)	{ key, #kind, STR(def), doc },
#include "boot/options.def"
#undef RX_OPTION
};
const size_t boot_option_count = sizeof(boot_option_docs) / sizeof(boot_option_docs[0]);

static int
parse_uint(const char *v, size_t n, uint64_t *out)
{
	uint64_t x = 0;
	unsigned base = 10, d;
	size_t i = 0;

	if (n > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')) {
		base = 16;
		i = 2;
	}
	if (i == n) {
		return -1;
	}
	for (; i < n; i++) {
		char c = v[i];

		if (c >= '0' && c <= '9') {
			d = (unsigned)(c - '0');
		} else if (base == 16 && c >= 'a' && c <= 'f') {
			d = (unsigned)(c - 'a' + 10);
		} else if (base == 16 && c >= 'A' && c <= 'F') {
			d = (unsigned)(c - 'A' + 10);
		} else {
			return -1;
		}
		if (x > (UINT64_MAX - d) / base) {
			return -1;
		}
		x = x * base + d;
	}
	*out = x;
	return 0;
}

static int
word_is(const char *v, size_t n, const char *w)
{
	return strlen(w) == n && strncmp(v, w, n) == 0;
}

static int
parse_bool(const char *v, size_t n, int *out)
{
	if (word_is(v, n, "1") || word_is(v, n, "yes") || word_is(v, n, "on")) {
		*out = 1;
	} else if (word_is(v, n, "0") || word_is(v, n, "no") || word_is(v, n, "off")) {
		*out = 0;
	} else {
		return -1;
	}
	return 0;
}

static int
parse_str(const char *v, size_t n, char *out)
{
	if (n >= OPT_STR_MAX) {
		return -1;
	}
	memcpy(out, v, n);
	out[n] = '\0';
	return 0;
}

#define OPT_PARSE_STR(f)	parse_str(v, vn, opts->f)
#define OPT_PARSE_UINT(f)	parse_uint(v, vn, &opts->f)
#define OPT_PARSE_BOOL(f)	parse_bool(v, vn, &opts->f)

/* Applies one word; returns 1 if a row claimed it, 0 if not. */
static int
apply(struct boot_options *opts, const char *w, size_t wn)
{
	const char *eq = w, *v;
	size_t kn, vn;

	while (eq < w + wn && *eq != '=') {
		eq++;
	}
	kn = (size_t)(eq - w);
	v = eq < w + wn ? eq + 1 : "1";
	vn = eq < w + wn ? wn - kn - 1 : 1;
#define RX_OPTION(key, kind, field, def, doc)				\
	if (word_is(w, kn, key)) {					\
		if (OPT_PARSE_##kind(field) != 0) {			\
			opts->bad++;					\
		}							\
		return 1;						\
	}
#include "boot/options.def"
#undef RX_OPTION
	return 0;
}

static void
keep_rest(struct boot_options *opts, const char *w, size_t wn)
{
	size_t used = strlen(opts->rest);

	if (used + wn + 2 > sizeof(opts->rest)) {
		return;
	}
	if (used > 0) {
		opts->rest[used++] = ' ';
	}
	memcpy(opts->rest + used, w, wn);
	opts->rest[used + wn] = '\0';
}

static void
set_defaults(struct boot_options *opts)
{
	memset(opts, 0, sizeof(*opts));
#define OPT_DEF_STR(f, d)	strlcpy(opts->f, d, sizeof(opts->f))
#define OPT_DEF_UINT(f, d)	(opts->f = (d))
#define OPT_DEF_BOOL(f, d)	(opts->f = (d))
#define RX_OPTION(key, kind, field, def, doc)	OPT_DEF_##kind(field, def);
#include "boot/options.def"
#undef RX_OPTION
}

void
boot_options_parse(struct boot_options *opts, const char *cmdline, size_t len)
{
	size_t i = 0, start;

	set_defaults(opts);
	if (cmdline == NULL) {
		return;
	}
	while (i < len && cmdline[i] != '\0') {
		while (i < len && (cmdline[i] == ' ' || cmdline[i] == '\t' || cmdline[i] == '\n')) {
			i++;
		}
		start = i;
		while (i < len && cmdline[i] != '\0' && cmdline[i] != ' ' &&
		    cmdline[i] != '\t' && cmdline[i] != '\n') {
			i++;
		}
		if (i > start && !apply(opts, cmdline + start, i - start)) {
			keep_rest(opts, cmdline + start, i - start);
		}
	}
}
