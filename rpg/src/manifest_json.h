/* manifest_json.h - rpg: manifest <-> json-c objects, shared by manifest.c and index.c only */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_MANIFEST_JSON_H
#define RPG_MANIFEST_JSON_H

#include <stddef.h>

#include "buf.h"
#include "ctx.h"
#include "manifest.h"

struct json_object;
struct json_tokener;

enum {
	RPG_MJ_FILES = 1,	/* a package manifest: "files" required */
	RPG_MJ_INDEX = 2,	/* an index entry: no "files"; filename/size/sha256 allowed */
	RPG_MJ_RECIPE = 4	/* a recipe: no "files"; source/build/install allowed */
};

/*
 * Parse a JSON document of exactly len bytes (trailing white space allowed);
 * comments are accepted only when comments != 0. *out is the caller's
 * (json_object_put). Errors name what.
 */
int rpg_json_parse(struct rpg_ctx *ctx, const char *what, const char *json, size_t len,
    int comments, struct json_object **out);
/* Build and validate a manifest from object o (see RPG_MJ_*); *out is the caller's. */
int rpg_manifest_from_json(struct rpg_ctx *ctx, const char *what, struct json_object *o,
    int flags, struct rpg_manifest **out);
/* Write m's fields other than "files" as "  \"key\": value,\n" lines (indent before each). */
void rpg_manifest_write_fields(struct rpg_buf *b, const struct rpg_manifest *m,
    const char *indent);

#endif
