/* package.h - rpg: opening a .rpg file, checking its signature and its whole payload */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_PACKAGE_H
#define RPG_PACKAGE_H

#include <stddef.h>
#include <stdint.h>

#include "archive.h"
#include "ctx.h"
#include "manifest.h"
#include "sign.h"

struct rpg_package {
	char *path;			/* as given; names the package in errors */
	int fd;
	struct rpg_areader *r;		/* positioned at the first payload entry */
	char *manifest_json;
	size_t manifest_len;
	char *sig;
	size_t siglen;
	struct rpg_manifest *m;
};

/*
 * Open path, read its manifest and signature, verify the signature with
 * keys[0..nkeys) (nkeys == 0 skips the check: inspect only) and parse the
 * manifest. *out is the caller's; close it with rpg_package_close().
 */
int rpg_package_open(struct rpg_ctx *ctx, const char *path, const struct rpg_pubkey *keys,
    size_t nkeys, struct rpg_package **out);
/*
 * Read the rest of the archive and check every entry against the manifest:
 * same order, type, mode, size, SHA-256 and symlink target; no entry
 * missing, extra or duplicated; no hard link or special file. Errors name
 * the package and the path (RPG_E_HASH, RPG_E_UNSAFE, RPG_E_FORMAT).
 */
int rpg_package_check_payload(struct rpg_ctx *ctx, struct rpg_package *p);
void rpg_package_close(struct rpg_package *p);

#endif
