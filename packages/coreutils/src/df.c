/* df.c - report file system space usage */
/* SPDX-License-Identifier: MIT */
#include <sys/statvfs.h>
#include <unistd.h>

#include "../lib/util.h"

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
