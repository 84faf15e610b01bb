/* cmd_info.c - rustux-kernel version, features, arch status and coverage syscall */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"

#define OPTIONS_DEF	"packages/rustux-kernel/boot/options.def"
#define SYSCALLS_TAB	"packages/rustux-kernel/abi/syscalls.tab"

int
cmd_version(struct rk_opts *o)
{
	char v[64];

	(void)o;
	rk_kernel_version(v, sizeof(v));
	printf("rustux-kernel CLI %s\n", RK_VERSION);
	printf("kernel package version %s\n", v[0] ? v : "unknown (no recipes/rustux-kernel.json)");
	return 0;
}

/* Features of the boot path, one row each; the kernel options come from
 * options.def so this list cannot disagree with the kernel. */
static const char *const features[] = {
	"boot: UEFI loader rustux-boot (gnu-efi), BOOTX64.EFI",
	"boot: loader.conf with slots a/b, boot counting, fallback, menu",
	"boot: boot confirmation through the RustuxBootConfirm EFI variable",
	"boot: bootinfo v1: memory map, GOP framebuffer, ACPI RSDP, EFI tables, initrd, cmdline, TSC stamps",
	"qemu: OVMF + TCG, isa-debug-exit status, serial log, hard timeout",
};

static void
print_options(void)
{
	char path[RK_PATH_MAX];
	char *text = rk_read_file(rk_path(path, OPTIONS_DEF), NULL), *line, *save;

	if (text == NULL)
		return;
	printf("kernel command-line options (%s):\n", OPTIONS_DEF);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char key[64], doc[512];

		if (strncmp(line, "RX_OPTION(\"", 11) != 0)
			continue;
		if (sscanf(line + 11, "%63[^\"]", key) != 1)
			continue;
		doc[0] = '\0';
		char *end = strrchr(line, '"'), *start = end;

		while (start != NULL && start > line && start[-1] != '"')
			start--;
		if (end != NULL && start != NULL && start > line && end - start < (long)sizeof(doc)) {
			memcpy(doc, start, (size_t)(end - start));
			doc[end - start] = '\0';
		}
		printf("  %-16s %s\n", key, doc);
	}
	free(text);
}

int
cmd_features(struct rk_opts *o)
{
	(void)o;
	for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++)
		printf("%s\n", features[i]);
	print_options();
	return 0;
}

int
cmd_arch(struct rk_opts *o)
{
	static const struct {
		const char *name, *dir, *qemu, *status;
	} arches[] = {
		{ "x86_64 (amd64)", "x86_64", "qemu-system-x86_64 -M q35 + OVMF",
		  "supported: boots through rustux-boot, self-tests in make check" },
		{ "arm64", "arm64", "qemu-system-aarch64 -M virt",
		  "experimental: prints hello on the UART and powers off (make check-kernel-ports); nothing else runs" },
		{ "riscv64", "riscv64", "qemu-system-riscv64 -M virt",
		  "experimental: prints hello on the UART and powers off (make check-kernel-ports); nothing else runs" },
	};
	char path[RK_PATH_MAX], rel[128];

	if (o->argc != 1 || strcmp(o->argv[0], "status") != 0)
		return rk_err("arch", "usage: rustux-kernel arch status"), 2;
	for (size_t i = 0; i < sizeof(arches) / sizeof(arches[0]); i++) {
		snprintf(rel, sizeof(rel), "packages/rustux-kernel/arch/%s", arches[i].dir);
		printf("%-15s %s (%s; sources %s)\n", arches[i].name, arches[i].status,
		    arches[i].qemu, rk_exists(rk_path(path, rel)) ? "present" : "not written");
	}
	return 0;
}

/* Count syscalls.tab rows by kind and status. */
int
cmd_coverage(struct rk_opts *o)
{
	char path[RK_PATH_MAX];
	char *text, *line, *save;
	unsigned total = 0, impl = 0, enosys = 0, planned = 0;

	if (o->argc != 1 || strcmp(o->argv[0], "syscall") != 0)
		return rk_err("coverage", "usage: rustux-kernel coverage syscall [--list]"), 2;
	text = rk_read_file(rk_path(path, SYSCALLS_TAB), NULL);
	if (text == NULL) {
		printf("syscalls: no table yet (%s): 0 defined, 0 implemented\n", SYSCALLS_TAB);
		return 0;
	}
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char kind[16], status[16], name[64];
		unsigned nr;

		if (sscanf(line, "%u %15s %15s %63s", &nr, kind, status, name) != 4 ||
		    strcmp(kind, "RETIRED") == 0)
			continue;
		total++;
		impl += strcmp(status, "impl") == 0;
		enosys += strcmp(status, "enosys") == 0;
		planned += strcmp(status, "planned") == 0;
		if (o->list)
			printf("%5u %-3s %-8s %s\n", nr, kind, status, name);
	}
	free(text);
	printf("syscalls: %u defined, %u implemented, %u deliberate ENOSYS, %u planned (%u%%)\n",
	    total, impl, enosys, planned, total ? impl * 100 / total : 0);
	return 0;
}
