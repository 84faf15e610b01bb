/* console.c - loader output: EFI ConOut plus COM1, so headless tests see everything */
/* SPDX-License-Identifier: MIT */
#include <efi.h>
#include <efilib.h>

#include "console.h"

#define COM1		0x3f8
#define DP_MESSAGING	0x03
#define DP_UART		0x0e
#define DP_END		0x7f

static EFI_SYSTEM_TABLE *con_st;
static int con_boot_services;	/* ConOut usable */
static int con_direct_serial;	/* write COM1 by hand */

static inline void
outb(UINT16 port, UINT8 v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline UINT8
inb(UINT16 port)
{
	UINT8 v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void
serial_setup(void)
{
	outb(COM1 + 1, 0x00);	/* no interrupts */
	outb(COM1 + 3, 0x80);	/* DLAB */
	outb(COM1 + 0, 0x01);	/* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);	/* 8N1 */
	outb(COM1 + 2, 0xc7);	/* FIFO on, cleared */
	outb(COM1 + 4, 0x03);	/* DTR, RTS */
}

static void
serial_putc(char ch)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + 5) & 0x20); i++)
		;
	outb(COM1, (UINT8)ch);
}

/* Does the firmware's ConOut variable name a UART? Then ConOut reaches COM1. */
static int
conout_has_uart(void)
{
	EFI_GUID global = EFI_GLOBAL_VARIABLE;
	UINT8 buf[1024];
	UINTN size = sizeof(buf);
	UINT32 attrs;
	UINTN off = 0;

	if (con_st->RuntimeServices->GetVariable(L"ConOut", &global, &attrs,
	    &size, buf) != EFI_SUCCESS)
		return 0;
	while (off + 4 <= size) {
		UINT8 type = buf[off], sub = buf[off + 1];
		UINT16 len = (UINT16)(buf[off + 2] | buf[off + 3] << 8);

		if (type == DP_MESSAGING && sub == DP_UART)
			return 1;
		if (len < 4)
			break;
		if (type == DP_END && sub == 0xff)
			break;
		off += len;
	}
	return 0;
}

void
con_init(EFI_SYSTEM_TABLE *st)
{
	con_st = st;
	con_boot_services = 1;
	con_direct_serial = !conout_has_uart();
	if (con_direct_serial)
		serial_setup();
}

void
con_serial_only(void)
{
	con_boot_services = 0;
	con_direct_serial = 1;
}

static void
conout_write(const char *s, UINTN n)
{
	CHAR16 w[130];
	UINTN k = 0;

	for (UINTN i = 0; i < n; i++) {
		if (s[i] == '\n')
			w[k++] = L'\r';
		w[k++] = (CHAR16)(UINT8)s[i];
		if (k >= 126 || i + 1 == n) {
			w[k] = 0;
			con_st->ConOut->OutputString(con_st->ConOut, w);
			k = 0;
		}
	}
}

static void
con_write(const char *s, UINTN n)
{
	if (con_boot_services && con_st->ConOut != NULL)
		conout_write(s, n);
	if (con_direct_serial) {
		for (UINTN i = 0; i < n; i++) {
			if (s[i] == '\n')
				serial_putc('\r');
			serial_putc(s[i]);
		}
	}
}

/* Output cursor of the formatter. */
struct fmt {
	char *buf;
	UINTN cap, len;
};

static void
fput(struct fmt *f, char ch)
{
	if (f->len + 1 < f->cap)
		f->buf[f->len] = ch;
	f->len++;
}

static void
fnum(struct fmt *f, UINT64 v, unsigned base, int neg, unsigned width, char pad)
{
	char tmp[24];
	unsigned n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v != 0);
	if (neg)
		tmp[n++] = '-';
	while (width > n) {
		fput(f, pad);
		width--;
	}
	while (n > 0)
		fput(f, tmp[--n]);
}

/* Read the integer argument for conversion `conv` with `longs` 'l's. */
static UINT64
farg(va_list *ap, char conv, int longs, int *neg)
{
	INT64 sv;

	*neg = 0;
	if (conv != 'd') {
		if (longs > 0)
			return va_arg(*ap, unsigned long long);
		return va_arg(*ap, unsigned int);
	}
	sv = longs > 0 ? va_arg(*ap, long long) : va_arg(*ap, int);
	if (sv < 0) {
		*neg = 1;
		return (UINT64)0 - (UINT64)sv;
	}
	return (UINT64)sv;
}

int
con_vsnprintf(char *buf, UINTN cap, const char *fmt, va_list ap)
{
	struct fmt f = { buf, cap, 0 };
	va_list aq;

	va_copy(aq, ap);
	for (; *fmt != '\0'; fmt++) {
		unsigned width = 0;
		char pad = ' ';
		int longs = 0, neg;
		const char *s;
		UINT64 v;

		if (*fmt != '%') {
			fput(&f, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (unsigned)(*fmt++ - '0');
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 's':
			for (s = va_arg(aq, const char *); s != NULL && *s; s++)
				fput(&f, *s);
			break;
		case 'c':
			fput(&f, (char)va_arg(aq, int));
			break;
		case 'd':
		case 'u':
		case 'x':
			v = farg(&aq, *fmt, longs, &neg);
			fnum(&f, v, *fmt == 'x' ? 16 : 10, neg, width, pad);
			break;
		case '\0':
			fmt--;
			break;
		default:
			fput(&f, *fmt);
			break;
		}
	}
	va_end(aq);
	if (cap > 0)
		buf[f.len < cap ? f.len : cap - 1] = '\0';
	return (int)f.len;
}

int
con_snprintf(char *buf, UINTN cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = con_vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

void
con_printf(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = con_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	con_write(buf, (UINTN)n);
}
