/* testexpr.h - the one evaluator of test(1) expressions, for coreutils' test and sh's builtin */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTICA_TESTEXPR_H
#define RUSTICA_TESTEXPR_H

/* Reports one error message (no prefix, no newline); the caller adds its own name. */
typedef void testexpr_err_fn(void *arg, const char *message);

/*
 * Evaluates argv[1..argc-1] as a POSIX test expression (with ! -a -o and
 * parentheses). With bracket set the last argument must be "]". Returns the
 * exit status: 0 true, 1 false, 2 error (already reported through err).
 */
int	testexpr_eval(int argc, char **argv, int bracket, testexpr_err_fn *err, void *arg);

#endif
