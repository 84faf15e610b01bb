/* manifest.h - rpg: the signed package manifest (.RPG/manifest.json) */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_MANIFEST_H
#define RPG_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "hash.h"
#include "version.h"

enum rpg_ftype {
	RPG_FT_FILE = 1,
	RPG_FT_DIR,
	RPG_FT_SYMLINK
};

enum rpg_pkgtype {
	RPG_TYPE_USER = 1,
	RPG_TYPE_KERNEL,
	RPG_TYPE_BOOT,
	RPG_TYPE_META
};

struct rpg_file {
	char *path;		/* relative, no leading '/', no '.'/'..' components */
	enum rpg_ftype type;
	unsigned mode;		/* permission bits incl. setuid/setgid/sticky (07777) */
	uint64_t size;		/* files only */
	uint8_t sha256[RPG_SHA256_LEN];	/* files only */
	char *target;		/* symlinks only */
};

struct rpg_manifest {
	char *name;
	char *version;
	unsigned release;
	char *arch;
	enum rpg_pkgtype type;
	char *summary;
	char *license;
	struct rpg_dep *depends;
	size_t ndepends;
	struct rpg_dep *conflicts;
	size_t nconflicts;
	struct rpg_dep *provides;	/* op is RPG_OP_ANY or RPG_OP_EQ */
	size_t nprovides;
	struct rpg_file *files;		/* sorted by path (strcmp) */
	size_t nfiles;
	uint64_t installed_size;	/* sum of file sizes */
	int64_t build_date;		/* SOURCE_DATE_EPOCH of the build */
};

/* Largest manifest rpg accepts (oversize manifests are hostile). */
#define RPG_MANIFEST_MAX (16u << 20)

/*
 * Parse and validate a manifest (every field, every path: relative, no "..",
 * no duplicates, sorted). On success *out is the caller's; free it with
 * rpg_manifest_free(). what names the source in error messages.
 */
int rpg_manifest_parse(struct rpg_ctx *ctx, const char *what, const char *json,
    size_t len, struct rpg_manifest **out);
/* Canonical JSON (stable key order, sorted files): malloc'd, NUL-terminated. NULL on ENOMEM. */
char *rpg_manifest_serialize(const struct rpg_manifest *m, size_t *len);
void rpg_manifest_free(struct rpg_manifest *m);
/* Free m's file list (nfiles becomes 0; installed_size is kept), as index entries carry none. */
void rpg_manifest_drop_files(struct rpg_manifest *m);
/* Binary search for a path; NULL if absent. */
const struct rpg_file *rpg_manifest_find(const struct rpg_manifest *m, const char *path);
/* "name-version-release" into buf; returns buf. */
char *rpg_manifest_nvr(const struct rpg_manifest *m, char *buf, size_t size);
/* "name-version-release.arch.rpg" into buf; returns buf. */
char *rpg_manifest_filename(const struct rpg_manifest *m, char *buf, size_t size);
/* "user", "kernel", …; and back (0 if unknown). */
const char *rpg_pkgtype_name(enum rpg_pkgtype t);
enum rpg_pkgtype rpg_pkgtype_parse(const char *s);

#endif
