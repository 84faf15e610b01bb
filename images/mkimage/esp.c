/* esp.c - rustica-mkimage: lay out the FAT EFI System Partition with mtools */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "esp.h"
#include "util.h"

struct layout {
	const char *stage;
	const char *img;
	const char *scratch;
	int64_t epoch;
	unsigned ndirs;		/* numbers the empty scratch directories */
};

static int copy_tree(struct layout *l, const char *rel);

static int
bytewise(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
set_time(const char *path, int64_t epoch)
{
	struct timespec ts[2] = { { .tv_sec = epoch }, { .tv_sec = epoch } };

	if (utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW) != 0) {
		return mk_fail("%s: utimensat: %s", path, strerror(errno));
	}
	return 0;
}

/* "::/" + rel's parent + "/", the mtools destination directory of rel. */
static void
dest_dir(const char *rel, char *out, size_t size)
{
	const char *slash = strrchr(rel, '/');

	if (slash == NULL) {
		snprintf(out, size, "::/");
	} else {
		snprintf(out, size, "::/%.*s/", (int)(slash - rel), rel);
	}
}

static int
mcopy(struct layout *l, const char *src, const char *rel, int recursive)
{
	char dst[4096], img[4096];
	char *argv[10];
	int n = 0;

	snprintf(img, sizeof(img), "%s", l->img);
	dest_dir(rel, dst, sizeof(dst));
	argv[n++] = "mcopy";
	argv[n++] = "-Q";	/* stop at the first error */
	argv[n++] = "-m";	/* the source's mtime, which is epoch */
	if (recursive) {
		argv[n++] = "-s";
	}
	argv[n++] = "-i";
	argv[n++] = img;
	argv[n++] = (char *)src;
	argv[n++] = dst;
	argv[n] = NULL;
	return mk_run(argv, NULL);
}

/*
 * mmd would stamp a directory with the current time, so an empty directory
 * of the same name, dated epoch, is copied in instead.
 */
static int
make_dir(struct layout *l, const char *rel, const char *name)
{
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s/%u", l->scratch, l->ndirs++);
	if (mk_mkdirs(dir) != 0) {
		return -1;
	}
	snprintf(dir + strlen(dir), sizeof(dir) - strlen(dir), "/%s", name);
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		return mk_fail("%s: %s", dir, strerror(errno));
	}
	if (set_time(dir, l->epoch) != 0) {
		return -1;
	}
	return mcopy(l, dir, rel, 1);
}

static int
copy_entry(struct layout *l, const char *rel, const char *name)
{
	char full[4096];
	struct stat st;

	snprintf(full, sizeof(full), "%s/%s", l->stage, rel);
	if (lstat(full, &st) != 0) {
		return mk_fail("%s: %s", full, strerror(errno));
	}
	if (S_ISDIR(st.st_mode)) {
		return make_dir(l, rel, name) != 0 ? -1 : copy_tree(l, rel);
	}
	if (!S_ISREG(st.st_mode)) {
		return mk_fail("%s: only files and directories can go on the ESP", full);
	}
	if (set_time(full, l->epoch) != 0) {
		return -1;
	}
	return mcopy(l, full, rel, 0);
}

static int
copy_tree(struct layout *l, const char *rel)
{
	struct dirent **names;
	char dir[4096], child[4096];
	int i, n, rc = 0;

	snprintf(dir, sizeof(dir), "%s/%s", l->stage, rel);
	if ((n = scandir(dir, &names, NULL, bytewise)) < 0) {
		return mk_fail("%s: %s", dir, strerror(errno));
	}
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;

		if (rc == 0 && strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
			snprintf(child, sizeof(child), "%s%s%s", rel, rel[0] ? "/" : "", name);
			rc = copy_entry(l, child, name);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static int
format(const char *img, unsigned size_mib, const char *label, uint32_t serial)
{
	char kib[32], id[16];
	char *argv[] = { "mkfs.fat", "--invariant", "-F", "32", "-i", id, "-n", (char *)label,
		"-C", (char *)img, kib, NULL };

	snprintf(kib, sizeof(kib), "%u", size_mib * 1024);
	snprintf(id, sizeof(id), "%08X", serial);
	if (unlink(img) != 0 && errno != ENOENT) {
		return mk_fail("%s: %s", img, strerror(errno));
	}
	return mk_run(argv, "/dev/null");
}

int
mk_esp_build(const char *stage, const char *out, unsigned size_mib, const char *label,
    uint32_t serial, int64_t epoch, const char *scratch)
{
	struct layout l = { .stage = stage, .scratch = scratch, .epoch = epoch };
	char tmp[4096];
	int rc;

	snprintf(tmp, sizeof(tmp), "%s.tmp", out);
	l.img = tmp;
	/* mtools reads no user configuration and writes local time: pin both. */
	setenv("MTOOLSRC", "/dev/null", 1);
	setenv("MTOOLS_SKIP_CHECK", "1", 1);
	setenv("TZ", "UTC0", 1);
	if (mk_rmtree(scratch) != 0 || mk_mkdirs(scratch) != 0) {
		return -1;
	}
	rc = format(tmp, size_mib, label, serial);
	if (rc == 0) {
		rc = copy_tree(&l, "");
	}
	if (rc == 0 && rename(tmp, out) != 0) {
		rc = mk_fail("%s: rename: %s", out, strerror(errno));
	}
	if (rc != 0) {
		unlink(tmp);
	}
	return rc;
}
