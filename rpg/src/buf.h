/* buf.h - rpg: a growing text buffer and a JSON string writer (no json-c) */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_BUF_H
#define RPG_BUF_H

#include <stddef.h>

/*
 * A NUL-terminated buffer that grows as text is appended. An allocation
 * failure sets oom and makes every later append a no-op, so writers check
 * once at the end (rpg_buf_take returns NULL then).
 */
struct rpg_buf {
	char *p;
	size_t len;
	size_t cap;
	int oom;
};

void rpg_buf_put(struct rpg_buf *b, const void *s, size_t n);
void rpg_buf_puts(struct rpg_buf *b, const char *s);
void rpg_buf_printf(struct rpg_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append s as a JSON string literal, quotes included. */
void rpg_buf_json_str(struct rpg_buf *b, const char *s);
/* Hand the text to the caller (malloc'd) and reset b; NULL after an allocation failure. */
char *rpg_buf_take(struct rpg_buf *b, size_t *len);
void rpg_buf_free(struct rpg_buf *b);
/* 1 if s is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF). */
int rpg_utf8_valid(const char *s);

#endif
