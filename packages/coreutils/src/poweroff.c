/* poweroff.c - power the system off (asks init; -f: at once) */
/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <signal.h>
#include <sys/reboot.h>

#include "../lib/util.h"

int
poweroff_main(int argc, char **argv)
{
	return shutdown_system(argc, argv, SIGUSR2, RB_POWER_OFF);
}
