/* index.h - rpg: the repository index (index.json + index.json.minisig) */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_INDEX_H
#define RPG_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "hash.h"
#include "manifest.h"

struct rpg_index_entry {
	struct rpg_manifest *m;		/* manifest without files (nfiles == 0) */
	char *filename;			/* NAME-VERSION-RELEASE.ARCH.rpg, relative to the repo */
	uint64_t size;			/* of the .rpg file */
	uint8_t sha256[RPG_SHA256_LEN];	/* of the .rpg file */
};

struct rpg_index {
	uint64_t serial;		/* grows with every publish */
	struct rpg_index_entry *entries;
	size_t nentries;
};

/* Parse and validate index.json (signature checked separately by the caller). */
int rpg_index_parse(struct rpg_ctx *ctx, const char *what, const char *json, size_t len,
    struct rpg_index **out);
void rpg_index_free(struct rpg_index *ix);
/* Newest entry named name, else the newest one providing name; NULL if none. */
const struct rpg_index_entry *rpg_index_find(const struct rpg_index *ix, const char *name);

/* Sort entries by name, then version-release (oldest first), then arch. */
void rpg_index_sort(struct rpg_index *ix);
/* Canonical index.json text (entries in their current order): malloc'd, NULL on ENOMEM. */
char *rpg_index_serialize(const struct rpg_index *ix, size_t *len);
/* "V-R" of an entry into buf; returns buf. */
char *rpg_index_evr(const struct rpg_index_entry *e, char *buf, size_t size);

#endif
