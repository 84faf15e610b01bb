/* clear.c - clear the terminal screen */
/* SPDX-License-Identifier: MIT */

#include "../lib/util.h"

int
clear_main(int argc, char **argv)
{
	fputs("\033[H\033[2J\033[3J", stdout);
	return 0;
}
