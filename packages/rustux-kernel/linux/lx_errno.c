/* lx_errno.c - Linux personality: rx_status_t -> -errno, one table */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>

#include "abi/linux/errno.h"
#include "linux/lx_errno.h"

static const struct {
	rx_status_t	st;
	int		err;
} map[] = {
	{ RX_ERR_INTERNAL, LX_EIO },
	{ RX_ERR_NOT_SUPPORTED, LX_EOPNOTSUPP },
	{ RX_ERR_NO_RESOURCES, LX_EMFILE },
	{ RX_ERR_NO_MEMORY, LX_ENOMEM },
	{ RX_ERR_INVALID_ARGS, LX_EINVAL },
	{ RX_ERR_BAD_HANDLE, LX_EBADF },
	{ RX_ERR_WRONG_TYPE, LX_EBADF },
	{ RX_ERR_BAD_SYSCALL, LX_ENOSYS },
	{ RX_ERR_OUT_OF_RANGE, LX_ERANGE },
	{ RX_ERR_BUFFER_TOO_SMALL, LX_ERANGE },
	{ RX_ERR_BAD_STATE, LX_EINVAL },
	{ RX_ERR_TIMED_OUT, LX_ETIMEDOUT },
	{ RX_ERR_SHOULD_WAIT, LX_EAGAIN },
	{ RX_ERR_CANCELED, LX_ECANCELED },
	{ RX_ERR_PEER_CLOSED, LX_EPIPE },
	{ RX_ERR_NOT_FOUND, LX_ENOENT },
	{ RX_ERR_ALREADY_EXISTS, LX_EEXIST },
	{ RX_ERR_ACCESS_DENIED, LX_EACCES },
	{ RX_ERR_IO, LX_EIO },
};

long
lx_errno(rx_status_t st)
{
	size_t i;

	if (st == RX_OK)
		return 0;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].st == st)
			return -map[i].err;
	return -LX_EIO;
}
