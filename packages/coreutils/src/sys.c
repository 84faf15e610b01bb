/* sys.c - system tools: uname, hostname, dmesg, date, reboot, poweroff */
/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "../lib/util.h"

int
uname_main(int argc, char **argv)
{
	struct utsname u;
	const char *fields[6];
	int c, want = 0, i, first = 1;

	while ((c = getopt(argc, argv, "asnrvmo")) != -1) {
		switch (c) {
		case 'a': want |= 0x3f; break;
		case 's': want |= 1; break;
		case 'n': want |= 2; break;
		case 'r': want |= 4; break;
		case 'v': want |= 8; break;
		case 'm': want |= 16; break;
		case 'o': want |= 32; break;
		default: return usage_error();
		}
	}
	if (optind != argc)
		return usage_error();
	if (uname(&u) < 0)
		return fail("get", "system name");
	fields[0] = u.sysname;
	fields[1] = u.nodename;
	fields[2] = u.release;
	fields[3] = u.version;
	fields[4] = u.machine;
	fields[5] = strcmp(u.sysname, "Linux") == 0 ? "GNU/Linux" : u.sysname;
	if (want == 0)
		want = 1;
	for (i = 0; i < 6; i++) {
		if (!(want & (1 << i)))
			continue;
		printf("%s%s", first ? "" : " ", fields[i]);
		first = 0;
	}
	putchar('\n');
	return 0;
}

static int
set_hostname_from(const char *file)
{
	char buf[256];
	ssize_t n;

	if ((n = read_small(file, buf, sizeof(buf))) < 0)
		return fail("read", file);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	if (sethostname(buf, (size_t)n) < 0)
		return fail("set host name to", buf);
	return 0;
}

int
hostname_main(int argc, char **argv)
{
	char buf[256];

	if (argc == 3 && strcmp(argv[1], "-F") == 0)
		return set_hostname_from(argv[2]);
	if (argc == 2 && argv[1][0] != '-') {
		if (sethostname(argv[1], strlen(argv[1])) < 0)
			return fail("set host name to", argv[1]);
		return 0;
	}
	if (argc != 1)
		return usage_error();
	if (gethostname(buf, sizeof(buf)) < 0)
		return fail("get", "host name");
	buf[sizeof(buf) - 1] = '\0';
	printf("%s\n", buf);
	return 0;
}

int
dmesg_main(int argc, char **argv)
{
	int size, n, action = 3;
	char *buf;

	if (argc == 2 && strcmp(argv[1], "-c") == 0)
		action = 4;
	else if (argc != 1)
		return usage_error();
	if ((size = klogctl(10, NULL, 0)) <= 0)
		size = 1 << 17;
	if ((buf = malloc((size_t)size)) == NULL)
		return 1;
	if ((n = klogctl(action, buf, size)) < 0) {
		free(buf);
		return fail("read", "kernel log");
	}
	if (write_all(1, buf, (size_t)n) < 0)
		n = -1;
	if (n > 0 && buf[n - 1] != '\n')
		write_all(1, "\n", 1);
	free(buf);
	return n < 0;
}

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

/*
 * reboot and poweroff ask init, as busybox's init understands them:
 * SIGTERM = reboot, SIGUSR2 = power off (SIGUSR1 = halt). With -f, or when
 * no init answers, they sync and call reboot(2) themselves.
 */
static int
shutdown_system(int argc, char **argv, int sig, int how)
{
	int force = argc == 2 && strcmp(argv[1], "-f") == 0;

	if (argc > 1 && !force)
		return usage_error();
	if (!force && getpid() != 1 && kill(1, sig) == 0)
		return 0;
	sync();
	if (reboot(how) < 0)
		return fail("call reboot", how == RB_AUTOBOOT ? "restart" : "power off");
	return 0;
}

int
reboot_main(int argc, char **argv)
{
	return shutdown_system(argc, argv, SIGTERM, RB_AUTOBOOT);
}

int
poweroff_main(int argc, char **argv)
{
	return shutdown_system(argc, argv, SIGUSR2, RB_POWER_OFF);
}
