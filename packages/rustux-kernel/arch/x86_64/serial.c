/* serial.c - kernel x86_64: the 16550 UART on COM1, 115200 8N1, polled */
/* SPDX-License-Identifier: MIT */
#include "arch/cpu.h"
#include "x86.h"

#define COM1		0x3f8
#define REG_DATA	0
#define REG_IER		1
#define REG_FCR		2
#define REG_LCR		3
#define REG_MCR		4
#define REG_LSR		5
#define LSR_DR		0x01
#define LSR_THRE	0x20
#define IER_RX		0x01
#define MCR_NORMAL	0x0b	/* DTR, RTS, OUT2 (OUT2 gates the IRQ line) */
#define MCR_LOOP	0x10
#define COM1_IRQ	4

static int serial_ok;

void
serial_init(void)
{
	outb(COM1 + REG_IER, 0x00);	/* no interrupts */
	outb(COM1 + REG_LCR, 0x80);	/* divisor latch */
	outb(COM1 + 0, 0x01);		/* 115200 = 115200 / 1 */
	outb(COM1 + 1, 0x00);
	outb(COM1 + REG_LCR, 0x03);	/* 8N1 */
	outb(COM1 + REG_FCR, 0xc7);	/* FIFO on, cleared, 14-byte threshold */
	outb(COM1 + REG_MCR, MCR_NORMAL);
	/* A missing UART reads back 0xff; then writes would spin for nothing. */
	serial_ok = inb(COM1 + REG_LSR) != 0xff;
}

static void
put_raw(char c)
{
	int spins = 100000;

	while (!(inb(COM1 + REG_LSR) & LSR_THRE) && --spins > 0) {
		__asm__ volatile("pause");
	}
	outb(COM1 + REG_DATA, (uint8_t)c);
}

void
arch_debug_putc(char c)
{
	if (!serial_ok) {
		return;
	}
	if (c == '\n') {
		put_raw('\r');
	}
	put_raw(c);
}

int
arch_debug_getc(void)
{
	if (!serial_ok || !(inb(COM1 + REG_LSR) & LSR_DR)) {
		return -1;
	}
	return inb(COM1 + REG_DATA);
}

int
arch_debug_irq(void)
{
	return serial_ok ? COM1_IRQ : -1;
}

void
arch_debug_rx_interrupts(int on)
{
	outb(COM1 + REG_IER, on ? IER_RX : 0);
}

void
arch_debug_loopback(int on)
{
	/* Drain the transmitter first so nothing printed before is looped back. */
	for (int spins = 100000; !(inb(COM1 + REG_LSR) & 0x40) && spins > 0; spins--) {
		__asm__ volatile("pause");
	}
	outb(COM1 + REG_MCR, on ? (MCR_NORMAL | MCR_LOOP) : MCR_NORMAL);
}
