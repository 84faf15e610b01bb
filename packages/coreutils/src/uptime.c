/* uptime.c - print how long the system has been running */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <time.h>

#include "../lib/util.h"

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
