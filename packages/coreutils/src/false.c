/* false.c - exit with status 1 */
/* SPDX-License-Identifier: MIT */

#include "../lib/util.h"

int
false_main(int argc, char **argv)
{
	return 1;
}
