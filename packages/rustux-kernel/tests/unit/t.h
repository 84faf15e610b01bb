/* t.h - kernel unit tests: a tiny TAP harness for host-compiled pure modules */
/* SPDX-License-Identifier: MIT */
/*
 * One test file per module includes this file, writes T_TEST(name) { … }
 * bodies with T_EXPECT*() checks, and gets main() from here. Output: one
 * "ok N name" / "not ok N name" line per test, then "# N passed, N failed";
 * the exit status is non-zero if anything failed.
 */
#ifndef RUSTUX_TESTS_T_H
#define RUSTUX_TESTS_T_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct t_case {
	const char *name;
	void (*fn)(void);
};

static struct t_case t_cases[256];
static int t_ncases;
static int t_failed_now;

#define T_TEST(tn) \
	static void t_fn_##tn(void); \
	__attribute__((constructor)) static void t_reg_##tn(void) \
	{ t_cases[t_ncases].name = #tn; t_cases[t_ncases++].fn = t_fn_##tn; } \
	static void t_fn_##tn(void)

#define T_FAILF(...) do { \
	printf("# %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); \
	t_failed_now = 1; \
} while (0)
#define T_EXPECT(c) do { if (!(c)) { T_FAILF("expected %s", #c); } } while (0)
#define T_ASSERT(c) do { if (!(c)) { T_FAILF("assertion %s", #c); return; } } while (0)
#define T_EXPECT_EQ(a, b) do { long long t_a = (long long)(a), t_b = (long long)(b); \
	if (t_a != t_b) { T_FAILF("%s == %lld, expected %s == %lld", #a, t_a, #b, t_b); } \
} while (0)
#define T_EXPECT_STR_EQ(a, b) do { const char *t_a = (a), *t_b = (b); \
	if (t_a == NULL || t_b == NULL || strcmp(t_a, t_b) != 0) { \
		T_FAILF("%s is \"%s\", expected \"%s\"", #a, t_a ? t_a : "(null)", \
		    t_b ? t_b : "(null)"); \
	} \
} while (0)

int
main(void)
{
	int i, failed = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < t_ncases; i++) {
		t_failed_now = 0;
		t_cases[i].fn();
		printf("%s %d %s\n", t_failed_now ? "not ok" : "ok", i + 1, t_cases[i].name);
		failed += t_failed_now;
	}
	printf("# %d passed, %d failed\n", t_ncases - failed, failed);
	return failed != 0;
}

#endif
