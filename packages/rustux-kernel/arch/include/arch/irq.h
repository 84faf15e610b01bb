/* irq.h - kernel arch interface: device interrupts */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_ARCH_IRQ_H
#define RUSTUX_ARCH_IRQ_H

typedef void (*arch_irq_fn)(void *arg);

/*
 * Calls fn(arg) from interrupt context (interrupts disabled, must be short)
 * whenever legacy ISA interrupt line irq (0-15, e.g. 4 for COM1) fires, and
 * unmasks it. Returns 0, or -1 if the line is unknown or already taken.
 */
int	arch_irq_attach(unsigned irq, arch_irq_fn fn, void *arg);
/* Masks the line and forgets its handler. */
void	arch_irq_detach(unsigned irq);

#endif
