/* loaderconf.c - parse and write EFI/Rustux/loader.conf (pure C, loader and host) */
/* SPDX-License-Identifier: MIT */
#include "loaderconf.h"

/* Known keys, one row each; slot keys are "slot-X-" + a field below. */
enum lc_key {
	K_DEFAULT, K_FALLBACK, K_TRIES, K_TIMEOUT, K_CMDLINE,
	K_VERSION, K_STATE, K_SLOT_TRIES, K_UNKNOWN
};

static const struct {
	const char *name;
	enum lc_key key;
} global_keys[] = {
	{ "default", K_DEFAULT },
	{ "fallback", K_FALLBACK },
	{ "tries", K_TRIES },
	{ "timeout", K_TIMEOUT },
	{ "cmdline", K_CMDLINE },
}, slot_keys[] = {
	{ "version", K_VERSION },
	{ "state", K_STATE },
	{ "tries", K_SLOT_TRIES },
};

static const char *const state_names[] = {
	[LC_STATE_CONFIRMED] = "confirmed",
	[LC_STATE_NEW] = "new",
	[LC_STATE_FAILED] = "failed",
};

static const char *const errors[LC_ERR_COUNT] = {
	[LC_OK] = "ok",
	[LC_ERR_TOO_LONG] = "file too long",
	[LC_ERR_LINE_TOO_LONG] = "line too long",
	[LC_ERR_BAD_BYTE] = "control or non-ASCII byte",
	[LC_ERR_BAD_KEY] = "malformed key",
	[LC_ERR_NO_VALUE] = "key without a value",
	[LC_ERR_BAD_SLOT] = "slot must be a or b",
	[LC_ERR_BAD_NUMBER] = "number malformed or out of range",
	[LC_ERR_BAD_STATE] = "state must be new, confirmed or failed",
	[LC_ERR_BAD_VERSION] = "version empty, too long or with spaces",
	[LC_ERR_DUPLICATE] = "key given twice",
	[LC_ERR_EXTRA_FULL] = "too many unknown keys",
	[LC_ERR_NO_SPACE] = "output buffer too small",
};

/* A view into the input: pointer and length, never NUL-terminated. */
struct span {
	const char *p;
	size_t n;
};

static void
zero(void *p, size_t n)
{
	unsigned char *d = p;

	while (n--)
		*d++ = 0;
}

static size_t
cstrlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

static int
span_is(struct span s, const char *word)
{
	size_t i;

	for (i = 0; i < s.n; i++)
		if (word[i] == '\0' || word[i] != s.p[i])
			return 0;
	return word[i] == '\0';
}

static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Copy a span into a fixed buffer as a C string; the caller checked n < cap. */
static void
span_copy(char *dst, size_t cap, struct span s)
{
	zero(dst, cap);
	for (size_t i = 0; i < s.n; i++)
		dst[i] = s.p[i];
}

void
lc_init(struct loaderconf *c)
{
	zero(c, sizeof(*c));
	c->default_slot = 'a';
	c->fallback_slot = 'a';
	c->tries = 3;
	c->slot[0].state = LC_STATE_CONFIRMED;
	c->slot[1].state = LC_STATE_CONFIRMED;
}

struct lc_slot *
lc_slot(struct loaderconf *c, char letter)
{
	if (letter == 'a')
		return &c->slot[0];
	if (letter == 'b')
		return &c->slot[1];
	return NULL;
}

const char *
lc_state_name(int state)
{
	if (state < 0 || state > LC_STATE_FAILED)
		return "?";
	return state_names[state];
}

const char *
lc_strerror(int err)
{
	if (err < 0 || err >= LC_ERR_COUNT)
		return "unknown error";
	return errors[err];
}

static int
parse_slot_letter(struct span v, char *out)
{
	if (v.n != 1 || (v.p[0] != 'a' && v.p[0] != 'b'))
		return LC_ERR_BAD_SLOT;
	*out = v.p[0];
	return LC_OK;
}

