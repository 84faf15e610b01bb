/* ktest.h - rustica-tests: what the in-system check files share */
/* SPDX-License-Identifier: MIT */
#ifndef KTEST_H
#define KTEST_H

#include <stddef.h>

/* "FAIL check: why (errno N)"; returns 1. */
int	fail(const char *check, const char *why);
/* "ok check"; returns 0. */
int	pass(const char *check);
/* The text of a small file, NUL-ended: its length or -1. */
int	read_text(const char *path, char *buf, size_t n);

/* The checks in their own files (each prints one ok/FAIL line per case). */
int	check_jobctl(void);		/* jobctl.c: stop, continue, wait4 reports */
int	check_threads(void);		/* threads.c: per-thread masks, tgkill, exec, exit_group */
int	check_threads_exec_child(void);	/* the image threads.c execs from a thread */
int	check_select(void);		/* select.c: select/pselect6 write the time left back */
int	check_procfd(void);		/* procfd.c: /proc/N/fd, maps, cwd, mounts */

#endif
