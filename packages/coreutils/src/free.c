/* free.c - report memory usage from /proc/meminfo */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"

/* The value in KiB of "Key:" in /proc/meminfo text, or -1. */
static long long
meminfo(const char *text, const char *key)
{
	size_t l = strlen(key);
	const char *p;

	for (p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, l) == 0 && p[l] == ':')
			return strtoll(p + l + 1, NULL, 10);
	return -1;
}

static void
free_val(long long kib, int unit)
{
	char buf[16];

	if (unit == 'h')
		printf(" %11s", human_size(buf, (unsigned long long)kib * 1024));
	else
		printf(" %11lld", unit == 'm' ? kib / 1024 : kib);
}

int
free_main(int argc, char **argv)
{
	char text[8192];
	long long total, fr, avail, buf, cache, shmem, stotal, sfree;
	int c, unit = 'k';

	while ((c = getopt(argc, argv, "kmh")) != -1) {
		if (c == '?')
			return usage_error();
		unit = c;
	}
	if (read_small("/proc/meminfo", text, sizeof(text)) < 0)
		return fail("read", "/proc/meminfo");
	total = meminfo(text, "MemTotal");
	fr = meminfo(text, "MemFree");
	avail = meminfo(text, "MemAvailable");
	buf = meminfo(text, "Buffers");
	cache = meminfo(text, "Cached");
	shmem = meminfo(text, "Shmem");
	stotal = meminfo(text, "SwapTotal");
	sfree = meminfo(text, "SwapFree");
	if (total < 0 || fr < 0) {
		msg("/proc/meminfo: no MemTotal or MemFree");
		return 1;
	}
	buf = buf < 0 ? 0 : buf;
	cache = cache < 0 ? 0 : cache;
	shmem = shmem < 0 ? 0 : shmem;
	avail = avail < 0 ? fr : avail;
	printf("%-6s %11s %11s %11s %11s %11s %11s\n", "", "total", "used", "free",
	    "shared", "buff/cache", "available");
	printf("%-6s", "Mem:");
	free_val(total, unit);
	free_val(total - fr - buf - cache, unit);
	free_val(fr, unit);
	free_val(shmem, unit);
	free_val(buf + cache, unit);
	free_val(avail, unit);
	printf("\n%-6s", "Swap:");
	free_val(stotal < 0 ? 0 : stotal, unit);
	free_val(stotal < 0 ? 0 : stotal - sfree, unit);
	free_val(sfree < 0 ? 0 : sfree, unit);
	putchar('\n');
	return 0;
}
