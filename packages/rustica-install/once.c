/* once.c - rustica-install: pthread_once for the static target build, without futex */
/* SPDX-License-Identifier: MIT */
/*
 * glibc's pthread_once always ends with FUTEX_WAKE, and glibc aborts when
 * that call fails. Rustux has no futex yet (abi/syscalls.tab: "planned"),
 * and libcrypto runs its one-time initialisers through pthread_once, glibc
 * itself (gconv, for libarchive's charset conversions) through
 * __pthread_once. The installer is single-threaded, so a once needs no
 * waking at all: these definitions, linked ahead of libc.a, keep glibc's
 * pthread_once.o out of the link. Drop this file when the kernel implements
 * futex.
 */
#include <pthread.h>

int __pthread_once(pthread_once_t *once, void (*init)(void));

int
__pthread_once(pthread_once_t *once, void (*init)(void))
{
	if (*once == 0) {
		*once = 1;
		init();
	}
	return 0;
}

int
pthread_once(pthread_once_t *once, void (*init)(void))
{
	return __pthread_once(once, init);
}
