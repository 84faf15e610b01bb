/* slots.h - rpg: kernel packages in the ESP's boot slots, and loader.conf */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_SLOTS_H
#define RPG_SLOTS_H

#include <stddef.h>

#include "ctx.h"
#include "db.h"
#include "loaderconf.h"
#include "txn.h"

#define RPG_ESP_DIR "boot/efi"			/* in a sysroot */
#define RPG_SLOTS_DIR "EFI/Rustux"		/* on the ESP */
#define RPG_LOADER_CONF "EFI/Rustux/loader.conf"

/*
 * Everything slots.c does to the ESP goes through these operations, so a
 * backend for a FAT partition inside a disk image (mtools) can replace
 * the directory one. Paths are relative to the ESP's root, '/'-separated.
 */
struct rpg_esp_ops {
	/* Whole file into *buf (malloc'd, NUL-terminated); -ENOENT when absent. */
	int (*read)(void *h, struct rpg_ctx *ctx, const char *path, size_t max, char **buf,
	    size_t *len);
	/* Replace path with data: a temporary name, fsync, rename (directories made). */
	int (*write)(void *h, struct rpg_ctx *ctx, const char *path, const void *data, size_t len);
	/* Remove a file; missing is fine. */
	int (*remove)(void *h, struct rpg_ctx *ctx, const char *path);
	/* Names of the files in dir (malloc'd array of malloc'd strings). */
	int (*list)(void *h, struct rpg_ctx *ctx, const char *dir, char ***names, size_t *n);
	void (*close)(void *h);
};

struct rpg_esp {
	const struct rpg_esp_ops *ops;
	void *h;
};

/* The ESP of a sysroot: ROOT/boot/efi (created when missing). */
int rpg_esp_open_dir(struct rpg_ctx *ctx, struct rpg_esp *esp);
void rpg_esp_close(struct rpg_esp *esp);

/* Read loader.conf; *present is 0 (and c holds defaults with empty slots) when absent. */
int rpg_slots_read(struct rpg_ctx *ctx, struct rpg_esp *esp, struct loaderconf *c,
    int *present);
/*
 * Install kernel package p: verify and extract its payload, write its
 * boot/ files into the inactive slot (each read back and hash-checked),
 * then make that slot the default in loader.conf with state new and the
 * configured tries; the old kernel stays in the other slot. Refuses to
 * overwrite the slot holding the only confirmed kernel. *slot is the
 * slot written ('a' or 'b').
 */
int rpg_slots_install(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_esp *esp,
    struct rpg_pkgfile *p, char *slot);
/* Make the other slot the default again (kernel rollback); *slot is the new default. */
int rpg_slots_rollback(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_esp *esp,
    char *slot);

#endif
