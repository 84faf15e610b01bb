/* sleep.c - pause for a time */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "../lib/util.h"

int
sleep_main(int argc, char **argv)
{
	struct timespec ts;
	char *end;
	double d;

	if (argc != 2)
		return usage_error();
	d = strtod(argv[1], &end);
	if (end == argv[1] || *end != '\0' || d < 0) {
		msg("invalid time interval '%s'", argv[1]);
		return 1;
	}
	ts.tv_sec = (time_t)d;
	ts.tv_nsec = (long)((d - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
	return 0;
}
