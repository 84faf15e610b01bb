/* slots.h - rpg: kernel packages in the ESP's boot slots, and loader.conf */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_SLOTS_H
#define RPG_SLOTS_H

#include <stddef.h>

#include "ctx.h"
#include "db.h"
#include "espimg.h"
#include "loaderconf.h"
#include "txn.h"

#define RPG_ESP_DIR "boot/efi"			/* in a sysroot */
#define RPG_SLOTS_DIR "EFI/Rustux"		/* on the ESP */
#define RPG_LOADER_CONF "EFI/Rustux/loader.conf"

/*
 * Everything slots.c does to the ESP goes through struct rpg_esp_ops
 * (espimg.h): the directory backend below for a sysroot, or the mtools
 * backend for the FAT partition of a disk image (--image).
 */

/* The ESP of a sysroot: ROOT/boot/efi (created when missing). */
int rpg_esp_open_dir(struct rpg_ctx *ctx, struct rpg_esp *esp);
/* The ESP ctx names: --image's, else the sysroot's. */
int rpg_esp_open(struct rpg_ctx *ctx, struct rpg_esp *esp);
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
/*
 * Make the other slot the default again (kernel rollback); *slot is the new
 * default. db may be NULL (an image's ESP): then only loader.conf changes.
 */
int rpg_slots_rollback(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_esp *esp,
    char *slot);

#endif
