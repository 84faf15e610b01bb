/* lx_errno.h - Linux personality: the one place native statuses become Linux errno values */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_LINUX_LX_ERRNO_H
#define RUSTUX_LINUX_LX_ERRNO_H

#include "abi/types.h"

/*
 * Maps RX_OK to 0 and an RX_ERR_* to the negative errno Linux would return
 * for the same failure (BAD_HANDLE -> -EBADF, NO_MEMORY -> -ENOMEM, ...).
 * An unknown status maps to -EIO, never to 0. Like musl's __syscall_ret,
 * this is the only conversion point (STYLE B5).
 */
long	lx_errno(rx_status_t st);

#endif
