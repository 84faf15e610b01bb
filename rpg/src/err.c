/* err.c - rpg: rpg_fail() and the names of error codes */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "err.h"

static const struct {
	int code;
	const char *name;
} names[] = {
	{ RPG_E_USAGE, "usage error" },
	{ RPG_E_FORMAT, "malformed data" },
	{ RPG_E_BADSIG, "signature does not verify" },
	{ RPG_E_UNTRUSTED, "signed by an untrusted key" },
	{ RPG_E_HASH, "hash or size mismatch" },
	{ RPG_E_UNSAFE, "unsafe entry" },
	{ RPG_E_CONFLICT, "conflict" },
	{ RPG_E_DEPENDS, "unsatisfiable dependency" },
	{ RPG_E_NOTFOUND, "not found" },
	{ RPG_E_REPLAY, "repository index serial went backwards" },
	{ RPG_E_FETCH, "download failed" },
	{ RPG_E_LOCKED, "another rpg holds the lock" },
	{ RPG_E_BUILD, "recipe step failed" },
	{ RPG_E_NOMEM, "out of memory" },
	{ RPG_E_INTERNAL, "internal error" },
};

int
rpg_fail(struct rpg_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	if (ctx == NULL) {
		return code;
	}
	va_start(ap, fmt);
	vsnprintf(ctx->err.msg, sizeof(ctx->err.msg), fmt, ap);
	va_end(ap);
	ctx->err.code = code;
	return code;
}

const char *
rpg_strerror(int code)
{
	size_t i;

	if (code == 0) {
		return "success";
	}
	if (code > RPG_E_FIRST) {
		return strerror(-code);
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].code == code) {
			return names[i].name;
		}
	}
	return "unknown error";
}
