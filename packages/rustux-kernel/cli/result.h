/* result.h - read a serial log: self-test lines, RESULT line, loader hand-over */
/* SPDX-License-Identifier: MIT */
#ifndef RK_RESULT_H
#define RK_RESULT_H

#include <stdio.h>

struct boot_result {
	int handed_over;	/* "rustux-boot: handing over to the kernel" seen */
	int have_result;	/* a "RESULT N passed, M failed" line seen */
	unsigned passed, failed;	/* from the RESULT line */
	unsigned tests, tests_failed;	/* TEST lines seen / with FAIL */
};

/* Scan the log; when tap is not NULL, print one TAP line per
 * "TEST name ... PASS|FAIL" line to it, numbered from *num + 1. */
int result_scan(const char *log, FILE *tap, unsigned *num, struct boot_result *r);

/* Print the lines of the log that contain needle (all when NULL). */
int result_grep(const char *log, const char *needle, FILE *out);

#endif