static int
parse_number(struct span v, unsigned max, unsigned *out)
{
	unsigned n = 0;

	if (v.n == 0 || v.n > 5)
		return LC_ERR_BAD_NUMBER;
	for (size_t i = 0; i < v.n; i++) {
		if (v.p[i] < '0' || v.p[i] > '9')
			return LC_ERR_BAD_NUMBER;
		n = n * 10 + (unsigned)(v.p[i] - '0');
	}
	if (n > max)
		return LC_ERR_BAD_NUMBER;
	*out = n;
	return LC_OK;
}

static int
valid_version(const char *p, size_t n)
{
	if (n == 0 || n >= LC_VERSION_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (p[i] <= ' ' || p[i] > '~')
			return 0;
	return 1;
}

static int
valid_cmdline(const char *p, size_t n)
{
	if (n >= LC_CMDLINE_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((p[i] < ' ' && p[i] != '\t') || p[i] > '~')
			return 0;
	return 1;
}

static int
parse_state(struct span v, uint8_t *out)
{
	for (unsigned i = 0; i <= LC_STATE_FAILED; i++) {
		if (span_is(v, state_names[i])) {
			*out = (uint8_t)i;
			return LC_OK;
		}
	}
	return LC_ERR_BAD_STATE;
}

/* Which key is this? Sets *slot to the slot index for slot keys. */
static enum lc_key
classify(struct span k, int *slot)
{
	struct span field;

	for (size_t i = 0; i < sizeof(global_keys) / sizeof(global_keys[0]); i++)
		if (span_is(k, global_keys[i].name))
			return global_keys[i].key;
	if (k.n < 8 || !span_is((struct span){ k.p, 5 }, "slot-") ||
	    k.p[6] != '-')
		return K_UNKNOWN;
	field = (struct span){ k.p + 7, k.n - 7 };
	for (size_t i = 0; i < sizeof(slot_keys) / sizeof(slot_keys[0]); i++) {
		if (span_is(field, slot_keys[i].name)) {
			*slot = k.p[5] == 'a' ? 0 : k.p[5] == 'b' ? 1 : -1;
			return slot_keys[i].key;
		}
	}
	return K_UNKNOWN;
}

static int
keep_unknown(struct loaderconf *c, struct span line)
{
	if ((size_t)c->extra_len + line.n + 1 >= LC_EXTRA_MAX)
		return LC_ERR_EXTRA_FULL;
	for (size_t i = 0; i < line.n; i++)
		c->extra[c->extra_len++] = line.p[i];
	c->extra[c->extra_len++] = '\n';
	return LC_OK;
}

/* Apply one key; seen is a bit set of keys already given (dup check). */
static int
apply(struct loaderconf *c, struct span k, struct span v, struct span line,
    uint32_t *seen, uint8_t *slot_tries_set)
{
	int slot = -1;
	unsigned n;
	int err;
	enum lc_key key = classify(k, &slot);
	uint32_t bit;

	if (key == K_UNKNOWN)
		return keep_unknown(c, line);
	if (key >= K_VERSION && slot < 0)
		return LC_ERR_BAD_SLOT;
	bit = 1u << (key + (slot > 0 ? 8 : 0));
	if (*seen & bit)
		return LC_ERR_DUPLICATE;
	*seen |= bit;
	if (v.n == 0 && key != K_CMDLINE)
		return LC_ERR_NO_VALUE;
	switch (key) {
	case K_DEFAULT:
		return parse_slot_letter(v, &c->default_slot);
	case K_FALLBACK:
		return parse_slot_letter(v, &c->fallback_slot);
	case K_TRIES:
		if ((err = parse_number(v, LC_TRIES_MAX, &n)) == LC_OK)
			c->tries = (uint8_t)n;
		return err;
	case K_TIMEOUT:
		if ((err = parse_number(v, LC_TIMEOUT_MAX, &n)) == LC_OK)
			c->timeout = (uint16_t)n;
		return err;
	case K_CMDLINE:
		if (!valid_cmdline(v.p, v.n))
			return LC_ERR_LINE_TOO_LONG;
		span_copy(c->cmdline, sizeof(c->cmdline), v);
		return LC_OK;
	case K_VERSION:
		if (!valid_version(v.p, v.n))
			return LC_ERR_BAD_VERSION;
		span_copy(c->slot[slot].version, LC_VERSION_MAX, v);
		return LC_OK;
	case K_STATE:
		return parse_state(v, &c->slot[slot].state);
	case K_SLOT_TRIES:
		if ((err = parse_number(v, LC_TRIES_MAX, &n)) == LC_OK) {
			c->slot[slot].tries = (uint8_t)n;
			*slot_tries_set |= (uint8_t)(1u << slot);
		}
		return err;
	default:
		return LC_ERR_BAD_KEY;
	}
}

static int
check_key(struct span k)
{
	if (k.n == 0 || k.n > LC_KEY_MAX)
		return LC_ERR_BAD_KEY;
	for (size_t i = 0; i < k.n; i++) {
		char ch = k.p[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    ch == '-'))
			return LC_ERR_BAD_KEY;
	}
	return LC_OK;
}

/* Split one line (no newline) into key and value and apply it. */
static int
parse_line(struct loaderconf *c, struct span line, uint32_t *seen,
    uint8_t *slot_tries_set)
{
	size_t i = 0, end = line.n;
	struct span k, v;
	int err;

	if (end > 0 && line.p[end - 1] == '\r')
		end--;
	if (end > LC_LINE_MAX)
		return LC_ERR_LINE_TOO_LONG;
	for (size_t j = 0; j < end; j++)
		if ((line.p[j] < ' ' && line.p[j] != '\t') || line.p[j] > '~')
			return LC_ERR_BAD_BYTE;
	while (i < end && is_blank(line.p[i]))
		i++;
	while (end > i && is_blank(line.p[end - 1]))
		end--;
	if (i == end || line.p[i] == '#')
		return LC_OK;
	k.p = line.p + i;
	while (i < end && !is_blank(line.p[i]))
		i++;
	k.n = (size_t)(line.p + i - k.p);
	if ((err = check_key(k)) != LC_OK)
		return err;
	while (i < end && is_blank(line.p[i]))
		i++;
	v = (struct span){ line.p + i, end - i };
	return apply(c, k, v, (struct span){ k.p, end - (size_t)(k.p - line.p) },
	    seen, slot_tries_set);
}

int
lc_parse(struct loaderconf *c, const char *text, size_t len, unsigned *line)
{
	uint32_t seen = 0;
	uint8_t slot_tries_set = 0;
	unsigned lineno = 0;
	size_t start = 0;
	int err = LC_OK;

	lc_init(c);
	if (line != NULL)
		*line = 0;
	if (len > LC_TEXT_MAX)
		return LC_ERR_TOO_LONG;
	while (start < len) {
		size_t end = start;

		while (end < len && text[end] != '\n')
			end++;
		lineno++;
		err = parse_line(c, (struct span){ text + start, end - start },
		    &seen, &slot_tries_set);
		if (err != LC_OK) {
			if (line != NULL)
				*line = lineno;
			return err;
		}
		start = end + 1;
	}
	/* A new slot without its own tries starts with the global count. */
	for (int s = 0; s < 2; s++)
		if (c->slot[s].state == LC_STATE_NEW && !(slot_tries_set & (1u << s)))
			c->slot[s].tries = c->tries;
	return LC_OK;
}

/* Output cursor for lc_write: appends until full, then remembers the error. */
struct out {
	char *buf;
	size_t cap, len;
	int full;
};

static void
put(struct out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (o->len + 1 >= o->cap) {
			o->full = 1;
			return;
		}
		o->buf[o->len++] = s[i];
	}
}

