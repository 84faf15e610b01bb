/* reboot.c - reboot the system (asks init; -f: at once) */
/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE 1
#include <signal.h>
#include <sys/reboot.h>

#include "../lib/util.h"

int
reboot_main(int argc, char **argv)
{
	return shutdown_system(argc, argv, SIGTERM, RB_AUTOBOOT);
}
