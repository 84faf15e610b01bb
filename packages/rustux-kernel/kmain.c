/* kmain.c - kernel: the boot order, nothing else */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "abi/bootinfo.h"
#include "arch/cpu.h"
#include "arch/efi.h"
#include "arch/mmu.h"
#include "arch/timer.h"
#include "boot/bootinfo.h"
#include "boot/options.h"
#include "console/console.h"
#include "console/fbcon.h"
#include "kernel/bootconfirm.h"
#include "kernel/bootstamp.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "tests/ktest/ktest.h"
#include "version.h"

extern char __boot_start[], __kernel_end[];

/* What kmain keeps of the loader's memory before reclaiming it. */
static struct rx_bootinfo boot_info;
static struct rx_mem_range mem_map[BOOTINFO_MAX_RANGES];
static char cmdline[4096];
struct boot_options boot_opts;

void	userspace_start(const struct rx_bootinfo *bi, const char *init, int selftest);

/* The command line, for /proc/cmdline (fs/procfs.h). */
const char *
kernel_cmdline(void)
{
	return cmdline;
}

/* The boot page tables (entry.S) map physical [0, 4 GiB) only. */
#define BOOT_MAP_END	0x100000000ULL

static int
below_boot_map(uint64_t pa, uint64_t len)
{
	return pa < BOOT_MAP_END && len <= BOOT_MAP_END - pa;
}

static void
copy_bootinfo(uint64_t phys)
{
	const struct rx_bootinfo *bi;
	const char *why;

	if (!below_boot_map(phys, sizeof(*bi))) {
		panic("boot information at %#llx lies above 4 GiB, outside the boot map",
		    (unsigned long long)phys);
	}
	bi = phys_to_virt(phys);
	why = bootinfo_check(bi);
	if (why == NULL && !below_boot_map(bi->mem_map, bi->mem_map_count * sizeof(mem_map[0]))) {
		why = "memory map above 4 GiB";
	}
	if (why == NULL && bi->cmdline != 0 && !below_boot_map(bi->cmdline, bi->cmdline_size)) {
		why = "command line above 4 GiB";
	}
	if (why != NULL) {
		panic("boot information at %#llx unusable: %s", (unsigned long long)phys, why);
	}
	boot_info = *bi;
	memcpy(mem_map, phys_to_virt(bi->mem_map), bi->mem_map_count * sizeof(mem_map[0]));
	boot_info.mem_map = 0;
	if (bi->cmdline != 0) {
		memcpy(cmdline, phys_to_virt(bi->cmdline), bi->cmdline_size);
		cmdline[sizeof(cmdline) - 1] = '\0';
	}
	boot_info.cmdline = 0;
	boot_info.slot_version[sizeof(boot_info.slot_version) - 1] = '\0';
}

static void
print_memory_map(void)
{
	for (unsigned i = 0; i < boot_info.mem_map_count; i++) {
		klog(KLOG_DEBUG, "mem: %#014llx-%#014llx %s\n", (unsigned long long)mem_map[i].base,
		    (unsigned long long)(mem_map[i].base + mem_map[i].length - 1),
		    bootinfo_mem_type_name(mem_map[i].type));
	}
}

static void
init_memory(void)
{
	struct pmm_reserve res[2];
	struct pmm_stats st;
	unsigned n = 0;
	int rc;

	res[n].base = (uint64_t)__boot_start;
	res[n++].length = (uint64_t)__kernel_end - KERNEL_VMA - (uint64_t)__boot_start;
	if (boot_info.initrd_base != 0) {
		res[n].base = boot_info.initrd_base;
		res[n++].length = boot_info.initrd_size;
	}
	print_memory_map();
	if (pmm_init(mem_map, boot_info.mem_map_count, res, n) != 0) {
		panic("pmm: no room for the page bitmap");
	}
	if ((rc = arch_mmu_init(pmm_max_phys())) != MMU_OK) {
		panic("mmu: cannot build the kernel page tables (%d)", rc);
	}
	kheap_init();
	pmm_get_stats(&st);
	klog(KLOG_INFO, "mm: %zu MiB free, RAM ends at %llu MiB (%zu MiB reclaimed from loader and "
	    "boot services), %zu page-table pages\n", st.free_pages / 256,
	    (unsigned long long)(st.max_phys >> 20), st.reclaimed_pages / 256,
	    arch_mmu_table_pages());
}

static uint64_t
stamp_us(uint64_t tsc)
{
	return tsc == 0 ? 0 : arch_cycles_to_ns(tsc - boot_info.tsc_loader_start) / 1000;
}

/* The TSC at kernel entry (entry.S), for the stamp lines. */
static uint64_t stamp_tsc_entry;

