/* cmd_build.c - rustux-kernel build: make the kernel (and, for amd64, the loader) */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "util.h"

int
cmd_build(struct rk_opts *o)
{
	char arch[64];
	int amd64 = strcmp(o->arch, "amd64") == 0 || strcmp(o->arch, "x86_64") == 0;
	char *argv[] = { "make", "--no-print-directory", "-C", rk_top,
	    "rustux-kernel-build", amd64 ? "rustux-boot-build" : arch, NULL };

	/* Other architectures: the kernel's Makefile takes ARCH= (experimental). */
	snprintf(arch, sizeof(arch), "ARCH=%s", o->arch);
	if (rk_run(argv, 0) != 0)
		return rk_err("build", "make failed for %s", o->arch), 1;
	return 0;
}
