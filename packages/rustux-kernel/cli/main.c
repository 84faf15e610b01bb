/* main.c - rustux-kernel: the kernel developer CLI (command table, option parsing) */
/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"

static const struct {
	const char *name;
	int (*fn)(struct rk_opts *);
	const char *usage;
} commands[] = {
	{ "build", cmd_build, "build [--arch amd64|arm64|riscv64]" },
	{ "test", cmd_test, "test --qemu [--arch A] [--memory 512M] [--timeout S] [--cmdline S] [--esp DIR] [--accel tcg|kvm] [--tap] [--no-build]\n"
	    "  rustux-kernel test --unit | --integration" },
	{ "image", cmd_image, "image --output FILE [--size 128M] [--cmdline S]" },
	{ "esp", cmd_esp, "esp --output FILE [--size 32M] [--loader F] [--kernel F] [--kernel-b F] [--conf F | --cmdline S] [--initrd F] [--esp DIR]" },
	{ "boot", cmd_boot, "boot --disk FILE [--vars FILE] [--serial-log FILE] [--timeout S] [--memory M]" },
	{ "debug", cmd_debug, "debug --console serial [--gdb] | debug memory-map" },
	{ "run", cmd_run, "run [--cmdline S]" },
	{ "version", cmd_version, "version" },
	{ "features", cmd_features, "features" },
	{ "arch", cmd_arch, "arch status" },
	{ "coverage", cmd_coverage, "coverage syscall [--list]" },
};

enum {
	O_ARCH = 256, O_MEMORY, O_TIMEOUT, O_CMDLINE, O_ESP, O_KERNEL, O_KERNEL_B,
	O_LOADER, O_INITRD, O_CONF, O_DISK, O_VARS, O_SERIAL_LOG, O_WORKDIR,
	O_OUTPUT, O_SIZE, O_CONSOLE, O_QEMU, O_UNIT, O_INTEGRATION, O_NO_BUILD,
	O_TAP, O_VERBOSE, O_GDB, O_LIST, O_ACCEL,
};

static const struct option long_opts[] = {
	{ "arch", required_argument, NULL, O_ARCH },
	{ "memory", required_argument, NULL, O_MEMORY },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "cmdline", required_argument, NULL, O_CMDLINE },
	{ "esp", required_argument, NULL, O_ESP },
	{ "kernel", required_argument, NULL, O_KERNEL },
	{ "kernel-b", required_argument, NULL, O_KERNEL_B },
	{ "loader", required_argument, NULL, O_LOADER },
	{ "initrd", required_argument, NULL, O_INITRD },
	{ "conf", required_argument, NULL, O_CONF },
	{ "disk", required_argument, NULL, O_DISK },
	{ "vars", required_argument, NULL, O_VARS },
	{ "serial-log", required_argument, NULL, O_SERIAL_LOG },
	{ "workdir", required_argument, NULL, O_WORKDIR },
	{ "output", required_argument, NULL, O_OUTPUT },
	{ "size", required_argument, NULL, O_SIZE },
	{ "console", required_argument, NULL, O_CONSOLE },
	{ "qemu", no_argument, NULL, O_QEMU },
	{ "unit", no_argument, NULL, O_UNIT },
	{ "integration", no_argument, NULL, O_INTEGRATION },
	{ "no-build", no_argument, NULL, O_NO_BUILD },
	{ "tap", no_argument, NULL, O_TAP },
	{ "verbose", no_argument, NULL, O_VERBOSE },
	{ "gdb", no_argument, NULL, O_GDB },
	{ "list", no_argument, NULL, O_LIST },
	{ "accel", required_argument, NULL, O_ACCEL },
	{ NULL, 0, NULL, 0 },
};

static void
usage(FILE *f)
{
	fprintf(f, "usage:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  rustux-kernel %s\n", commands[i].usage);
}

static int
set_opt(struct rk_opts *o, int c, const char *arg)
{
	char *end;

	switch (c) {
	case O_ARCH: o->arch = arg; break;
	case O_MEMORY: o->memory = arg; break;
	case O_TIMEOUT:
		o->timeout = (unsigned)strtoul(arg, &end, 10);
		if (*end != '\0' || o->timeout == 0)
			return rk_err("--timeout", "'%s' is not a positive number of seconds", arg);
		break;
	case O_CMDLINE: o->cmdline = arg; break;
	case O_ESP: o->esp_dir = arg; break;
	case O_KERNEL: o->kernel = arg; break;
	case O_KERNEL_B: o->kernel_b = arg; break;
	case O_LOADER: o->loader = arg; break;
	case O_INITRD: o->initrd = arg; break;
	case O_CONF: o->conf = arg; break;
	case O_DISK: o->disk = arg; break;
	case O_VARS: o->vars = arg; break;
	case O_SERIAL_LOG: o->serial_log = arg; break;
	case O_WORKDIR: o->workdir = arg; break;
	case O_OUTPUT: o->output = arg; break;
	case O_SIZE:
		if (rk_parse_size(arg, &o->size) != 0)
			return rk_err("--size", "'%s' is not a size like 128M", arg);
		break;
	case O_CONSOLE: o->console = arg; break;
	case O_QEMU: o->qemu = 1; break;
	case O_UNIT: o->unit = 1; break;
	case O_INTEGRATION: o->integration = 1; break;
	case O_NO_BUILD: o->no_build = 1; break;
	case O_TAP: o->tap = 1; break;
	case O_VERBOSE: o->verbose = 1; break;
	case O_GDB: o->gdb = 1; break;
	case O_LIST: o->list = 1; break;
	case O_ACCEL: o->accel = arg; break;
	default: return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct rk_opts o = { .arch = "amd64", .memory = "512M", .timeout = 60 };
	int c;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	rk_find_top();
	optind = 2;
	while ((c = getopt_long(argc, argv, "", long_opts, NULL)) != -1) {
		if (c == '?' || set_opt(&o, c, optarg) != 0) {
			usage(stderr);
			return 2;
		}
	}
	o.argc = argc - optind;
	o.argv = argv + optind;
	if (strcmp(o.arch, "amd64") != 0 && strcmp(o.arch, "x86_64") != 0 &&
	    strcmp(o.arch, "arm64") != 0 && strcmp(o.arch, "riscv64") != 0) {
		rk_err("--arch", "unknown architecture '%s' (amd64, arm64, riscv64)", o.arch);
		return 2;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(&o);
	rk_err(argv[1], "unknown command");
	usage(stderr);
	return 2;
}
