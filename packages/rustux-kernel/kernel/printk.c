/* printk.c - kernel: kprintf, the log ring, the emergency printer and panic */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>

#include "arch/cpu.h"
#include "arch/timer.h"
#include "console/console.h"
#include "kernel/ksyms.h"
#include "kernel/printk.h"
#include "lib/printf.h"

#define LOG_RECORDS	512

static struct klog_record log_records[LOG_RECORDS];
struct klog kernel_log = { log_records, LOG_RECORDS, 1 };
static int echo_level = KLOG_INFO;
static int panic_action = PANIC_HALT;
static int panicking;

void
printk_set_level(int level)
{
	echo_level = level;
}

void
panic_set_action(int action)
{
	panic_action = action;
}

/* Appends each line of text to the ring separately. */
static void
log_lines(int level, const char *text, size_t len)
{
	size_t start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i == len || text[i] == '\n') {
			if (i > start) {
				klog_append(&kernel_log, (uint8_t)level, arch_clock_ns(),
				    text + start, i - start);
			}
			start = i + 1;
		}
	}
}

void
kprintf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1) {
		n = sizeof(buf) - 1;
	}
	console_write(buf, (size_t)n);
	log_lines(KLOG_INFO, buf, (size_t)n);
}

void
klog(int level, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1) {
		n = sizeof(buf) - 1;
	}
	if (level <= echo_level) {
		console_write(buf, (size_t)n);
	}
	log_lines(level, buf, (size_t)n);
}

static void
emerg_sink(void *arg, char c)
{
	(void)arg;
	arch_debug_putc(c);
}

void
printk_emerg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vformat(emerg_sink, NULL, fmt, ap);
	va_end(ap);
}

void
printk_symbol_line(uint64_t pc)
{
	uint64_t off;
	const char *name = ksym_lookup(pc, &off);

	if (name != NULL) {
		printk_emerg("    [<%016llx>] %s+%#llx\n", (unsigned long long)pc, name,
		    (unsigned long long)off);
	} else {
		printk_emerg("    [<%016llx>] ?\n", (unsigned long long)pc);
	}
}

static void
bt_line(uint64_t pc, void *arg)
{
	(void)arg;
	printk_symbol_line(pc);
}

void
panic(const char *fmt, ...)
{
	va_list ap;

	arch_irq_disable();
	if (panicking++) {
		arch_halt();
	}
	printk_emerg("PANIC: ");
	va_start(ap, fmt);
	fmt_vformat(emerg_sink, NULL, fmt, ap);
	va_end(ap);
	printk_emerg("\n  backtrace:\n");
	arch_backtrace(0, bt_line, NULL, 16);
	switch (panic_action) {
	case PANIC_REBOOT:
		printk_emerg("RUSTUX: rebooting after panic\n");
		arch_reboot();
	case PANIC_POWEROFF:
		printk_emerg("RUSTUX: poweroff after panic (failure)\n");
		arch_poweroff(1);
	default:
		printk_emerg("RUSTUX: halted after panic\n");
		arch_halt();
	}
}
