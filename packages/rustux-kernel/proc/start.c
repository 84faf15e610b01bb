/* start.c - kernel: from the boot thread to PID 1: root fs, initrd, /dev, console driver */
/* SPDX-License-Identifier: MIT */
#include <stddef.h>
#include <stdint.h>

#include "abi/bootinfo.h"
#include "abi/linux/errno.h"
#include "abi/linux/termios.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "console/console.h"
#include "fs/devfs.h"
#include "fs/initrd.h"
#include "fs/procfs.h"
#include "fs/ramfs.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "proc/proc.h"
#include "sched/sched.h"

void	syscall_init(void);
int	sched_selftest(void);

#define COM1	0x3f8

static long
con_write(void *ctx, const void *buf, size_t n, uint32_t fflags)
{
	(void)ctx, (void)fflags;
	console_write(buf, n);
	return (long)n;
}

/* The console's termios: TCSETS stores it; ECHO and ICANON change how reads behave. */
static struct lx_termios con_tio = {
	.c_iflag = 0x500,	/* ICRNL IXON */
	.c_oflag = 0x5,		/* OPOST ONLCR */
	.c_cflag = 0xbf,	/* B38400 CS8 CREAD */
	.c_lflag = 0x8a3b,	/* ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN */
};

#define TIO_ICANON	0x2u
#define TIO_ECHO	0x8u
#define TIO_ICRNL	0x100u

/*
 * Polled serial input: whatever has arrived, at least one byte (sleeps 5 ms
 * between looks); in canonical mode up to the end of the line.
 */
static long
con_read(void *ctx, void *buf, size_t n, uint32_t fflags)
{
	uint8_t *b = buf;
	size_t got = 0;

	(void)ctx;
	while (got == 0) {
		while (got < n && (inb(COM1 + 5) & 1)) {
			b[got] = inb(COM1);
			if (b[got] == '\r' && (con_tio.c_iflag & TIO_ICRNL)) {
				b[got] = '\n';
			}
			if (con_tio.c_lflag & TIO_ECHO) {
				console_write((char *)&b[got], 1);
			}
			got++;
			if (b[got - 1] == '\n' || !(con_tio.c_lflag & TIO_ICANON)) {
				return (long)got;
			}
		}
		if (got == 0) {
			if (fflags & 04000) {
				return -LX_EAGAIN;
			}
			if (proc_interrupted()) {
				return -LX_EINTR;
			}
			sched_sleep_ns(5000000ULL);
		}
	}
	return (long)got;
}

static int
con_ioctl(void *ctx, unsigned cmd, unsigned long arg)
{
	struct lx_winsize ws = { 24, 80, 0, 0 };
	struct lx_termios t;
	int rc;

	(void)ctx;
	switch (cmd) {
	case LX_TIOCGWINSZ:
		return copyout(arg, &ws, sizeof(ws));
	case LX_TCGETS:
		return copyout(arg, &con_tio, sizeof(con_tio));
	case 0x5402: case 0x5403: case 0x5404:	/* TCSETS, TCSETSW, TCSETSF */
		if ((rc = copyin(&t, arg, sizeof(t))) == 0) {
			con_tio = t;
		}
		return rc;
	default:
		return -LX_ENOTTY;
	}
}

static const struct dev_driver consoles[] = {
	{ "console", DEV_MKDEV(5, 1), con_read, con_write, con_ioctl, 0, NULL },
	{ "tty", DEV_MKDEV(5, 0), con_read, con_write, con_ioctl, 0, NULL },
	{ "ttyS0", DEV_MKDEV(4, 64), con_read, con_write, con_ioctl, 0, NULL },
};

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
	vfs_mkdir(&proc_root_ctx, NULL, "/dev", 0755);
	for (size_t i = 0; i < sizeof(consoles) / sizeof(consoles[0]); i++) {
		devfs_register(&consoles[i]);
	}
	if ((rc = devfs_populate(&proc_root_ctx, "/dev")) != 0) {
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
	strlcpy(start_path, init, sizeof(start_path));
	start_selftest = selftest;
	thread_create_kernel("kinit", kinit, NULL);
	sched_idle_loop();
}
