/* t.h - a tiny TAP harness for the userland's C unit tests (sh, init, coreutils) */
/* SPDX-License-Identifier: MIT */
#ifndef T_H
#define T_H

#include <stdio.h>
#include <string.h>

static int t_count, t_failed;

static void
t_result(int ok, const char *name, const char *file, int line)
{
	t_count++;
	printf("%sok %d %s\n", ok ? "" : "not ", t_count, name);
	if (!ok) {
		t_failed++;
		printf("#   at %s:%d\n", file, line);
	}
}

static void
t_str(const char *got, const char *want, const char *name, const char *file, int line)
{
	int ok = got && want ? strcmp(got, want) == 0 : got == want;

	t_result(ok, name, file, line);
	if (!ok)
		printf("#   got:  [%s]\n#   want: [%s]\n", got ? got : "(null)", want ? want : "(null)");
}

/* T_OK(cond, name), T_STR(got, want, name), T_INT(got, want, name); then return T_DONE(). */
#define T_OK(c, name) t_result((c) != 0, (name), __FILE__, __LINE__)
#define T_STR(g, w, name) t_str((g), (w), (name), __FILE__, __LINE__)
#define T_INT(g, w, name) do { \
	long t_g_ = (long)(g), t_w_ = (long)(w); \
	t_result(t_g_ == t_w_, (name), __FILE__, __LINE__); \
	if (t_g_ != t_w_) \
		printf("#   got: %ld want: %ld\n", t_g_, t_w_); \
} while (0)
#define T_DONE() (printf("# %d tests, %d failed\n", t_count, t_failed), t_failed != 0)

#endif
