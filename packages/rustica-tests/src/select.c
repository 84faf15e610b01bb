/* select.c - rustica-tests: select and pselect6 write the time left back, as Linux does */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "ktest.h"

/*
 * The raw calls: musl's select and pselect pass the kernel a copy of the
 * timeout (glibc's do not, so busybox sees what Linux writes back).
 */

/* A timeout that runs out leaves {0, 0}. */
static int
select_expired(void)
{
	struct timeval tv = { 0, 20000 };
	fd_set r;
	int p[2], n;

	if (pipe(p) != 0)
		return 0;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	n = (int)syscall(SYS_select, p[0] + 1, &r, NULL, NULL, &tv);
	close(p[0]);
	close(p[1]);
	return n == 0 && tv.tv_sec == 0 && tv.tv_usec == 0;
}

/* A ready descriptor returns at once: some of the (long) timeout is left, never more. */
static int
select_ready(void)
{
	struct timeval tv = { 1000, 500000 };
	fd_set r;
	int p[2], n;

	if (pipe(p) != 0 || write(p[1], "x", 1) != 1)
		return 0;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	n = (int)syscall(SYS_select, p[0] + 1, &r, NULL, NULL, &tv);
	close(p[0]);
	close(p[1]);
	return n == 1 && (tv.tv_sec < 1000 || (tv.tv_sec == 1000 && tv.tv_usec < 500000)) &&
	    tv.tv_sec > 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000;
}

/* pselect6 writes back a timespec. */
static int
pselect_ready(void)
{
	struct timespec ts = { 1000, 0 };
	fd_set r;
	int p[2];
	long n;

	if (pipe(p) != 0 || write(p[1], "x", 1) != 1)
		return 0;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	n = syscall(SYS_pselect6, p[0] + 1, &r, NULL, NULL, &ts, NULL);
	close(p[0]);
	close(p[1]);
	return n == 1 && ts.tv_sec < 1000 && ts.tv_sec > 0 && ts.tv_nsec >= 0 &&
	    ts.tv_nsec < 1000000000;
}

int
check_select(void)
{
	int bad = 0;

	bad |= select_expired() ? pass("select_timeout_zeroed") :
	    fail("select_timeout_zeroed", "select's expired timeout is not {0, 0}");
	bad |= select_ready() ? pass("select_time_left") :
	    fail("select_time_left", "select did not write back the time left");
	bad |= pselect_ready() ? pass("pselect6_time_left") :
	    fail("pselect6_time_left", "pselect6 did not write back the time left");
	return bad;
}
