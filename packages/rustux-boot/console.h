/* console.h - loader output: EFI ConOut plus COM1, so headless tests see everything */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_BOOT_CONSOLE_H
#define RUSTUX_BOOT_CONSOLE_H

#include <efi.h>
#include <stdarg.h>

/* Set up ConOut and COM1. COM1 is written directly (16550 port I/O) unless
 * the firmware's ConOut already includes a serial terminal, in which case
 * ConOut alone reaches it and direct writes start at con_serial_only(). */
void con_init(EFI_SYSTEM_TABLE *st);

/* From now on print to COM1 only (ExitBootServices is being called). */
void con_serial_only(void);

/* printf subset: %s %c %d %u %x with l/ll, width and 0 flag. */
void con_printf(const char *fmt, ...);
int con_vsnprintf(char *buf, UINTN cap, const char *fmt, va_list ap);
int con_snprintf(char *buf, UINTN cap, const char *fmt, ...);

#endif
