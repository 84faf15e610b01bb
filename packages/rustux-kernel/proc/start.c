/* start.c - kernel: from the boot thread to PID 1: root fs, initrd, /dev, console driver */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "abi/bootinfo.h"
#include "abi/linux/errno.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "console/console.h"
#include "drivers/blkdev.h"
#include "drivers/console_tty.h"
#include "fs/devfs.h"
#include "fs/initrd.h"
#include "fs/procfs.h"
#include "fs/ramfs.h"
#include "kernel/bootstamp.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "sched/sched.h"

void	syscall_init(void);
int	sched_selftest(void);

static char start_path[256];
static int start_selftest;

static void
kinit(void *arg)
{
	(void)arg;
	if (start_selftest) {
		sched_selftest();
	}
	if (proc_start_init(start_path) != 0) {
		kprintf("RUSTUX: cannot create pid 1\n");
		arch_poweroff(1);
	}
}

static int
mount_root(const struct rx_bootinfo *bi)
{
	struct vfs_fs *fs;
	struct initrd_stats st;
	int rc;

	if ((rc = ramfs_create("ramfs", &fs)) != 0) {
		return rc;
	}
	proc_root_ctx.root = fs->root;
	proc_root_ctx.cwd = fs->root;
	vnode_ref(fs->root);
	vnode_ref(fs->root);
	proc_root_ctx.umask = 022;
	rc = initrd_unpack(&proc_root_ctx, phys_to_virt(bi->initrd_base), bi->initrd_size, &st);
	if (rc != 0) {
		kprintf("RUSTUX: initrd: error %d at offset %zu (%s)\n", -rc, st.err_offset,
		    st.err_name != NULL ? st.err_name : "?");
		return rc;
	}
	klog(KLOG_INFO, "initrd: %zu files, %zu dirs, %zu bytes\n", st.files, st.dirs, st.bytes);
	boot_stamp("initrd");
	vfs_mkdir(&proc_root_ctx, NULL, "/dev", 0755);
	if ((rc = console_tty_init()) != 0) {
		return rc;
	}
	if ((rc = devfs_populate(&proc_root_ctx, "/dev")) != 0) {
		return rc;
	}
	blkdev_init();
	if ((rc = blkdev_populate(&proc_root_ctx, "/dev")) != 0) {
		return rc;
	}
	return procfs_mount(&proc_root_ctx, "/proc");
}

void
userspace_start(const struct rx_bootinfo *bi, const char *init, int selftest)
{
	if (bi->initrd_base == 0 || bi->initrd_size == 0) {
		kprintf("RUSTUX: no initrd: no userspace\n");
		return;
	}
	sched_init();
	syscall_init();
	if (mount_root(bi) != 0) {
		return;
	}
	boot_stamp("devices");
	strlcpy(start_path, init, sizeof(start_path));
	start_selftest = selftest;
	thread_create_kernel("kinit", kinit, NULL);
	sched_idle_loop();
}
