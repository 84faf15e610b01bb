/* procfmt.h - kernel: the exact text of /proc files (pure formatters; procfs supplies the values) */
/* SPDX-License-Identifier: MIT */
/*
 * Each formatter writes Linux's format (fs/proc/array.c, meminfo.c,
 * uptime.c, version.c, proc_namespace.c) into buf like snprintf: it
 * always NUL-terminates when size > 0 and returns the full length, so a
 * result >= size means "truncated". busybox ps parses /proc/N/stat up to
 * field 24 (rss) and skips a process otherwise, so every field is printed.
 */
#ifndef RUSTUX_FS_PROCFMT_H
#define RUSTUX_FS_PROCFMT_H

#include <stddef.h>
#include <stdint.h>

/* /proc/N/stat: the 52 fields of proc(5), in order. */
struct procfmt_stat {
	int64_t		 pid;
	const char	*comm;		/* at most 15 bytes are shown, like TASK_COMM_LEN */
	char		 state;		/* R S D Z T t X I */
	int64_t		 ppid, pgrp, session, tty_nr, tpgid, flags;
	int64_t		 minflt, cminflt, majflt, cmajflt;
	int64_t		 utime, stime, cutime, cstime;	/* clock ticks (AT_CLKTCK) */
	int64_t		 priority, nice, num_threads, itrealvalue, starttime;
	int64_t		 vsize;		/* bytes */
	int64_t		 rss;		/* pages */
	int64_t		 rsslim, startcode, endcode, startstack, kstkesp, kstkeip;
	int64_t		 signal, blocked, sigignore, sigcatch, wchan, nswap, cnswap;
	int64_t		 exit_signal, processor, rt_priority, policy, delayacct_blkio_ticks;
	int64_t		 guest_time, cguest_time;
	int64_t		 start_data, end_data, start_brk, arg_start, arg_end, env_start, env_end;
	int64_t		 exit_code;
};

/* /proc/N/status: the lines busybox and procps read (sizes in kB). */
struct procfmt_status {
	const char	*name;
	uint32_t	 umask;
	char		 state;
	int64_t		 tgid, pid, ppid, tracer_pid;
	uint32_t	 uid[4], gid[4];	/* real, effective, saved, filesystem */
	int64_t		 fd_size;
	int64_t		 ns_pgid, ns_sid;
	uint64_t	 vm_peak, vm_size, vm_lck, vm_pin, vm_hwm, vm_rss;
	uint64_t	 rss_anon, rss_file, rss_shmem;
	uint64_t	 vm_data, vm_stk, vm_exe, vm_lib, vm_pte, vm_swap;
	int64_t		 threads;
	int64_t		 sigq, sigq_max;
	uint64_t	 sig_pnd, shd_pnd, sig_blk, sig_ign, sig_cgt;
	uint64_t	 cap_inh, cap_prm, cap_eff, cap_bnd, cap_amb;
	int64_t		 voluntary_ctxt_switches, nonvoluntary_ctxt_switches;
};

/* /proc/meminfo (kB). */
struct procfmt_meminfo {
	uint64_t	total, free, available, buffers, cached, swap_cached;
	uint64_t	active, inactive, swap_total, swap_free, shmem, slab;
};

size_t	procfmt_stat(char *buf, size_t size, const struct procfmt_stat *s);
size_t	procfmt_status(char *buf, size_t size, const struct procfmt_status *s);
size_t	procfmt_meminfo(char *buf, size_t size, const struct procfmt_meminfo *m);
/* /proc/uptime: "up.cc idle.cc\n" from nanoseconds. */
size_t	procfmt_uptime(char *buf, size_t size, uint64_t up_ns, uint64_t idle_ns);
/* /proc/version: "SYSNAME version RELEASE (BUILDER) (COMPILER) VERSION\n". */
size_t	procfmt_version(char *buf, size_t size, const char *sysname, const char *release,
	    const char *builder, const char *compiler, const char *version);
/* One /proc/mounts line: "dev dir type opts 0 0\n", space, tab, newline and backslash as \ooo. */
size_t	procfmt_mount(char *buf, size_t size, const char *dev, const char *dir,
	    const char *type, const char *opts);
/*
 * One /proc/N/maps line: "start-end rwxp offset major:minor inode", then,
 * for a named mapping, spaces to column 73 and the name (Linux's seq_pad).
 * prot is LX_PROT_* (1 read, 2 write, 4 exec); shared prints 's' for 'p'.
 */
size_t	procfmt_maps_line(char *buf, size_t size, uint64_t start, uint64_t end, uint32_t prot,
	    int shared, uint64_t offset, uint32_t major, uint32_t minor, uint64_t inode,
	    const char *name);
/* /proc/N/cmdline: each argument followed by a NUL. */
size_t	procfmt_cmdline(char *buf, size_t size, const char *const *argv);
/* The State: text for a state letter ("R (running)"), "? (unknown)" otherwise. */
const char *procfmt_state_name(char state);

#endif
