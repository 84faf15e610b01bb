/* version.h - rpg: version strings, their ordering, and dependency constraints */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_VERSION_H
#define RPG_VERSION_H

#include <stddef.h>

/*
 * Versions are compared like apk/rpm (documented in docs/FORMAT.md):
 * split into runs of digits and runs of letters, compare digit runs
 * numerically and letter runs by byte value, separators (. _ + ~) only
 * delimit; '~' sorts before everything (1.0~rc1 < 1.0). A full package
 * version is "VERSION-RELEASE"; release is compared numerically after
 * the version.
 */

enum rpg_op {
	RPG_OP_ANY = 0,		/* "name" */
	RPG_OP_EQ,		/* "name=1.0" */
	RPG_OP_LT,		/* "name<1.0" */
	RPG_OP_LE,		/* "name<=1.0" */
	RPG_OP_GT,		/* "name>1.0" */
	RPG_OP_GE		/* "name>=1.0" */
};

struct rpg_dep {
	char *name;		/* package or provided name */
	enum rpg_op op;
	char *version;		/* NULL for RPG_OP_ANY; may be "V" or "V-R" */
};

/* 1 if s is a valid version (digits, letters, . _ + ~, starts with a digit), else 0. */
int rpg_version_valid(const char *s);
/* <0, 0, >0 like strcmp, by the ordering above. */
int rpg_vercmp(const char *a, const char *b);
/* Compare full versions "V-R" (either may lack "-R"). */
int rpg_evrcmp(const char *a, const char *b);
/* Parse "name>=1.0" into d (strings malloc'd); 0 or RPG_E_FORMAT (no ctx: caller names it). */
int rpg_dep_parse(const char *s, struct rpg_dep *d);
/* 1 if the package version "V-R" satisfies d's constraint. */
int rpg_dep_match(const struct rpg_dep *d, const char *evr);
void rpg_dep_free(struct rpg_dep *d);
/* "name>=1.0" back into buf; returns buf. */
char *rpg_dep_format(const struct rpg_dep *d, char *buf, size_t size);

#endif