static void
puts_(struct out *o, const char *s)
{
	put(o, s, cstrlen(s));
}

static void
put_uint(struct out *o, unsigned v)
{
	char tmp[12];
	size_t n = sizeof(tmp);

	do {
		tmp[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	put(o, tmp + n, sizeof(tmp) - n);
}

static void
put_kv(struct out *o, const char *key, const char *val)
{
	puts_(o, key);
	puts_(o, " ");
	puts_(o, val);
	puts_(o, "\n");
}

static void
put_knum(struct out *o, const char *key, unsigned val)
{
	puts_(o, key);
	puts_(o, " ");
	put_uint(o, val);
	puts_(o, "\n");
}

/* Refuse a struct whose text would not parse back into the same struct. */
static int
check_conf(const struct loaderconf *c)
{
	if ((c->default_slot != 'a' && c->default_slot != 'b') ||
	    (c->fallback_slot != 'a' && c->fallback_slot != 'b'))
		return LC_ERR_BAD_SLOT;
	if (c->tries > LC_TRIES_MAX || c->timeout > LC_TIMEOUT_MAX)
		return LC_ERR_BAD_NUMBER;
	for (size_t n = 0; n < LC_CMDLINE_MAX; n++) {
		if (c->cmdline[n] != '\0')
			continue;
		if (!valid_cmdline(c->cmdline, n) ||
		    (n > 0 && (is_blank(c->cmdline[0]) || is_blank(c->cmdline[n - 1]))))
			return LC_ERR_BAD_BYTE;
		break;
	}
	if (c->cmdline[LC_CMDLINE_MAX - 1] != '\0')
		return LC_ERR_LINE_TOO_LONG;
	for (int s = 0; s < 2; s++) {
		const struct lc_slot *sl = &c->slot[s];

		if (sl->version[LC_VERSION_MAX - 1] != '\0')
			return LC_ERR_BAD_VERSION;
		if (sl->version[0] != '\0' &&
		    !valid_version(sl->version, cstrlen(sl->version)))
			return LC_ERR_BAD_VERSION;
		if (sl->state > LC_STATE_FAILED)
			return LC_ERR_BAD_STATE;
		if (sl->tries > LC_TRIES_MAX)
			return LC_ERR_BAD_NUMBER;
	}
	if (c->extra_len >= LC_EXTRA_MAX)
		return LC_ERR_EXTRA_FULL;
	return LC_OK;
}

int
lc_write(const struct loaderconf *c, char *buf, size_t cap, size_t *len)
{
	struct out o = { buf, cap, 0, 0 };
	char key[16] = "slot-x-";
	char letter[2] = "a";
	int err;

	if (len != NULL)
		*len = 0;
	if ((err = check_conf(c)) != LC_OK)
		return err;
	if (cap == 0)
		return LC_ERR_NO_SPACE;
	puts_(&o, "# loader.conf - Rustux boot loader settings (docs/BOOT.md)\n");
	letter[0] = c->default_slot;
	put_kv(&o, "default", letter);
	letter[0] = c->fallback_slot;
	put_kv(&o, "fallback", letter);
	put_knum(&o, "tries", c->tries);
	put_knum(&o, "timeout", c->timeout);
	if (c->cmdline[0] != '\0')
		put_kv(&o, "cmdline", c->cmdline);
	for (int s = 0; s < 2; s++) {
		const struct lc_slot *sl = &c->slot[s];

		key[5] = (char)('a' + s);
		if (sl->version[0] != '\0') {
			span_copy(key + 7, sizeof(key) - 7, (struct span){ "version", 7 });
			put_kv(&o, key, sl->version);
		}
		span_copy(key + 7, sizeof(key) - 7, (struct span){ "state", 5 });
		put_kv(&o, key, state_names[sl->state]);
		span_copy(key + 7, sizeof(key) - 7, (struct span){ "tries", 5 });
		put_knum(&o, key, sl->tries);
	}
	put(&o, c->extra, c->extra_len);
	buf[o.len] = '\0';
	if (o.full)
		return LC_ERR_NO_SPACE;
	if (len != NULL)
		*len = o.len;
	return LC_OK;
}
