/* esp.c - build an EFI System Partition image with mtools (no root, no loop devices) */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "esp.h"
#include "util.h"

static const char *const esp_dirs[] = {
	"::/EFI", "::/EFI/BOOT", "::/EFI/Rustux",
	"::/EFI/Rustux/slot-a", "::/EFI/Rustux/slot-b",
};

static int
mcopy(const char *img, const char *src, const char *dst)
{
	char *argv[] = { "mcopy", "-o", "-s", "-i", (char *)img, (char *)src,
	    (char *)dst, NULL };

	if (rk_run(argv, 0) != 0)
		return rk_err(img, "mcopy %s %s failed", src, dst);
	return 0;
}

static int
format(const char *img, uint64_t size)
{
	char sectors[32];
	char *argv[] = { "mformat", "-C", "-i", (char *)img, "-T", sectors,
	    "-h", "64", "-s", "32", "-N", "52555354", "-v", "RUSTUX-ESP", "::",
	    NULL };

	if (size < (8u << 20) || size % (1u << 20) != 0)
		return rk_err(img, "ESP size must be a multiple of 1 MiB, at least 8 MiB");
	snprintf(sectors, sizeof(sectors), "%llu", (unsigned long long)(size / 512));
	unlink(img);
	if (rk_run(argv, 0) != 0)
		return rk_err(img, "mformat failed");
	return 0;
}

/* Copy every entry of dir into the image's root. */
static int
copy_tree(const char *img, const char *dir)
{
	char src[RK_PATH_MAX];
	struct dirent *e;
	DIR *d = opendir(dir);
	int rc = 0;

	if (d == NULL)
		return rk_err(dir, "cannot open the ESP directory");
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(src, sizeof(src), "%s/%s", dir, e->d_name);
		rc = mcopy(img, src, "::/");
	}
	closedir(d);
	return rc;
}

int
esp_build(const char *path, const struct esp_spec *s)
{
	char conf[RK_PATH_MAX];
	const struct {
		const char *src, *dst;
	} files[] = {
		{ s->loader, "::/EFI/BOOT/BOOTX64.EFI" },
		{ s->kernel_a, "::/EFI/Rustux/slot-a/kernel.elf" },
		{ s->kernel_b, "::/EFI/Rustux/slot-b/kernel.elf" },
		{ s->initrd, "::/EFI/Rustux/initrd" },
	};

	setenv("MTOOLS_SKIP_CHECK", "1", 1);
	if (format(path, s->size) != 0)
		return -1;
	if (s->tree != NULL)
		return copy_tree(path, s->tree);
	for (size_t i = 0; i < sizeof(esp_dirs) / sizeof(esp_dirs[0]); i++) {
		char *argv[] = { "mmd", "-i", (char *)path, (char *)esp_dirs[i], NULL };

		if (rk_run(argv, 0) != 0)
			return rk_err(path, "mmd %s failed", esp_dirs[i]);
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (files[i].src == NULL)
			continue;
		if (!rk_exists(files[i].src))
			return rk_err(files[i].src, "missing (build it first)");
		if (mcopy(path, files[i].src, files[i].dst) != 0)
			return -1;
	}
	if (s->conf == NULL)
		return 0;
	snprintf(conf, sizeof(conf), "%s.loader.conf", path);
	if (rk_write_file(conf, s->conf) != 0)
		return -1;
	if (mcopy(path, conf, "::/EFI/Rustux/loader.conf") != 0)
		return -1;
	unlink(conf);
	return 0;
}
