/* timer.h - kernel arch interface: the monotonic clock and the periodic tick */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_ARCH_TIMER_H
#define RUSTUX_ARCH_TIMER_H

#include <stdint.h>

/* Nanoseconds since the clock was calibrated (0 before). */
uint64_t arch_clock_ns(void);
/* Converts a cycle count (arch_cycles) to nanoseconds, once calibrated. */
uint64_t arch_cycles_to_ns(uint64_t cycles);
/* Cycles per second as calibrated (0 before). */
uint64_t arch_cycles_hz(void);
/* Ticks of the periodic timer since it started, and its rate. */
uint64_t arch_ticks(void);
unsigned arch_tick_hz(void);
/* Name of the reference the cycle counter was calibrated against ("hpet", "pit"). */
const char *arch_clock_source(void);

/* Called by the port on every tick, with interrupts disabled. */
void	timer_tick(uint64_t now_ns);

#endif
