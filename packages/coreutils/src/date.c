/* date.c - print the date and time */
/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../lib/util.h"

int
date_main(int argc, char **argv)
{
	const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
	char buf[512], *end;
	time_t t = time(NULL);
	struct tm *tm;
	int c, utc = 0;

	while ((c = getopt(argc, argv, "ud:")) != -1) {
		if (c == 'u')
			utc = 1;
		else if (c == 'd' && optarg[0] == '@') {
			t = (time_t)strtoll(optarg + 1, &end, 10);
			if (*end != '\0' || end == optarg + 1) {
				msg("invalid date '%s'", optarg);
				return 1;
			}
		} else if (c == 'd') {
			msg("invalid date '%s' (only @SECONDS is understood)", optarg);
			return 1;
		} else
			return usage_error();
	}
	if (optind < argc && argv[optind][0] == '+')
		fmt = argv[optind++] + 1;
	if (optind != argc)
		return usage_error();
	if (utc && setenv("TZ", "UTC0", 1) == 0)
		tzset();
	tm = localtime(&t);
	if (tm == NULL)
		return fail("convert", "time");
	buf[0] = '\0';
	if (strftime(buf, sizeof(buf), fmt, tm) == 0 && *fmt != '\0') {
		msg("format too long");
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}
