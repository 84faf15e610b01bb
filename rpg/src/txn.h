/* txn.h - rpg: verified package files and atomic, crash-safe transactions */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_TXN_H
#define RPG_TXN_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "db.h"
#include "hash.h"
#include "manifest.h"
#include "sign.h"

/* An opened .rpg whose manifest signature has been verified. */
struct rpg_pkgfile {
	struct rpg_manifest *m;
	int fd;				/* the .rpg, read again to stream the payload */
	char *what;			/* its path, for messages */
	uint8_t mhash[RPG_SHA256_LEN];	/* of the verified manifest bytes */
};

/*
 * Open path, read its manifest and signature, verify the signature with
 * one of keys, parse the manifest. *out is the caller's (rpg_pkg_close).
 */
int rpg_pkg_open(struct rpg_ctx *ctx, const char *path, const struct rpg_pubkey *keys,
    size_t nkeys, struct rpg_pkgfile **out);
void rpg_pkg_close(struct rpg_pkgfile *p);
/*
 * Extract p's payload into the empty directory dirfd, checking every
 * entry against the signed manifest exactly as an install does. On
 * failure the directory may hold a partial tree: the caller removes it.
 */
int rpg_pkg_extract(struct rpg_ctx *ctx, struct rpg_pkgfile *p, int dirfd);

/* Progress callback: bytes done of total. */
typedef void (*rpg_progress_fn)(void *arg, const char *what, uint64_t done, uint64_t total);

struct rpg_txn;

/* A new empty transaction on db (which must be open for writing). */
int rpg_txn_new(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_txn **out);
/* Install or upgrade to p (the transaction takes p over). */
int rpg_txn_add_install(struct rpg_ctx *ctx, struct rpg_txn *t, struct rpg_pkgfile *p);
/* Remove the installed package name. */
int rpg_txn_add_remove(struct rpg_ctx *ctx, struct rpg_txn *t, const char *name);
void rpg_txn_set_progress(struct rpg_txn *t, rpg_progress_fn fn, void *arg);
/*
 * Check the whole transaction against the db and the file system (file
 * conflicts, unsafe paths) before writing anything, then stage every
 * payload, journal, commit by rename and update the db. On failure the
 * root is left as it was. The db is reloaded on success.
 */
int rpg_txn_run(struct rpg_ctx *ctx, struct rpg_txn *t);
void rpg_txn_free(struct rpg_txn *t);

/*
 * Finish (journal state commit) or undo (state prepare) an interrupted
 * transaction. Returns 1 when there was one, 0 when not, or a negative code.
 */
int rpg_txn_recover(struct rpg_ctx *ctx, struct rpg_db *db);

#endif
