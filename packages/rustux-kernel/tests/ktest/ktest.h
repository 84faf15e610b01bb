/* ktest.h - kernel: in-kernel self-tests (rustux.test=kernel) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_KTEST_H
#define RUSTUX_KTEST_H

/*
 * A test returns 0 to pass; on failure it calls ktest_fail() with the
 * reason and returns non-zero. The table of tests is in ktest.c.
 */
int	ktest_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Runs every test, printing "TEST name ... PASS" or "TEST name ... FAIL
 * (reason)" and then "RESULT N passed, N failed". Returns the failures.
 */
int	ktest_run_all(void);

int	ktest_pmm_exhaust(void);
int	ktest_pmm_contiguous(void);
int	ktest_mmu_map_unmap(void);
int	ktest_mmu_protect(void);
int	ktest_page_fault_caught(void);
int	ktest_kernel_wx(void);
int	ktest_heap_integrity(void);
int	ktest_heap_rejects_bad_free(void);
int	ktest_timer_rate(void);
int	ktest_timer_callbacks(void);
int	ktest_clock_monotonic(void);
int	ktest_klog_ring(void);
int	ktest_ksyms_lookup(void);
int	ktest_serial_irq_loopback(void);

#endif
