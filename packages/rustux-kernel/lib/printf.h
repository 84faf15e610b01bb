/* printf.h - kernel: formatted output into a sink or a buffer (pure, host-testable) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_LIB_PRINTF_H
#define RUSTUX_LIB_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* A sink receives every output byte in order. */
typedef void (*fmt_sink_fn)(void *arg, char c);

/*
 * Formats like C99 printf for the conversions the kernel uses: d i u x X o
 * p s c %, flags "-+ #0", width and precision (also "*"), and the length
 * modifiers hh h l ll z j t. Returns the number of bytes produced.
 */
int	fmt_vformat(fmt_sink_fn sink, void *arg, const char *fmt, va_list ap);

/* Like vsnprintf: always NUL-terminates when size > 0, returns the full length. */
int	fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int	fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#endif
