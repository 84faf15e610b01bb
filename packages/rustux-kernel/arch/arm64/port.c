/* port.c - kernel arm64 (experimental): the PL011 UART on QEMU virt, halt, power off */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdint.h>

#include "arch/cpu.h"
#include "lib/printf.h"

#define PL011_BASE	0x09000000UL
#define PL011_DR	0x00
#define PL011_FR	0x18
#define FR_TXFF		(1u << 5)

const char arch_name[] = "arm64";

void arch_psci_off(void);
void port_main(void);

void
arch_debug_putc(char c)
{
	volatile uint32_t *uart = (volatile uint32_t *)PL011_BASE;

	if (c == '\n') {
		arch_debug_putc('\r');
	}
	while (uart[PL011_FR / 4] & FR_TXFF) {
	}
	uart[PL011_DR / 4] = (uint32_t)(unsigned char)c;
}

void
arch_halt(void)
{
	for (;;) {
		__asm__ volatile("wfi");
	}
}

void
arch_poweroff(int status)
{
	(void)status;
	arch_psci_off();
	arch_halt();
}

static void
sink(void *arg, char c)
{
	(void)arg;
	arch_debug_putc(c);
}

static void
say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vformat(sink, NULL, fmt, ap);
	va_end(ap);
}

/* The whole port for now: prove the toolchain, entry, UART and printf. */
void
port_main(void)
{
	say("RUSTUX: hello from %s (experimental port: UART and halt only)\n", arch_name);
	arch_poweroff(0);
}
