/* cmd_image.c - rustux-kernel image and esp: disk images with the loader and a kernel */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "esp.h"
#include "util.h"

#define MKIMAGE		"out/host/bin/rustica-mkimage"
#define GPT_OVERHEAD	(2u << 20)	/* 1 MiB before the ESP, backup GPT after */

/* A bare ESP image (used by the QEMU suites for their own layouts). */
int
cmd_esp(struct rk_opts *o)
{
	if (o->output == NULL)
		return rk_err("esp", "--output FILE is required"), 2;
	if (o->kernel == NULL && o->esp_dir == NULL && o->loader == NULL)
		return rk_err("esp", "give --esp DIR or --loader/--kernel"), 2;
	return rk_make_kernel_esp(o, o->output, o->cmdline ? o->cmdline : "") == 0 ? 0 : 1;
}

/* A GPT disk: the ESP (loader + kernel in slot a) wrapped by images' tool. */
int
cmd_image(struct rk_opts *o)
{
	char fat[RK_PATH_MAX + 16], tool[RK_PATH_MAX], size[32];
	uint64_t total = o->size ? o->size : (128u << 20);
	struct rk_opts eo = *o;
	int rc;

	if (o->output == NULL)
		return rk_err("image", "--output FILE is required"), 2;
	if (total < (34u << 20) || total % (1u << 20) != 0)
		return rk_err("image", "--size must be whole MiB, at least 34M"), 2;
	if (rk_build_default(o) != 0)
		return 2;
	rk_path(tool, MKIMAGE);
	if (!o->no_build) {
		char *argv[] = { "make", "--no-print-directory", "-C", rk_top,
		    "rustica-mkimage", NULL };

		if (rk_run(argv, 0) != 0)
			return rk_err("image", "make rustica-mkimage failed"), 1;
	}
	snprintf(fat, sizeof(fat), "%s.esp", o->output);
	eo.size = total - GPT_OVERHEAD;
	if (rk_make_kernel_esp(&eo, fat, o->cmdline ? o->cmdline : "") != 0)
		return 1;
	snprintf(size, sizeof(size), "%llu", (unsigned long long)total);
	{
		char *argv[] = { tool, "gpt", "--esp", fat, "--out", (char *)o->output,
		    "--size", size, NULL };

		rc = rk_run(argv, 0);
	}
	unlink(fat);
	if (rc != 0)
		return rk_err(o->output, "rustica-mkimage gpt failed"), 1;
	printf("%s: GPT disk, %llu MiB, loader + kernel in slot a\n", o->output,
	    (unsigned long long)(total >> 20));
	return 0;
}
