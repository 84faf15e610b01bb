/* recipe.h - rustica-mkimage: image recipes (images/NAME.json) */
/* SPDX-License-Identifier: MIT */
#ifndef MKIMAGE_RECIPE_H
#define MKIMAGE_RECIPE_H

#include <stdint.h>

#define MK_MAX_PACKAGES 64

/*
 * An image recipe. "include" names another recipe (relative to this one)
 * whose values are the defaults; "packages" replaces the included set and
 * "extra_packages" appends to it, so a package set is written once.
 */
struct mk_recipe {
	char name[64];		/* rustica-live */
	char output[128];	/* rustica-live.img */
	char label[12];		/* FAT volume label, at most 11 characters */
	char kernel[64];	/* package whose boot/kernel.elf goes to slot a */
	char cmdline[512];
	unsigned esp_mib;	/* ESP size */
	unsigned disk_mib;	/* disk size, 0 for the smallest that fits */
	unsigned tries;		/* loader.conf tries */
	unsigned npackages;
	char *packages[MK_MAX_PACKAGES];
};

/* Parse path (and what it includes, up to 4 deep) into r. 0 or mk_fail naming the file and key. */
int mk_recipe_load(const char *path, struct mk_recipe *r);
void mk_recipe_free(struct mk_recipe *r);

#endif
