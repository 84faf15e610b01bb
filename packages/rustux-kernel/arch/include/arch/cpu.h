/* cpu.h - kernel arch interface: CPU control every port provides */
/* SPDX-License-Identifier: MIT */
/*
 * The portable kernel includes only the headers in arch/include/arch; each port
 * (arch/x86_64, …) implements these in its own folder.
 */
#ifndef RUSTUX_ARCH_CPU_H
#define RUSTUX_ARCH_CPU_H

#include <stdint.h>

struct rx_bootinfo;

/* The port's name, e.g. "x86_64". */
extern const char arch_name[];

/* Early CPU setup: descriptor tables, exception handlers. */
void	arch_cpu_init(void);
/* Interrupt controllers, clocks and the periodic tick at hz; enables interrupts. */
int	arch_time_init(const struct rx_bootinfo *bi, unsigned hz);
void	arch_irq_enable(void);
void	arch_irq_disable(void);
/* Saves the interrupt state and disables; arch_irq_restore puts it back. */
unsigned long arch_irq_save(void);
void	arch_irq_restore(unsigned long state);
/* Waits for the next interrupt. */
void	arch_idle(void);
/* Stops this CPU for good. */
__attribute__((noreturn)) void arch_halt(void);
/* Resets the machine. */
__attribute__((noreturn)) void arch_reboot(void);
/*
 * Powers off; under QEMU's isa-debug-exit device the status says pass (0)
 * or fail (1) to the host. Falls back to ACPI-less halt.
 */
__attribute__((noreturn)) void arch_poweroff(int status);

/* A cycle counter: cheap, monotonic on one CPU. */
uint64_t arch_cycles(void);

/* One character to the debug console (serial), polled, usable in panics. */
void	arch_debug_putc(char c);
/* The next received character of the debug console, or -1 if none is waiting. */
int	arch_debug_getc(void);
/* The debug console's ISA interrupt line (COM1: 4), or -1 if it has none. */
int	arch_debug_irq(void);
/* Turns the "character received" interrupt on or off. */
void	arch_debug_rx_interrupts(int on);
/* Self-tests only: loops transmitted characters back to the receiver (no output!). */
void	arch_debug_loopback(int on);

/*
 * Walks the frame-pointer chain from the caller (or from the given frame
 * pointer if fp != 0), calling fn for every return address, at most max.
 */
void	arch_backtrace(uint64_t fp, void (*fn)(uint64_t pc, void *arg), void *arg, int max);

#endif
