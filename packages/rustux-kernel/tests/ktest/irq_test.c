/* irq_test.c - kernel self-tests: a device interrupt end to end (UART loopback -> I/O APIC) */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "arch/cpu.h"
#include "arch/irq.h"
#include "arch/timer.h"
#include "tests/ktest/ktest.h"

static volatile int received[4];
static volatile unsigned nreceived, nirq;

static void
on_rx(void *arg)
{
	int c;

	(void)arg;
	nirq++;
	while ((c = arch_debug_getc()) >= 0) {
		if (nreceived < 4) {
			received[nreceived] = c;
		}
		nreceived++;
	}
}

/*
 * The serial port in loopback mode receives what it sends; its receive
 * interrupt must come through the I/O APIC route of ISA IRQ 4 to our
 * handler. Nothing may be printed while the port loops back.
 */
int
ktest_serial_irq_loopback(void)
{
	int irq = arch_debug_irq(), rc = 0;
	uint64_t start;

	if (irq < 0) {
		return 0;	/* no UART: nothing to test */
	}
	while (arch_debug_getc() >= 0) {
	}
	nreceived = nirq = 0;
	if (arch_irq_attach((unsigned)irq, on_rx, NULL) != 0) {
		return ktest_fail("cannot attach ISA IRQ %d", irq);
	}
	arch_debug_loopback(1);
	arch_debug_rx_interrupts(1);
	arch_debug_putc('R');
	arch_debug_putc('x');
	for (start = arch_ticks(); nreceived < 2 && arch_ticks() - start < 2000;) {
		arch_idle();
	}
	arch_debug_rx_interrupts(0);
	arch_debug_loopback(0);
	arch_irq_detach((unsigned)irq);
	if (nirq == 0) {
		rc = ktest_fail("no interrupt (%u bytes seen)", nreceived);
	} else if (nreceived != 2 || received[0] != 'R' || received[1] != 'x') {
		rc = ktest_fail("received %u bytes", nreceived);
	}
	return rc;
}
