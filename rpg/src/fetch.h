/* fetch.h - rpg: repositories over file:// and http(s)://, and the package cache */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_FETCH_H
#define RPG_FETCH_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "db.h"
#include "index.h"
#include "sign.h"

/* Progress callback for downloads: bytes done of total (0 when unknown). */
typedef void (*rpg_fetch_progress_fn)(void *arg, const char *what, uint64_t done,
    uint64_t total);

struct rpg_repo {
	char *url;		/* without a trailing '/' */
	char key[17];		/* short hash of url: names its cache and serial files */
	struct rpg_index *ix;	/* verified index */
};

struct rpg_repos {
	struct rpg_repo *v;
	size_t n;
	rpg_fetch_progress_fn progress;
	void *parg;
};

/*
 * The configured repositories: ctx->repo, else ROOT/etc/rpg/repos (one URL a
 * line, '#' comments). *out is the caller's even when empty.
 */
int rpg_fetch_repos(struct rpg_ctx *ctx, struct rpg_repos **out);
/*
 * Fetch every repository's index.json and .minisig, verify the signature
 * with keys, refuse a serial below the last one accepted (RPG_E_REPLAY),
 * then remember the new serial in the db.
 */
int rpg_fetch_indexes(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_repos *rs,
    const struct rpg_pubkey *keys, size_t nkeys);
void rpg_fetch_repos_free(struct rpg_repos *rs);
/*
 * Make the package e of repository r present in the cache, checking size
 * and SHA-256 against the index (a cached copy that matches is reused).
 * *path (malloc'd) is the cached file.
 */
int rpg_fetch_package(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_repos *rs,
    const struct rpg_repo *r, const struct rpg_index_entry *e, char **path);
/* Download url to fd, at most max bytes; 0 or RPG_E_FETCH (no ctx message prefix). */
int rpg_fetch_url(struct rpg_ctx *ctx, const char *url, int fd, uint64_t max,
    rpg_fetch_progress_fn fn, void *arg);
/* Copy a file into the cache as name (atomically); for rollback of local installs. */
int rpg_fetch_cache_put(struct rpg_ctx *ctx, struct rpg_db *db, const char *src,
    const char *name);
/* Path of name in the cache into buf. */
void rpg_fetch_cache_path(const struct rpg_ctx *ctx, const char *name, char *buf, size_t size);

#endif
