/* test.c - evaluate a conditional expression (test and [) */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "../lib/testexpr.h"
#include "../lib/util.h"

static void
report(void *arg, const char *message)
{
	(void)arg;
	msg("%s", message);
}

int
test_main(int argc, char **argv)
{
	return testexpr_eval(argc, argv, strcmp(prog, "[") == 0, report, NULL);
}
