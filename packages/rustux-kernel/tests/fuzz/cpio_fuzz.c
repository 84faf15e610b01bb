/* cpio_fuzz.c - libFuzzer target: lib/cpio.c and fs/initrd.c on arbitrary archives */
/* SPDX-License-Identifier: MIT */
/*
 * Every input is parsed entry by entry, then unpacked into a fresh ramfs
 * that is destroyed again. ASan/UBSan catch any read outside the input,
 * and the checks below the properties a caller relies on.
 */
#include <stdint.h>
#include <stdlib.h>

#include "fs/initrd.h"
#include "fs/ramfs.h"
#include "kalloc_host.h"
#include "lib/cpio.h"

static void
check_entries(const uint8_t *data, size_t size)
{
	struct cpio_iter it;
	struct cpio_entry e;
	int r;

	cpio_iter_init(&it, data, size);
	while ((r = cpio_next(&it, &e)) == 1) {
		if ((const uint8_t *)e.name < data || (const uint8_t *)e.name + e.namelen >= data + size)
			abort();
		if (e.name[e.namelen] != '\0' || e.namelen >= CPIO_NAME_MAX)
			abort();
		if (e.size > 0 && ((const uint8_t *)e.data < data ||
		    (const uint8_t *)e.data + e.size > data + size))
			abort();
	}
	if (cpio_next(&it, &e) != r)	/* the end (or the error) is sticky */
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct initrd_stats st;
	struct vfs_fs *fs;
	struct vfs_ctx ctx;
	long live = kalloc_live;

	check_entries(data, size);
	if (ramfs_create("ramfs", &fs) != 0)
		return 0;
	ctx.root = ctx.cwd = fs->root;
	ctx.umask = 0;
	vnode_ref(ctx.root);
	vnode_ref(ctx.cwd);
	(void)initrd_unpack(&ctx, data, size, &st);
	vnode_unref(ctx.root);
	vnode_unref(ctx.cwd);
	ramfs_destroy(fs);
	if (kalloc_live != live)
		abort();	/* unpack must free its scratch on every path */
	return 0;
}
