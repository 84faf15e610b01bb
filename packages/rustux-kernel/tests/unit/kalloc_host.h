/* kalloc_host.h - kernel unit tests: knobs of the host kmalloc (failure injection, live count) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_TESTS_KALLOC_HOST_H
#define RUSTUX_TESTS_KALLOC_HOST_H

/* -1: never fail; N >= 0: the (N+1)th kmalloc from now and all later fail. */
extern long kalloc_fail_after;
/* Allocations not yet freed: tests check it returns to its start value. */
extern long kalloc_live;

#endif
