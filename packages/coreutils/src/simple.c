/* simple.c - the one-line tools: true, false, pwd, clear, yes, sleep, basename, dirname */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../lib/util.h"

int
true_main(int argc, char **argv)
{
	return 0;
}

int
false_main(int argc, char **argv)
{
	return 1;
}

int
pwd_main(int argc, char **argv)
{
	char buf[4096];

	if (getcwd(buf, sizeof(buf)) == NULL)
		return fail("get", ".");
	printf("%s\n", buf);
	return 0;
}

int
clear_main(int argc, char **argv)
{
	fputs("\033[H\033[2J\033[3J", stdout);
	return 0;
}

int
yes_main(int argc, char **argv)
{
	const char *s = argc > 1 ? argv[1] : "y";
	char buf[8192];
	size_t len = strlen(s) + 1, n = 0;

	if (len > sizeof(buf))
		len = sizeof(buf);
	while (n + len <= sizeof(buf)) {
		memcpy(buf + n, s, len - 1);
		buf[n + len - 1] = '\n';
		n += len;
	}
	while (write_all(1, buf, n) == 0)
		;
	return 1;
}

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

int
basename_main(int argc, char **argv)
{
	char *b;
	size_t lb, ls;

	if (argc < 2 || argc > 3)
		return usage_error();
	b = basename(argv[1]);
	if (argc == 3) {
		lb = strlen(b);
		ls = strlen(argv[2]);
		if (ls < lb && strcmp(b + lb - ls, argv[2]) == 0)
			b[lb - ls] = '\0';
	}
	printf("%s\n", b);
	return 0;
}

int
dirname_main(int argc, char **argv)
{
	if (argc != 2)
		return usage_error();
	printf("%s\n", dirname(argv[1]));
	return 0;
}
