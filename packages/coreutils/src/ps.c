/* ps.c - list processes from /proc */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"

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