/* "RUSTUX: stamp ..." lines: microseconds since the loader started, on the TSC. */
void
boot_stamp(const char *what)
{
	if (boot_info.tsc_loader_start == 0) {
		kprintf("RUSTUX: stamp %s: loader gave no TSC stamps\n", what);
		return;
	}
	kprintf("RUSTUX: stamp firmware=%llums loader-start=0us loader-exit=%lluus "
	    "kernel-entry=%lluus %s=%lluus\n", (unsigned long long)boot_info.firmware_ms,
	    (unsigned long long)stamp_us(boot_info.tsc_loader_exit),
	    (unsigned long long)stamp_us(stamp_tsc_entry), what,
	    (unsigned long long)stamp_us(arch_cycles()));
}

static void
apply_options(void)
{
	boot_options_parse(&boot_opts, cmdline, sizeof(cmdline));
	printk_set_level((int)boot_opts.loglevel);
	if (strcmp(boot_opts.panic, "reboot") == 0) {
		panic_set_action(PANIC_REBOOT);
	} else if (boot_opts.test[0] != '\0') {
		panic_set_action(PANIC_POWEROFF);
	}
}

static int
console_wanted(const char *name)
{
	const char *c = boot_opts.console;
	size_t n = strlen(name);

	while (*c != '\0') {
		if (strncmp(c, name, n) == 0 && (c[n] == ',' || c[n] == '\0')) {
			return 1;
		}
		while (*c != '\0' && *c != ',') {
			c++;
		}
		if (*c == ',') {
			c++;
		}
	}
	return 0;
}

/* Eats the stack until the guard page stops it (rustux.test=stack). */
static uint64_t
recurse(uint64_t depth)
{
	volatile uint8_t frame[512];

	frame[0] = (uint8_t)depth;
	if (depth > (1u << 20)) {
		return depth;	/* never reached: 512 MiB of stack */
	}
	return recurse(depth + 1) + frame[0];
}

/* Shows a console that joins late what the others printed so far. */
static void
replay_log(struct console *c)
{
	for (uint64_t seq = klog_first(&kernel_log); seq < kernel_log.next_seq; seq++) {
		const struct klog_record *r = klog_get(&kernel_log, seq);

		if (r != NULL && r->level <= boot_opts.loglevel) {
			c->write(c, r->text, strlen(r->text));
			c->write(c, "\n", 1);
		}
	}
}

void
kmain(uint64_t bootinfo_phys, uint64_t tsc_entry)
{
	int failed;

	stamp_tsc_entry = tsc_entry;
	arch_cpu_init();
	console_register(&serial_console);
	kprintf("RUSTUX: kernel %s (%s) entered\n", RUSTUX_VERSION, arch_name);
	copy_bootinfo(bootinfo_phys);
	apply_options();
	init_memory();
	if (console_wanted("fb") && fbcon_init(&boot_info.fb) == 0) {
		replay_log(&fb_console);
		console_register(&fb_console);
		if (!console_wanted("serial")) {
			console_unregister(&serial_console);
		}
	}
	arch_efi_init(&boot_info);
	if (arch_time_init(&boot_info, (unsigned)boot_opts.hz) != 0) {
		panic("time: cannot calibrate the clocks");
	}
	kprintf("RUSTUX: boot slot=%c version=%s cmdline=\"%s\"\n",
	    boot_info.slot ? (char)boot_info.slot : '?', boot_info.slot_version, cmdline);
	boot_stamp("ready");
#ifdef RUSTUX_TEST_PANIC_AT_BOOT
	/* Test-only builds (packages/rustux-boot/tests/e2e): a kernel that never confirms. */
	panic("test build: RUSTUX_TEST_PANIC_AT_BOOT");
#endif
	if (strcmp(boot_opts.test, "panic") == 0) {
		/* A deliberate kernel page fault: shows the exception report path. */
		kprintf("RUSTUX: deliberate fault for rustux.test=panic\n");
		*(volatile uint64_t *)0xdead000 = 1;
	}
	if (strcmp(boot_opts.test, "stack") == 0) {
		/* Runs into the guard page: the #DF must arrive on its IST stack. */
		kprintf("RUSTUX: deliberate stack overflow for rustux.test=stack\n");
		recurse(0);
	}
	if (strcmp(boot_opts.test, "kernel") == 0) {
		failed = ktest_run_all();
		boot_stamp("tests-done");
		if (failed == 0 && boot_opts.confirm) {
			boot_confirm(&boot_info);
		}
		kprintf("RUSTUX: poweroff\n");
		arch_poweroff(failed != 0);
	}
	if (boot_opts.confirm) {
		boot_confirm(&boot_info);
	}
	userspace_start(&boot_info, boot_opts.init, (int)boot_opts.schedtest);	/* proc/start.c */
	kprintf("RUSTUX: idle\n");
	for (;;) {
		arch_idle();
	}
}
