/* port.c - kernel riscv64 (experimental): the 16550 UART on QEMU virt, halt, power off */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdint.h>

#include "arch/cpu.h"
#include "lib/printf.h"

#define UART_BASE	0x10000000UL
#define UART_THR	0
#define UART_LSR	5
#define LSR_THRE	0x20
#define SIFIVE_TEST	0x00100000UL	/* QEMU virt's "test" device */
#define TEST_PASS	0x5555
#define TEST_FAIL	0x3333

const char arch_name[] = "riscv64";

void port_main(void);

void
arch_debug_putc(char c)
{
	volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;

	if (c == '\n') {
		arch_debug_putc('\r');
	}
	while (!(uart[UART_LSR] & LSR_THRE)) {
	}
	uart[UART_THR] = (uint8_t)c;
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
	*(volatile uint32_t *)SIFIVE_TEST = status == 0 ? TEST_PASS : (TEST_FAIL | (1u << 16));
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
