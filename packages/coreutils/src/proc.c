/* proc.c - tools that read /proc in Linux's formats: free, uptime, ps */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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

int
uptime_main(int argc, char **argv)
{
	char text[256], now[16];
	double up, l1, l5, l15;
	time_t t = time(NULL);
	struct tm *tm = localtime(&t);
	long s, days;

	if (read_small("/proc/uptime", text, sizeof(text)) < 0)
		return fail("read", "/proc/uptime");
	up = strtod(text, NULL);
	s = (long)up;
	days = s / 86400;
	if (tm == NULL || strftime(now, sizeof(now), "%H:%M:%S", tm) == 0)
		snprintf(now, sizeof(now), "??:??:??");
	printf(" %s up ", now);
	if (days > 0)
		printf("%ld day%s, ", days, days == 1 ? "" : "s");
	printf("%2ld:%02ld", s / 3600 % 24, s / 60 % 60);
	if (read_small("/proc/loadavg", text, sizeof(text)) > 0 &&
	    sscanf(text, "%lf %lf %lf", &l1, &l5, &l15) == 3)
		printf(",  load average: %.2f, %.2f, %.2f", l1, l5, l15);
	putchar('\n');
	return 0;
}

/* One /proc/PID line: pid, ppid, state, cpu time, command. */
static void
ps_one(const char *pid, long ticks)
{
	char path[64], stat[1024], cmd[512], *p, *rp;
	unsigned long ut, st;
	int ppid;
	char state;
	ssize_t n, i;
	long secs;

	snprintf(path, sizeof(path), "/proc/%s/stat", pid);
	if (read_small(path, stat, sizeof(stat)) <= 0)
		return;
	/* comm is in parentheses and may itself hold ") ": use the last one. */
	if ((p = strchr(stat, '(')) == NULL || (rp = strrchr(stat, ')')) == NULL)
		return;
	*rp = '\0';
	if (sscanf(rp + 2, "%c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
	    &state, &ppid, &ut, &st) != 4)
		return;
	snprintf(path, sizeof(path), "/proc/%s/cmdline", pid);
	n = read_small(path, cmd, sizeof(cmd));
	for (i = 0; i < n - 1; i++)
		if (cmd[i] == '\0')
			cmd[i] = ' ';
	if (n <= 0)
		snprintf(cmd, sizeof(cmd), "[%s]", p + 1);
	secs = (long)((ut + st) / (unsigned long)ticks);
	printf("%5s %5d %c %02ld:%02ld:%02ld %s\n", pid, ppid, state, secs / 3600,
	    secs / 60 % 60, secs % 60, cmd);
}

static int
numeric(const struct dirent *e)
{
	const char *s = e->d_name;

	while (isdigit((unsigned char)*s))
		s++;
	return *s == '\0' && s != e->d_name;
}

static int
by_pid(const struct dirent **a, const struct dirent **b)
{
	long x = atol((*a)->d_name), y = atol((*b)->d_name);

	return x < y ? -1 : x > y;
}

int
ps_main(int argc, char **argv)
{
	struct dirent **list;
	long ticks = sysconf(_SC_CLK_TCK);
	int n, i;

	/* -e -f -A, "aux": every process is always shown. */
	if (ticks <= 0)
		ticks = 100;
	if ((n = scandir("/proc", &list, numeric, by_pid)) < 0)
		return fail("read", "/proc");
	printf("%5s %5s %c %8s %s\n", "PID", "PPID", 'S', "TIME", "COMMAND");
	for (i = 0; i < n; i++) {
		ps_one(list[i]->d_name, ticks);
		free(list[i]);
	}
	free(list);
	return 0;
}
