/* du.c - estimate file space usage (and df: file system space) */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "../lib/util.h"

static int opt_a, opt_s, opt_h, du_status;

static void
put_size(unsigned long long kib, const char *name)
{
	char buf[16];

	if (opt_h)
		printf("%s\t%s\n", human_size(buf, kib * 1024), name);
	else
		printf("%llu\t%s\n", kib, name);
}

/* Disk usage of path in KiB; prints entries as it goes. */
static unsigned long long
du_tree(const char *path, int depth)
{
	char sub[PATH_MAX];
	unsigned long long kib;
	struct dirent *e;
	struct stat st;
	DIR *d;

	if (lstat(path, &st) < 0) {
		du_status = fail("access", path);
		return 0;
	}
	kib = (unsigned long long)st.st_blocks / 2;
	if (S_ISDIR(st.st_mode)) {
		if ((d = opendir(path)) == NULL) {
			du_status = fail("read directory", path);
		} else {
			while ((e = readdir(d)) != NULL) {
				if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
					continue;
				if (path_join(sub, sizeof(sub), path, e->d_name))
					kib += du_tree(sub, depth + 1);
			}
			closedir(d);
		}
		if (!opt_s || depth == 0)
			put_size(kib, path);
	} else if (depth == 0 || (opt_a && !opt_s))
		put_size(kib, path);
	return kib;
}

int
du_main(int argc, char **argv)
{
	int c, i;

	while ((c = getopt(argc, argv, "askh")) != -1) {
		if (c == 'a')
			opt_a = 1;
		else if (c == 's')
			opt_s = 1;
		else if (c == 'h')
			opt_h = 1;
		else if (c != 'k')
			return usage_error();
	}
	if (optind == argc)
		du_tree(".", 0);
	for (i = optind; i < argc; i++)
		du_tree(argv[i], 0);
	return du_status;
}

static int
df_line(const char *fs, const char *mnt, int human)
{
	unsigned long long total, avail, used, pct;
	struct statvfs v;
	char a[16], b[16], c[16];

	if (statvfs(mnt, &v) < 0)
		return fail("stat file system", mnt);
	total = (unsigned long long)v.f_blocks * v.f_frsize / 1024;
	avail = (unsigned long long)v.f_bavail * v.f_frsize / 1024;
	used = total - (unsigned long long)v.f_bfree * v.f_frsize / 1024;
	pct = used + avail ? (used * 100 + used + avail - 1) / (used + avail) : 0;
	if (human)
		printf("%-20s %8s %8s %8s %3llu%% %s\n", fs, human_size(a, total * 1024),
		    human_size(b, used * 1024), human_size(c, avail * 1024), pct, mnt);
	else
		printf("%-20s %10llu %10llu %10llu %3llu%% %s\n", fs, total, used, avail,
		    pct, mnt);
	return 0;
}

int
df_main(int argc, char **argv)
{
	char line[1024], fs[256], mnt[512];
	int c, human = 0, i, r = 0;
	FILE *f;

	while ((c = getopt(argc, argv, "hk")) != -1) {
		if (c == 'h')
			human = 1;
		else if (c != 'k')
			return usage_error();
	}
	printf("%-20s %10s %10s %10s %4s %s\n", "Filesystem", human ? "Size" : "1K-blocks",
	    "Used", "Available", "Use%", "Mounted on");
	if (optind < argc) {
		for (i = optind; i < argc; i++)
			r |= df_line(argv[i], argv[i], human);
		return r;
	}
	if ((f = fopen("/proc/mounts", "r")) == NULL)
		return df_line("rootfs", "/", human);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%255s %511s", fs, mnt) != 2)
			continue;
		r |= df_line(fs, mnt, human);
	}
	fclose(f);
	return r;
}
