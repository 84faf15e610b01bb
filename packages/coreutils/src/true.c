/* true.c - exit with status 0 */
/* SPDX-License-Identifier: MIT */

#include "../lib/util.h"

int
true_main(int argc, char **argv)
{
	return 0;
}
