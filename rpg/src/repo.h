/* repo.h - rpg: publishing a directory of packages as a signed repository */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_REPO_H
#define RPG_REPO_H

#include <stdint.h>

#include "ctx.h"
#include "index.h"
#include "sign.h"

/*
 * Build the index of every DIR/NAME-VERSION-RELEASE.ARCH.rpg: each package's
 * signature must verify with pub and its name must match its manifest.
 * The serial is max(previous DIR/index.json's serial + 1, min_serial).
 * *out is the caller's (entries sorted).
 */
int rpg_repo_scan(struct rpg_ctx *ctx, const char *dir, const struct rpg_pubkey *pub,
    uint64_t min_serial, struct rpg_index **out);
/* Write DIR/index.json and DIR/index.json.minisig (signed with key), each atomically. */
int rpg_repo_write(struct rpg_ctx *ctx, const char *dir, const struct rpg_index *ix,
    const struct rpg_seckey *key);

#endif
