/* initstack.h - Linux personality: the SysV x86_64 initial process stack (argc, argv, envp, auxv) */
/* SPDX-License-Identifier: MIT */
/*
 * initstack_build() writes the image Linux puts at the top of a new
 * process's stack into a kernel buffer that will be mapped so that its
 * end is the user address `top`. From high to low: an 8-byte zero, the
 * AT_EXECFN string, the environment and argument strings, the platform
 * string, 16 AT_RANDOM bytes, then (16-byte aligned) argc, argv[], NULL,
 * envp[], NULL, the auxv pairs ending in AT_NULL. The returned %rsp points
 * at argc and is 16-byte aligned; the caller enters with %rdx = 0.
 */
#ifndef RUSTUX_LINUX_INITSTACK_H
#define RUSTUX_LINUX_INITSTACK_H

#include <stddef.h>
#include <stdint.h>

#define INITSTACK_AUXV_MAX	24	/* pairs, AT_NULL included */

struct initstack_args {
	const char *const	*argv;		/* NULL-terminated */
	const char *const	*envp;		/* NULL-terminated; may be NULL */
	const char		*execfn;	/* AT_EXECFN: the path given to execve */
	const char		*platform;	/* AT_PLATFORM: "x86_64" */
	const uint8_t		*random;	/* 16 bytes for AT_RANDOM */
	uint64_t		 phdr, phent, phnum;
	uint64_t		 entry, base;
	uint64_t		 hwcap;		/* CPUID.1:EDX */
	uint64_t		 pagesz;	/* 4096 */
	uint64_t		 clktck;	/* 100 */
	uint32_t		 uid, euid, gid, egid;
	uint32_t		 secure;
};

/*
 * Builds the stack in buf[0..size) (8-byte aligned), whose last byte is
 * user address top - 1 (top 16-byte aligned); the bottom of buf is used
 * as scratch. Returns 0 and *rsp, -LX_E2BIG when the
 * strings and vectors do not fit in size bytes, -LX_EINVAL for a bad top.
 */
int	initstack_build(const struct initstack_args *a, uint8_t *buf, size_t size, uint64_t top,
	    uint64_t *rsp);

#endif
