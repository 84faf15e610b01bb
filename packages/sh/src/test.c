/* test.c - the test and [ builtins, over coreutils' expression evaluator (one home) */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "sh.h"
#include "testexpr.h"

static void
report(void *arg, const char *message)
{
	sh_error("%s: %s", (const char *)arg, message);
}

int
bi_test(int argc, char **argv)
{
	int bracket = strcmp(argv[0], "[") == 0;

	return testexpr_eval(argc, argv, bracket, report, bracket ? "[" : "test");
}
