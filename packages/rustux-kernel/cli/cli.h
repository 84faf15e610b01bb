/* cli.h - rustux-kernel: the developer CLI's options and shared steps */
/* SPDX-License-Identifier: MIT */
#ifndef RK_CLI_H
#define RK_CLI_H

#include <stdint.h>

#define RK_VERSION "0.1.0"

/* Every option any subcommand takes; each command reads the ones it needs. */
struct rk_opts {
	const char *arch;	/* amd64 | arm64 | riscv64 */
	const char *memory;	/* QEMU -m */
	unsigned timeout;	/* seconds */
	const char *cmdline;	/* appended to the kernel command line */
	const char *esp_dir;	/* use this tree as the ESP */
	const char *kernel;	/* slot a kernel */
	const char *kernel_b;	/* slot b kernel */
	const char *loader;
	const char *initrd;
	const char *conf;	/* loader.conf file */
	const char *disk;
	const char *vars;
	const char *serial_log;
	const char *workdir;
	const char *output;
	uint64_t size;
	const char *console;
	const char *accel;	/* QEMU accelerator: tcg (default; KVM fails on the CI machines) */
	int qemu, unit, integration, no_build, tap, verbose, gdb, list;
	int argc;		/* positional arguments after the command */
	char **argv;
};

int cmd_build(struct rk_opts *o);
int cmd_test(struct rk_opts *o);
int cmd_esp(struct rk_opts *o);
int cmd_boot(struct rk_opts *o);
int cmd_image(struct rk_opts *o);
int cmd_debug(struct rk_opts *o);
int cmd_run(struct rk_opts *o);
int cmd_version(struct rk_opts *o);
int cmd_features(struct rk_opts *o);
int cmd_arch(struct rk_opts *o);
int cmd_coverage(struct rk_opts *o);

/* Shared steps (cmd_boot.c). */
int rk_build_default(const struct rk_opts *o);
const char *rk_workdir(const struct rk_opts *o, const char *name, char *buf);
int rk_make_kernel_esp(const struct rk_opts *o, const char *img, const char *cmdline);
int rk_kernel_version(char *buf, unsigned cap);

#endif
