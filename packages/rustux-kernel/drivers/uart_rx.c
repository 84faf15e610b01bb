/* uart_rx.c - kernel: COM1 receive interrupt -> console terminal input */
/* SPDX-License-Identifier: MIT */
#include "arch/cpu.h"
#include "arch/irq.h"
#include "drivers/console_tty.h"

#define RX_BATCH	64

/* Drains the UART's FIFO (reading the data register clears the interrupt). */
static void
uart_rx_irq(void *arg)
{
	char buf[RX_BATCH];
	size_t n = 0;
	int c;

	(void)arg;
	while ((c = arch_debug_getc()) >= 0) {
		buf[n++] = (char)c;
		if (n == sizeof(buf)) {
			console_tty_input(buf, n);
			n = 0;
		}
	}
	if (n > 0) {
		console_tty_input(buf, n);
	}
}

int
uart_rx_start(void)
{
	int irq = arch_debug_irq();

	if (irq < 0) {
		return -1;
	}
	if (arch_irq_attach((unsigned)irq, uart_rx_irq, NULL) != 0) {
		return -1;
	}
	arch_debug_rx_interrupts(1);
	uart_rx_irq(NULL);	/* whatever arrived before anyone listened */
	return 0;
}
