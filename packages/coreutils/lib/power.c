/* power.c - reboot and poweroff: ask init, or call reboot(2) */
/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <signal.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

#include "../lib/util.h"

/*
 * reboot and poweroff ask init, as busybox's init understands them:
 * SIGTERM = reboot, SIGUSR2 = power off (SIGUSR1 = halt). With -f, or when
 * no init answers, they sync and call reboot(2) themselves.
 */
int
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
