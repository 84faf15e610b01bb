/* buf.c - rpg: a growing text buffer and a JSON string writer */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static int
grow(struct rpg_buf *b, size_t n)
{
	size_t cap;
	char *p;

	if (b->oom) {
		return -1;
	}
	if (b->len + n + 1 <= b->cap) {
		return 0;
	}
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1) {
		cap *= 2;
	}
	if ((p = realloc(b->p, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void
rpg_buf_put(struct rpg_buf *b, const void *s, size_t n)
{
	if (grow(b, n) != 0) {
		return;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
rpg_buf_puts(struct rpg_buf *b, const char *s)
{
	rpg_buf_put(b, s, strlen(s));
}

void
rpg_buf_printf(struct rpg_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || grow(b, (size_t)n) != 0) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
rpg_buf_json_str(struct rpg_buf *b, const char *s)
{
	const unsigned char *p;
	const char *esc;

	rpg_buf_put(b, "\"", 1);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		esc = NULL;
		switch (*p) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\t':
			esc = "\\t";
			break;
		default:
			break;
		}
		if (esc != NULL) {
			rpg_buf_puts(b, esc);
		} else if (*p < 0x20 || *p == 0x7f) {
			rpg_buf_printf(b, "\\u%04x", *p);
		} else {
			rpg_buf_put(b, p, 1);
		}
	}
	rpg_buf_put(b, "\"", 1);
}

char *
rpg_buf_take(struct rpg_buf *b, size_t *len)
{
	char *p;

	if (b->oom || grow(b, 0) != 0) {
		rpg_buf_free(b);
		return NULL;
	}
	p = b->p;
	if (len != NULL) {
		*len = b->len;
	}
	memset(b, 0, sizeof(*b));
	return p;
}

void
rpg_buf_free(struct rpg_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

int
rpg_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned cp;
	int n, i;

	while (*p != '\0') {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf) {
			n = 1, cp = *p & 0x1f;
		} else if (*p >= 0xe0 && *p <= 0xef) {
			n = 2, cp = *p & 0x0f;
		} else if (*p >= 0xf0 && *p <= 0xf4) {
			n = 3, cp = *p & 0x07;
		} else {
			return 0;
		}
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80) {
				return 0;
			}
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff))) {
			return 0;
		}
		p += n + 1;
	}
	return 1;
}
