/* t.h - a tiny TAP test harness for the rustux-boot host tests */
/* SPDX-License-Identifier: MIT */
/*
 * T_TEST(name) { ... T_ASSERT(cond); ... } declares a test; T_RUN(name) in
 * main runs it and prints "ok N name" or "not ok N name: file:line: cond".
 * T_DONE() returns the exit status (non-zero when a test failed).
 */
#ifndef RUSTUX_BOOT_T_H
#define RUSTUX_BOOT_T_H

#include <stdio.h>

static int t_num, t_failed, t_cur_failed;

#define T_TEST(name) static void t_##name(void)

#define T_ASSERT(cond) do {						\
	if (!(cond)) {							\
		printf("# %s:%d: %s\n", __FILE__, __LINE__, #cond);	\
		t_cur_failed = 1;					\
		return;							\
	}								\
} while (0)

#define T_RUN(name) do {						\
	t_cur_failed = 0;						\
	t_##name();							\
	t_num++;							\
	printf("%s %d %s\n", t_cur_failed ? "not ok" : "ok", t_num, #name); \
	t_failed += t_cur_failed;					\
	fflush(stdout);							\
} while (0)

#define T_DONE() (t_failed != 0)

#endif
