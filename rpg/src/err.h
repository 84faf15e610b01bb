/* err.h - rpg: error codes and the one way library modules report failure */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_ERR_H
#define RPG_ERR_H

/*
 * Library functions return 0 on success or a negative code: either -errno
 * for a system error, or one of these (all below -1024, so they never
 * collide with errno). The human detail goes into ctx->err via rpg_fail().
 */
enum {
	RPG_E_FIRST = -1024,
	RPG_E_USAGE = -1025,	/* bad command line or argument */
	RPG_E_FORMAT = -1026,	/* malformed recipe, manifest, index, key, signature, archive */
	RPG_E_BADSIG = -1027,	/* signature does not verify */
	RPG_E_UNTRUSTED = -1028, /* signed by a key that is not trusted */
	RPG_E_HASH = -1029,	/* hash or size mismatch */
	RPG_E_UNSAFE = -1030,	/* path escapes the root, device node, hard link, undeclared setuid… */
	RPG_E_CONFLICT = -1031,	/* file or package conflict */
	RPG_E_DEPENDS = -1032,	/* unsatisfiable dependency */
	RPG_E_NOTFOUND = -1033,	/* no such package, file or slot */
	RPG_E_REPLAY = -1034,	/* repository index serial went backwards */
	RPG_E_FETCH = -1035,	/* download failed */
	RPG_E_LOCKED = -1036,	/* another rpg holds the lock */
	RPG_E_BUILD = -1037,	/* a recipe step failed */
	RPG_E_NOMEM = -1038,
	RPG_E_INTERNAL = -1039,
	RPG_E_LAST = -1040
};

struct rpg_ctx;

/* Format a message into ctx->err, set ctx->err.code = code, return code. Prints nothing. */
int rpg_fail(struct rpg_ctx *ctx, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A short static name for a code ("signature does not verify", or strerror for -errno). */
const char *rpg_strerror(int code);

#endif
