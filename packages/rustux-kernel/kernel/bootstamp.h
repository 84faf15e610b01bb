/* bootstamp.h - kernel: "RUSTUX: stamp" lines, microseconds since the loader started */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_KERNEL_BOOTSTAMP_H
#define RUSTUX_KERNEL_BOOTSTAMP_H

/*
 * Prints "RUSTUX: stamp firmware=Nms loader-start=0us loader-exit=Nus
 * kernel-entry=Nus WHAT=Nus" on the TSC (kmain.c keeps the loader's stamps).
 * The boot's stamps, in order: ready (kernel initialised), initrd (unpacked
 * into the root ramfs), devices (/dev, block devices, /proc), init-started
 * (PID 1's program loaded, about to enter user mode); tests-done instead of
 * the last three for rustux.test=kernel.
 */
void	boot_stamp(const char *what);

#endif
