/* ktest.c - kernel: the self-test table and runner */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdint.h>

#include "arch/timer.h"
#include "kernel/printk.h"
#include "lib/printf.h"
#include "tests/ktest/ktest.h"

struct ktest {
	const char *name;
	int (*fn)(void);
};

/* Every self-test, in the order they run. */
static const struct ktest tests[] = {
	{ "kernel/pmm-exhaust-and-recover", ktest_pmm_exhaust },
	{ "kernel/pmm-contiguous-aligned", ktest_pmm_contiguous },
	{ "kernel/mmu-map-unmap", ktest_mmu_map_unmap },
	{ "kernel/mmu-protect", ktest_mmu_protect },
	{ "kernel/page-fault-caught", ktest_page_fault_caught },
	{ "kernel/kernel-sections-wx", ktest_kernel_wx },
	{ "kernel/heap-integrity", ktest_heap_integrity },
	{ "kernel/heap-rejects-bad-free", ktest_heap_rejects_bad_free },
	{ "kernel/clock-monotonic", ktest_clock_monotonic },
	{ "kernel/timer-rate", ktest_timer_rate },
	{ "kernel/timer-callbacks", ktest_timer_callbacks },
	{ "kernel/klog-ring", ktest_klog_ring },
	{ "kernel/ksyms-lookup", ktest_ksyms_lookup },
	{ "kernel/serial-irq-loopback", ktest_serial_irq_loopback },
};

static char reason[160];

int
ktest_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	return 1;
}

int
ktest_run_all(void)
{
	int passed = 0, failed = 0;

	for (unsigned i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		uint64_t t0 = arch_clock_ns();
		int rc;

		reason[0] = '\0';
		rc = tests[i].fn();
		klog(KLOG_DEBUG, "ktest: %s took %llu us\n", tests[i].name,
		    (unsigned long long)((arch_clock_ns() - t0) / 1000));
		if (rc == 0) {
			kprintf("TEST %s ... PASS\n", tests[i].name);
			passed++;
		} else {
			kprintf("TEST %s ... FAIL (%s)\n", tests[i].name,
			    reason[0] != '\0' ? reason : "no reason given");
			failed++;
		}
	}
	kprintf("RESULT %d passed, %d failed\n", passed, failed);
	return failed;
}
