/* espimg.h - rpg: the EFI System Partition inside a GPT disk image, through mtools */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_ESPIMG_H
#define RPG_ESPIMG_H

#include <stddef.h>

#include "ctx.h"

/*
 * Access to an ESP's files, whatever holds them: a directory in a sysroot
 * (ROOT/boot/efi) or the FAT partition of a disk image (--image). Paths are
 * relative to the ESP root, '/'-separated, without "." or ".." parts, e.g.
 * "EFI/Rustux/loader.conf". FAT compares names without case, and list()
 * may return them in another case than they were written in. Every
 * function returns 0 or a negative code set with rpg_fail() naming the
 * image and the path.
 */
struct rpg_esp_ops {
	/* Read a whole file into a malloc'd, NUL-terminated buffer (caller frees). */
	int (*read)(struct rpg_ctx *ctx, void *priv, const char *path, char **data, size_t *len);
	/* Create or replace path with data, creating missing parent directories. */
	int (*write)(struct rpg_ctx *ctx, void *priv, const char *path, const void *data,
	    size_t len);
	/* Rename from to to (any directories), replacing to if it exists. */
	int (*rename)(struct rpg_ctx *ctx, void *priv, const char *from, const char *to);
	/* Remove a file; RPG_E_NOTFOUND if there is none. */
	int (*remove)(struct rpg_ctx *ctx, void *priv, const char *path);
	/*
	 * The entries of directory dir ("" for the root), sorted, as a malloc'd
	 * array of malloc'd names (directories end with '/'); free with
	 * rpg_esp_names_free(). RPG_E_NOTFOUND if dir does not exist.
	 */
	int (*list)(struct rpg_ctx *ctx, void *priv, const char *dir, char ***names, size_t *n);
	/* Flush everything written so far to stable storage. */
	int (*sync)(struct rpg_ctx *ctx, void *priv);
	/* Release priv. */
	void (*close)(void *priv);
};

struct rpg_esp {
	const struct rpg_esp_ops *ops;
	void *priv;
};

/*
 * Open the ESP of the GPT disk image at path: finds the EFI System
 * Partition with the GPT reader (primary header and array, CRCs checked)
 * and drives mtools (mtype, mcopy, mmove, mdel, mdir, mmd) on
 * path@@offset. No root, no loop devices. Close with esp->ops->close(esp->priv).
 */
int rpg_espimg_open(struct rpg_ctx *ctx, const char *path, struct rpg_esp *esp);

/* Free what list() returned. */
void rpg_esp_names_free(char **names, size_t n);

#endif
