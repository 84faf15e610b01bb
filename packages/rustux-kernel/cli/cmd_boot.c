/* cmd_boot.c - rustux-kernel boot, debug and run, and the steps they share */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "esp.h"
#include "qemu.h"
#include "result.h"
#include "util.h"

#define KERNEL_ELF	"out/build/rustux-kernel/kernel.elf"
#define LOADER_EFI	"out/build/rustux-boot/BOOTX64.EFI"
#define KERNEL_RECIPE	"recipes/rustux-kernel.json"

int
rk_build_default(const struct rk_opts *o)
{
	char *argv[] = { "make", "--no-print-directory", "-C", rk_top,
	    "rustux-boot-build", "rustux-kernel-build", NULL };

	if (o->no_build)
		return 0;
	if (rk_run(argv, 0) != 0)
		return rk_err("build", "make rustux-boot-build rustux-kernel-build failed");
	return 0;
}

const char *
rk_workdir(const struct rk_opts *o, const char *name, char *buf)
{
	char rel[256];

	if (o->workdir != NULL) {
		snprintf(buf, RK_PATH_MAX, "%s", o->workdir);
	} else {
		snprintf(rel, sizeof(rel), "out/tmp/rustux-kernel/%s", name);
		rk_path(buf, rel);
	}
	return rk_mkdirs(buf) == 0 ? buf : NULL;
}

/* The kernel package's version from its recipe ("" when unknown). */
int
rk_kernel_version(char *buf, unsigned cap)
{
	char path[RK_PATH_MAX];
	char *text = rk_read_file(rk_path(path, KERNEL_RECIPE), NULL), *p;
	unsigned n = 0;

	buf[0] = '\0';
	if (text == NULL)
		return -1;
	if ((p = strstr(text, "\"version\"")) != NULL && (p = strchr(p + 9, '"')) != NULL) {
		for (p++; *p != '"' && *p != '\0' && *p > ' ' && n + 1 < cap; p++)
			buf[n++] = *p;
		buf[n] = '\0';
	}
	free(text);
	return 0;
}

static uint64_t
file_size(const char *path)
{
	struct stat st;

	return path != NULL && stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
}

/* An ESP with the loader and the kernel in slot a (or o->esp_dir). */
int
rk_make_kernel_esp(const struct rk_opts *o, const char *img, const char *cmdline)
{
	char kernel[RK_PATH_MAX], loader[RK_PATH_MAX], version[32], conf[2048];
	struct esp_spec s = { 0 };
	uint64_t need;

	s.kernel_a = o->kernel != NULL ? o->kernel : rk_path(kernel, KERNEL_ELF);
	s.kernel_b = o->kernel_b;
	s.loader = o->loader != NULL ? o->loader : rk_path(loader, LOADER_EFI);
	s.initrd = o->initrd;
	s.tree = o->esp_dir;
	rk_kernel_version(version, sizeof(version));
	snprintf(conf, sizeof(conf),
	    "# loader.conf written by rustux-kernel\n"
	    "default a\nfallback a\ntries 3\ntimeout 0\ncmdline %s\n"
	    "slot-a-version %s\nslot-a-state confirmed\n",
	    cmdline, version[0] ? version : "dev");
	if (o->conf != NULL) {
		char *text = rk_read_file(o->conf, NULL);

		if (text == NULL)
			return rk_err(o->conf, "cannot read");
		snprintf(conf, sizeof(conf), "%s", text);
		free(text);
	}
	s.conf = conf;
	need = file_size(s.kernel_a) + file_size(s.kernel_b) + file_size(s.initrd) +
	    file_size(s.loader);
	s.size = o->size ? o->size : (need + need / 4 + (16u << 20)) & ~((1ULL << 20) - 1);
	if (s.size < (32u << 20))
		s.size = 32u << 20;
	return esp_build(img, &s);
}

