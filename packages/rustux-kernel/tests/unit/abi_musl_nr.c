/* abi_musl_nr.c - compile-time proof that our Linux syscall numbers equal musl's SYS_* */
/* SPDX-License-Identifier: MIT */
/*
 * Compiled (never run) with musl-gcc by `make check-kernel-abi`, as STYLE B6
 * asks: the numbers userland's libc uses are the numbers the kernel
 * dispatches on.
 */
#include <sys/syscall.h>

#include "syscall_table.h"

#define SAME_AS_MUSL(nr, name, nargs, status) \
	_Static_assert((nr) == SYS_##name, "musl number of " #name);
LX_SYSCALL_ROWS(SAME_AS_MUSL)

int
main(void)
{
	return 0;
}
