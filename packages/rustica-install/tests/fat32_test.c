/* fat32_test.c - rustica-install: unit tests of the FAT32 writer; writes a volume for fsck.fat/mtools */
/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fat32.h"

static int failures, counter;

static void
ok(int cond, const char *name)
{
	counter++;
	printf("%sok %d %s\n", cond ? "" : "not ", counter, name);
	if (!cond)
		failures++;
}

static int
scratch(const char *path, off_t size)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || ftruncate(fd, size) != 0) {
		perror(path);
		exit(2);
	}
	return fd;
}

static void
hostile(const char *dir)
{
	char path[4096], err[256];
	struct fat32 *f;
	int fd;

	snprintf(path, sizeof(path), "%s/hostile.img", dir);
	fd = scratch(path, 64 << 20);
	ok(fat32_format(fd, 0, 1 << 20, 0, 1, "X", 0, err, sizeof(err)) == NULL,
	    "fat32_rejects_tiny_volume");
	ok(fat32_format(fd, 0, 20ull << 20, 0, 1, "X", 0, err, sizeof(err)) == NULL &&
	    strstr(err, "clusters") != NULL, "fat32_rejects_fat16_sized_volume");
	ok(fat32_format(fd, 0, 4ull << 40, 0, 1, "X", 0, err, sizeof(err)) == NULL,
	    "fat32_rejects_huge_volume");
	ok(fat32_format(fd, 0, 64 << 20, 0, 1, "lower", 0, err, sizeof(err)) == NULL,
	    "fat32_rejects_bad_label");
	ok(fat32_format(fd, 0, 64 << 20, 0, 1, "TWELVECHARSX", 0, err, sizeof(err)) == NULL,
	    "fat32_rejects_long_label");
	f = fat32_format(fd, 0, 64 << 20, 0, 1, "OK", 0, err, sizeof(err));
	ok(f != NULL, "fat32_formats_64mib");
	if (f == NULL)
		return;
	ok(fat32_mkdir(f, "A", 0) == 0, "fat32_mkdir");
	ok(fat32_mkdir(f, "a", 0) != 0, "fat32_rejects_duplicate_dir_any_case");
	ok(fat32_mkdir(f, "B/C", 0) != 0, "fat32_rejects_missing_parent");
	ok(fat32_write(f, "A/../x", "x", 1, 0, NULL) != 0, "fat32_rejects_dotdot");
	ok(fat32_write(f, "/x", "x", 1, 0, NULL) != 0, "fat32_rejects_absolute");
	ok(fat32_write(f, "A/x*y", "x", 1, 0, NULL) != 0, "fat32_rejects_bad_char");
	ok(fat32_write(f, "A//x", "x", 1, 0, NULL) != 0, "fat32_rejects_empty_component");
	ok(fat32_write(f, "A/long name.text", "x", 1, 0, NULL) == 0 &&
	    fat32_write(f, "A/LONG NAME.TEXT", "x", 1, 0, NULL) != 0,
	    "fat32_rejects_duplicate_file_any_case");
	ok(fat32_write(f, "A/big", "x", 0x100000000ull, 0, NULL) != 0,
	    "fat32_rejects_file_over_4gib");
	ok(fat32_write(f, "A/toobig", "x", 80ull << 20, 0, NULL) != 0 &&
	    strstr(fat32_error(f), "no space") != NULL, "fat32_rejects_file_larger_than_volume");
	ok(fat32_close(f, err, sizeof(err)) == 0, "fat32_close_after_errors");
	close(fd);
}

/* Build the fixture volume the shell part checks with fsck.fat and mtools. */
static void
fixture(const char *dir)
{
	char path[4096], err[256], name[64];
	struct fat32 *f;
	uint8_t *big;
	size_t i;
	int fd;

	snprintf(path, sizeof(path), "%s/vol.img", dir);
	fd = scratch(path, 70 << 20);
	f = fat32_format(fd, 1 << 20, 68 << 20, 2048, 0x12345678, "RUSTICA", 1700000000,
	    err, sizeof(err));
	ok(f != NULL, "fat32_formats_fixture");
	if (f == NULL)
		return;
	big = malloc(3u << 20);
	for (i = 0; i < (3u << 20); i++)
		big[i] = (uint8_t)(i * 7 + (i >> 9));
	ok(fat32_mkdir(f, "EFI", 1700000000) == 0 && fat32_mkdir(f, "EFI/BOOT", 1700000000) == 0 &&
	    fat32_mkdir(f, "EFI/Rustux", 1700000000) == 0 &&
	    fat32_mkdir(f, "EFI/Rustux/slot-a", 1700000000) == 0, "fat32_fixture_dirs");
	ok(fat32_write(f, "EFI/BOOT/BOOTX64.EFI", big, 12345, 1700000000, NULL) == 0 &&
	    fat32_write(f, "EFI/Rustux/slot-a/kernel.elf", big, 3u << 20, 1600000000, NULL) == 0 &&
	    fat32_write(f, "EFI/Rustux/loader.conf", "default a\n", 10, 1700000002, NULL) == 0 &&
	    fat32_write(f, "EFI/Rustux/empty", "", 0, 1700000000, NULL) == 0 &&
	    fat32_write(f, "EFI/Rustux/A Rather Long File Name With Spaces.txt", "hi\n", 3,
	    1700000000, NULL) == 0, "fat32_fixture_files");
	/* Enough entries to spill the directory over several clusters. */
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "EFI/many/file-number-%03zu.data", i);
		if (i == 0 && fat32_mkdir(f, "EFI/many", 1700000000) != 0)
			break;
		if (fat32_write(f, name, name, strlen(name), 1700000000, NULL) != 0)
			break;
	}
	ok(i == 200, "fat32_fixture_many_files");
	err[0] = '\0';
	ok(fat32_close(f, err, sizeof(err)) == 0, "fat32_fixture_close");
	if (*err)
		fprintf(stderr, "%s\n", err);
	snprintf(path, sizeof(path), "%s/big.bin", dir);
	{
		FILE *o = fopen(path, "wb");

		fwrite(big, 1, 3u << 20, o);
		fclose(o);
	}
	free(big);
	close(fd);
}

int
main(int argc, char **argv)
{
	uint8_t sn[11];
	int lfn;

	if (argc != 2) {
		fprintf(stderr, "usage: fat32_test SCRATCHDIR\n");
		return 2;
	}
	ok(fat32_short_name("BOOTX64.EFI", 1, sn, &lfn) == 0 && !lfn &&
	    memcmp(sn, "BOOTX64 EFI", 11) == 0, "fat32_short_name_exact");
	ok(fat32_short_name("loader.conf", 1, sn, &lfn) == 0 && lfn &&
	    memcmp(sn, "LOADER~1CON", 11) == 0, "fat32_short_name_alias");
	ok(fat32_short_name("Rustux", 2, sn, &lfn) == 0 && lfn &&
	    memcmp(sn, "RUSTUX~2   ", 11) == 0, "fat32_short_name_mixed_case");
	hostile(argv[1]);
	fixture(argv[1]);
	return failures ? 1 : 0;
}