/* Boot a disk headless: exit 0 pass, 1 fail, 2 other end, 124 timeout. */
int
cmd_boot(struct rk_opts *o)
{
	char dir[RK_PATH_MAX], vars[RK_PATH_MAX + 16], log[RK_PATH_MAX + 16];
	struct qemu_boot b = { 0 };
	int st;

	if (o->disk == NULL)
		return rk_err("boot", "--disk FILE is required"), 2;
	if (rk_workdir(o, "boot", dir) == NULL)
		return 2;
	snprintf(vars, sizeof(vars), "%s/vars.fd", dir);
	snprintf(log, sizeof(log), "%s/serial.log", dir);
	b.disk = o->disk;
	b.vars = o->vars != NULL ? o->vars : vars;
	b.serial_log = o->serial_log != NULL ? o->serial_log : log;
	b.memory = o->memory;
	b.accel = o->accel;
	b.timeout = o->timeout;
	b.verbose = o->verbose;
	unlink(b.serial_log);
	st = qemu_run(&b);
	if (o->verbose)
		result_grep(b.serial_log, NULL, stdout);
	if (st == QEMU_TIMED_OUT) {
		fprintf(stderr, "rustux-kernel: boot: timed out after %u s (serial: %s)\n",
		    o->timeout, b.serial_log);
		return 124;
	}
	fprintf(stderr, "rustux-kernel: boot: QEMU exit status %d (serial: %s)\n",
	    st, b.serial_log);
	return st == QEMU_GUEST_PASS ? 0 : st == 3 ? 1 : 2;
}

/* Boot the kernel interactively with the serial console on the terminal. */
static int
interactive(struct rk_opts *o, const char *name, const char *cmdline)
{
	char dir[RK_PATH_MAX], img[RK_PATH_MAX + 16], vars[RK_PATH_MAX + 16];
	struct qemu_boot b = { 0 };

	if (rk_build_default(o) != 0 || rk_workdir(o, name, dir) == NULL)
		return 2;
	snprintf(img, sizeof(img), "%s/esp.img", dir);
	snprintf(vars, sizeof(vars), "%s/vars.fd", dir);
	unlink(vars);
	if (rk_make_kernel_esp(o, img, cmdline) != 0)
		return 2;
	b.disk = img;
	b.vars = vars;
	b.memory = o->memory;
	b.accel = o->accel;
	b.gdb = o->gdb;
	b.verbose = o->verbose;
	fprintf(stderr, "rustux-kernel: booting %s; quit QEMU with Ctrl-A x\n", img);
	return qemu_run(&b) < 0 ? 2 : 0;
}

static int
memory_map(struct rk_opts *o)
{
	char dir[RK_PATH_MAX], img[RK_PATH_MAX + 16], vars[RK_PATH_MAX + 16];
	char log[RK_PATH_MAX + 16];
	struct qemu_boot b = { 0 };
	int st;

	if (rk_build_default(o) != 0 || rk_workdir(o, "memory-map", dir) == NULL)
		return 2;
	snprintf(img, sizeof(img), "%s/esp.img", dir);
	snprintf(vars, sizeof(vars), "%s/vars.fd", dir);
	snprintf(log, sizeof(log), "%s/serial.log", dir);
	unlink(vars);
	unlink(log);
	/* The kernel logs each range ("mem: ...") at debug level; the
	 * self-test run ends with a power-off, so the boot is bounded. */
	if (rk_make_kernel_esp(o, img, "loglevel=7 rustux.test=kernel rustux.confirm=0") != 0)
		return 2;
	b.disk = img;
	b.vars = vars;
	b.serial_log = log;
	b.memory = o->memory;
	b.accel = o->accel;
	b.timeout = o->timeout;
	st = qemu_run(&b);
	result_grep(log, "mem: ", stdout);
	return st == QEMU_TIMED_OUT || st < 0 ? 1 : 0;
}

int
cmd_debug(struct rk_opts *o)
{
	if (o->argc == 1 && strcmp(o->argv[0], "memory-map") == 0)
		return memory_map(o);
	if (o->argc == 0 && o->console != NULL && strcmp(o->console, "serial") == 0)
		return interactive(o, "debug", o->cmdline != NULL ? o->cmdline : "");
	rk_err("debug", "use 'debug --console serial [--gdb]' or 'debug memory-map'");
	return 2;
}

int
cmd_run(struct rk_opts *o)
{
	return interactive(o, "run", o->cmdline != NULL ? o->cmdline : "");
}
