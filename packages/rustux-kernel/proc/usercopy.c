/* usercopy.c - kernel: copyin/copyout: range checks, then the faultable copies of usercopy.S */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "abi/linux/errno.h"
#include "proc/proc.h"

int	uc_copy(void *dst, const void *src, size_t n);
long	uc_strncpy(char *dst, const char *src, size_t n);

static int
user_range(uint64_t a, size_t n)
{
	return a < USER_TOP && n <= USER_TOP - a;
}

int
copyin(void *dst, uint64_t usrc, size_t n)
{
	if (n == 0) {
		return 0;
	}
	if (!user_range(usrc, n) || uc_copy(dst, (const void *)usrc, n) != 0) {
		return -LX_EFAULT;
	}
	return 0;
}

int
copyout(uint64_t udst, const void *src, size_t n)
{
	if (n == 0) {
		return 0;
	}
	if (!user_range(udst, n)) {
		return -LX_EFAULT;
	}
	/* Copy-on-write pages are read-only: copy them first (CR0.WP may be off). */
	if (curproc() != NULL && curproc()->as != NULL &&
	    as_prepare_write(curproc()->as, udst, n) != 0) {
		return -LX_ENOMEM;
	}
	if (uc_copy((void *)udst, src, n) != 0) {
		return -LX_EFAULT;
	}
	return 0;
}

long
copyinstr(char *dst, uint64_t usrc, size_t n)
{
	size_t lim = n;
	long r;

	if (usrc >= USER_TOP) {
		return -LX_EFAULT;
	}
	if (USER_TOP - usrc < lim) {
		lim = USER_TOP - usrc;
	}
	r = uc_strncpy(dst, (const char *)usrc, lim);
	if (r < 0) {
		return -LX_EFAULT;
	}
	if ((size_t)r == n) {
		return -LX_ENAMETOOLONG;
	}
	if ((size_t)r == lim) {
		return -LX_EFAULT;
	}
	return r;
}
