/* sys_proc.c - Linux personality: process calls (exit, fork, execve, wait4, ids, arch_prctl) */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "abi/linux/errno.h"
#include "abi/linux/process.h"
#include "abi/linux/signal.h"
#include "arch/cpu.h"
#include "arch/timer.h"
#include "kernel/printk.h"
#include "kernel/wallclock.h"
#include "lib/kalloc.h"
#include "lib/string.h"
#include "mm/pmm.h"
#include "proc/proc.h"
#include "version.h"
#include "syscall_table.h"

#define MSR_FS_BASE	0xc0000100u
#define EXEC_MAX_ARGS	256
#define EXEC_ARG_MAX	4096
/* WNOHANG WUNTRACED WCONTINUED __WNOTHREAD __WALL __WCLONE */
#define WAIT_OPTIONS	(1u | 2u | 8u | 0x20000000u | 0x40000000u | 0x80000000u)

long
lx_exit(long code, long a1, long a2, long a3, long a4, long a5)
{
	proc_thread_exit((int)((code & 0xff) << 8));	/* this thread; the last ends the process */
}

long
lx_exit_group(long code, long a1, long a2, long a3, long a4, long a5)
{
	proc_exit((int)((code & 0xff) << 8));
}

long
lx_getpid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	return curproc()->pid;
}

long
lx_gettid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	return current->lx_tid != 0 ? current->lx_tid : curproc()->pid;
}

long
lx_getppid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	struct proc *p = curproc()->parent;

	return p != NULL ? p->pid : 0;
}

#define ZERO_ID(name) \
long \
lx_##name(long a0, long a1, long a2, long a3, long a4, long a5) \
{ \
	return 0; \
}
ZERO_ID(getuid)
ZERO_ID(geteuid)
ZERO_ID(getgid)
ZERO_ID(getegid)

long
lx_set_tid_address(long ptr, long a1, long a2, long a3, long a4, long a5)
{
	current->clear_tid = (uint64_t)ptr;
	return lx_gettid(0, 0, 0, 0, 0, 0);
}

long
lx_arch_prctl(long code, long addr, long a2, long a3, long a4, long a5)
{
	uint64_t fs;

	switch (code) {
	case LX_ARCH_SET_FS:
		if ((uint64_t)addr >= USER_TOP) {
			return -LX_EPERM;
		}
		current->fs_base = (uint64_t)addr;
		wrmsr(MSR_FS_BASE, (uint64_t)addr);
		return 0;
	case LX_ARCH_GET_FS:
		fs = rdmsr(MSR_FS_BASE);
		return copyout((uint64_t)addr, &fs, sizeof(fs));
	default:
		return -LX_EINVAL;
	}
}

long
lx_fork(long a0, long a1, long a2, long a3, long a4, long a5)
{
	return proc_fork(0, 0, 0);
}

long
lx_vfork(long a0, long a1, long a2, long a3, long a4, long a5)
{
	return proc_fork(0, 0, 0);
}

/* pthread_create's thread shape; anything else (vfork's CLONE_VM too) is a fork. */
long
lx_clone(long flags, long stack, long ptid, long ctid, long tls, long a5)
{
	if ((uint64_t)flags & LX_CLONE_THREAD) {
		return proc_clone_thread((uint64_t)flags, (uint64_t)stack, (uint64_t)ptid,
		    (uint64_t)ctid, (uint64_t)tls);
	}
	return proc_fork((uint64_t)flags, (uint64_t)stack, (uint64_t)ctid);
}

long
lx_wait4(long pid, long status, long options, long rusage, long a4, long a5)
{
	if ((unsigned)options & ~WAIT_OPTIONS) {
		return -LX_EINVAL;
	}
	if ((int)pid == INT32_MIN) {
		return -LX_ESRCH;
	}
	return proc_wait((int)pid, (uint64_t)status, (int)options);
}

/* Copies a NULL-terminated user vector of strings into one kernel block. */
static long
copy_strv(uint64_t uv, char **out, char *pool, size_t *used)
{
	int n = 0;

	for (; uv != 0; n++) {
		uint64_t up;
		long len;

		if (n == EXEC_MAX_ARGS - 1) {
			return -LX_E2BIG;
		}
		if (copyin(&up, uv + 8 * (uint64_t)n, 8) != 0) {
			return -LX_EFAULT;
		}
		if (up == 0) {
			break;
		}
		len = copyinstr(pool + *used, up, EXEC_ARG_MAX * 8 - *used);
		if (len < 0) {
			return len == -LX_ENAMETOOLONG ? -LX_E2BIG : len;
		}
		out[n] = pool + *used;
		*used += (size_t)len + 1;
	}
	out[n] = NULL;
	return 0;
}

long
lx_execve(long upath, long uargv, long uenvp, long a3, long a4, long a5)
{
	char path[256], *pool;
	char **argv, **envp;
	size_t used = 0;
	long r;

	if ((r = copyinstr(path, (uint64_t)upath, sizeof(path))) < 0) {
		return r;
	}
	pool = kmalloc(EXEC_ARG_MAX * 8);
	argv = kmalloc(sizeof(char *) * EXEC_MAX_ARGS * 2);
	if (pool == NULL || argv == NULL) {
		kfree(pool);
		kfree(argv);
		return -LX_ENOMEM;
	}
	envp = argv + EXEC_MAX_ARGS;
	r = copy_strv((uint64_t)uargv, argv, pool, &used);
	if (r == 0) {
		r = copy_strv((uint64_t)uenvp, envp, pool, &used);
	}
	if (r == 0) {
		r = proc_execve(path, argv, envp);
	}
	kfree(pool);
	kfree(argv);
	return r;
}

struct lx_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domain[65];
};

#define UTS_LEN	64
/* What sethostname and setdomainname set; Linux's names before anyone does. */
static char uts_node[UTS_LEN + 1] = "(none)";
static char uts_domain[UTS_LEN + 1] = "(none)";

long
lx_uname(long ubuf, long a1, long a2, long a3, long a4, long a5)
{
	struct lx_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Rustux", sizeof(u.sysname));
	strlcpy(u.nodename, uts_node, sizeof(u.nodename));
	strlcpy(u.release, RUSTUX_VERSION, sizeof(u.release));
	strlcpy(u.version, "#1", sizeof(u.version));
	strlcpy(u.machine, "x86_64", sizeof(u.machine));
	strlcpy(u.domain, uts_domain, sizeof(u.domain));
	return copyout((uint64_t)ubuf, &u, sizeof(u));
}

/* sethostname/setdomainname: len bytes, no NUL needed; Linux's limit is 64. */
static long
set_uts_name(char *dst, long uname, long len)
{
	char buf[UTS_LEN + 1];

	if (len < 0 || len > UTS_LEN) {
		return -LX_EINVAL;
	}
	if (copyin(buf, (uint64_t)uname, (size_t)len) != 0) {
		return -LX_EFAULT;
	}
	buf[len] = '\0';
	memcpy(dst, buf, (size_t)len + 1);
	return 0;
}

long
lx_sethostname(long uname, long len, long a2, long a3, long a4, long a5)
{
	return set_uts_name(uts_node, uname, len);
}

long
lx_setdomainname(long uname, long len, long a2, long a3, long a4, long a5)
{
	return set_uts_name(uts_domain, uname, len);
}

long
lx_rt_sigaction(long sig, long uact, long uold, long size, long a4, long a5)
{
	struct proc *p = curproc();
	struct lx_sigaction act;

	if (sig < 1 || sig > 64 || size != 8 || ((sig == LX_SIGKILL || sig == 19) && uact)) {
		return -LX_EINVAL;
	}
	if (uold != 0 && copyout((uint64_t)uold, &p->sigact[sig - 1], sizeof(act)) != 0) {
		return -LX_EFAULT;
	}
	if (uact != 0) {
		if (copyin(&act, (uint64_t)uact, sizeof(act)) != 0) {
			return -LX_EFAULT;
		}
		p->sigact[sig - 1] = act;
		if (act.handler == LX_SIG_IGN || (act.handler == LX_SIG_DFL &&
		    (sig == LX_SIGCHLD || sig == LX_SIGCONT || sig == LX_SIGURG || sig == LX_SIGWINCH))) {
			/* POSIX: setting an ignoring action drops what is pending */
			unsigned long irq = arch_irq_save();

			p->pending &= ~(1ULL << (sig - 1));
			for (struct thread *t = p->threads; t != NULL; t = t->peer) {
				t->sigpending &= ~(1ULL << (sig - 1));
			}
			arch_irq_restore(irq);
		}
	}
	return 0;
}

long
lx_rt_sigprocmask(long how, long uset, long uold, long size, long a4, long a5)
{
	uint64_t set, *mask = &current->sigmask;	/* per thread, as on Linux */

	if (size != 8) {
		return -LX_EINVAL;
	}
	if (uold != 0 && copyout((uint64_t)uold, mask, 8) != 0) {
		return -LX_EFAULT;
	}
	if (uset == 0) {
		return 0;
	}
	if (copyin(&set, (uint64_t)uset, 8) != 0) {
		return -LX_EFAULT;
	}
	set &= ~((1ULL << (LX_SIGKILL - 1)) | (1ULL << (LX_SIGSTOP - 1)));
	switch (how) {
	case LX_SIG_BLOCK: *mask |= set; break;
	case LX_SIG_UNBLOCK: *mask &= ~set; break;
	case LX_SIG_SETMASK: *mask = set; break;
	default: return -LX_EINVAL;
	}
	return 0;
}

/* The pending signals the calling thread blocks (its own and its process's). */
long
lx_rt_sigpending(long uset, long size, long a2, long a3, long a4, long a5)
{
	uint64_t set = (current->sigpending | curproc()->pending) & current->sigmask;

	if (size != 8) {
		return -LX_EINVAL;
	}
	return copyout((uint64_t)uset, &set, 8);
}

long
lx_sched_yield(long a0, long a1, long a2, long a3, long a4, long a5)
{
	sched_yield();
	return 0;
}

struct lx_ts {
	int64_t sec, nsec;
};

/* The wall-clock ids (REALTIME, _COARSE, _ALARM, TAI) read the RTC-based wall clock. */
static int
is_wall_clock(long clk)
{
	return clk == 0 || clk == 5 || clk == 8 || clk == 11;
}

/* What clock clk reads now, in ns; every other clock is the monotonic count. */
static uint64_t
clock_now_ns(long clk)
{
	return is_wall_clock(clk) ? (uint64_t)wallclock_ns() : arch_clock_ns();
}

long
lx_clock_gettime(long clk, long uts, long a2, long a3, long a4, long a5)
{
	uint64_t ns = clock_now_ns(clk);
	struct lx_ts ts = { (int64_t)(ns / 1000000000ULL), (int64_t)(ns % 1000000000ULL) };

	if (clk < 0 || clk > 7) {
		return -LX_EINVAL;
	}
	return copyout((uint64_t)uts, &ts, sizeof(ts));
}

#define TIMER_ABSTIME	1
#define SLEEP_MAX_SEC	(1ULL << 33)	/* ~270 years: no overflow in ns */

/* Sleeps until the clock reads end (ns); -EINTR with the time left in urem (if given). */
static long
sleep_until(uint64_t end, uint64_t urem)
{
	uint64_t now;
	struct lx_ts rem;

	while ((now = arch_clock_ns()) < end) {
		if (proc_interrupted()) {
			if (urem != 0) {
				rem.sec = (int64_t)((end - now) / 1000000000ULL);
				rem.nsec = (int64_t)((end - now) % 1000000000ULL);
				if (copyout(urem, &rem, sizeof(rem)) != 0) {
					return -LX_EFAULT;
				}
			}
			return -LX_EINTR;
		}
		sched_sleep_ns(end - now);
	}
	return 0;
}

static long
timespec_ns(uint64_t uts, uint64_t *ns)
{
	struct lx_ts ts;

	if (copyin(&ts, uts, sizeof(ts)) != 0) {
		return -LX_EFAULT;
	}
	if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000) {
		return -LX_EINVAL;
	}
	*ns = ((uint64_t)ts.sec > SLEEP_MAX_SEC ? SLEEP_MAX_SEC : (uint64_t)ts.sec) * 1000000000ULL +
	    (uint64_t)ts.nsec;
	return 0;
}

static long sleep_relative(uint64_t end, uint64_t urem);

static long
sleep_restart(const uint64_t *arg)
{
	return sleep_relative(arg[0], arg[1]);
}

/* A relative sleep stopped and continued finishes at its first deadline (restart_syscall). */
static long
sleep_relative(uint64_t end, uint64_t urem)
{
	long r = sleep_until(end, urem);

	if (r == -LX_EINTR) {
		current->restart_fn = sleep_restart;
		current->restart_arg[0] = end;
		current->restart_arg[1] = urem;
	}
	return r;
}

long
lx_nanosleep(long ureq, long urem, long a2, long a3, long a4, long a5)
{
	uint64_t ns;
	long r;

	if ((r = timespec_ns((uint64_t)ureq, &ns)) != 0) {
		return r;
	}
	return sleep_relative(arch_clock_ns() + ns, (uint64_t)urem);
}

/* Deadlines are kept on the monotonic clock: an absolute wall time is converted once. */
long
lx_clock_nanosleep(long clk, long flags, long ureq, long urem, long a4, long a5)
{
	uint64_t ns;
	long r;

	if (clk < 0 || clk > 11 || clk == 2 || clk == 3 || (flags & ~TIMER_ABSTIME)) {
		return clk == 2 || clk == 3 ? -LX_ENOTSUP : -LX_EINVAL;	/* CPU-time clocks */
	}
	if ((r = timespec_ns((uint64_t)ureq, &ns)) != 0) {
		return r;
	}
	if (flags & TIMER_ABSTIME) {
		uint64_t mono = arch_clock_ns(), now = clock_now_ns(clk);

		return sleep_until(ns > now ? mono + (ns - now) : 0, 0);	/* a rerun sleeps to the same time */
	}
	return sleep_relative(arch_clock_ns() + ns, (uint64_t)urem);
}

struct lx_sysinfo {
	int64_t		uptime;
	uint64_t	loads[3];
	uint64_t	totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t	procs, pad;
	uint32_t	pad2;
	uint64_t	totalhigh, freehigh;
	uint32_t	mem_unit;
	char		f[4];
};

long
lx_sysinfo(long ubuf, long a1, long a2, long a3, long a4, long a5)
{
	struct lx_sysinfo si;
	struct pmm_stats st;

	memset(&si, 0, sizeof(si));
	pmm_get_stats(&st);
	si.uptime = (int64_t)(arch_clock_ns() / 1000000000ULL);
	si.totalram = (uint64_t)st.total_pages * 4096;
	si.freeram = (uint64_t)st.free_pages * 4096;
	si.procs = (uint16_t)proc_count();
	si.mem_unit = 1;
	return copyout((uint64_t)ubuf, &si, sizeof(si));
}

#define LX_RB_CAD_ON		0x89abcdefUL
#define LX_RB_CAD_OFF		0UL

long
lx_reboot(long magic1, long magic2, long cmd, long arg, long a4, long a5)
{
	if ((unsigned long)magic1 != LX_REBOOT_MAGIC1 ||
	    (magic2 != LX_REBOOT_MAGIC2 && magic2 != 85072278 && magic2 != 369367448 &&
	    magic2 != 537993216)) {
		return -LX_EINVAL;
	}
	if (curproc()->pid != 1 && curproc()->parent == NULL) {
		return -LX_EPERM;
	}
	switch ((unsigned long)cmd & 0xffffffffUL) {
	case LX_RB_CAD_ON:
	case LX_RB_CAD_OFF:
		return 0;
	case LX_REBOOT_CMD_POWER_OFF:
	case LX_REBOOT_CMD_HALT:
		kprintf("RUSTUX: reboot(2): power off\n");
		arch_poweroff(0);
	case LX_REBOOT_CMD_RESTART:
		kprintf("RUSTUX: reboot(2): restart\n");
		arch_reboot();
	default:
		return -LX_EINVAL;
	}
}

long
lx_gettimeofday(long utv, long utz, long a2, long a3, long a4, long a5)
{
	uint64_t ns = (uint64_t)wallclock_ns();
	int64_t tv[2] = { (int64_t)(ns / 1000000000ULL), (int64_t)(ns % 1000000000ULL / 1000) };

	return utv != 0 ? copyout((uint64_t)utv, tv, sizeof(tv)) : 0;
}

long
lx_time(long ut, long a1, long a2, long a3, long a4, long a5)
{
	int64_t t = wallclock_ns() / 1000000000LL;

	if (ut != 0 && copyout((uint64_t)ut, &t, sizeof(t)) != 0) {
		return -LX_EFAULT;
	}
	return t;
}

long
lx_clock_getres(long clk, long uts, long a2, long a3, long a4, long a5)
{
	struct lx_ts ts = { 0, 1 };

	if (clk < 0 || clk > 7) {
		return -LX_EINVAL;
	}
	return uts != 0 ? copyout((uint64_t)uts, &ts, sizeof(ts)) : 0;
}

long
lx_prctl(long opt, long a1, long a2, long a3, long a4, long a5)
{
	return 0;	/* PR_SET_NAME and friends: accepted (measured enough for busybox) */
}

long
lx_getpgrp(long a0, long a1, long a2, long a3, long a4, long a5)
{
	return curproc()->pgid;
}

/* The process getpgid/getsid ask about: 0 is the caller. */
static struct proc *
id_target(long pid)
{
	if (pid < 0) {
		return NULL;
	}
	return pid == 0 ? curproc() : proc_by_pid((int)pid);
}

long
lx_getpgid(long pid, long a1, long a2, long a3, long a4, long a5)
{
	struct proc *t = id_target(pid);

	return t != NULL ? t->pgid : -LX_ESRCH;
}

long
lx_getsid(long pid, long a1, long a2, long a3, long a4, long a5)
{
	struct proc *t = id_target(pid);

	return t != NULL ? t->sid : -LX_ESRCH;
}

long
lx_setpgid(long pid, long pgid, long a2, long a3, long a4, long a5)
{
	if (pid < 0 || pid > INT32_MAX || pgid > INT32_MAX) {
		return pid < 0 ? -LX_EINVAL : -LX_ESRCH;
	}
	return proc_setpgid((int)pid, (int)pgid);
}

long
lx_setsid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	return proc_setsid();
}

long
lx_kill(long pid, long sig, long a2, long a3, long a4, long a5)
{
	return proc_kill((int)pid, (int)sig);
}

/* tkill/tgkill: the signal goes to that one thread (its action is still the process's). */
static long
kill_thread(long tgid, long tid, long sig)
{
	struct thread *th;
	struct proc *t;

	if (tid <= 0 || sig < 0 || sig > 64) {
		return -LX_EINVAL;
	}
	if ((th = proc_thread_by_tid((int)tid, &t)) == NULL || (tgid > 0 && t->pid != tgid)) {
		return -LX_ESRCH;
	}
	if (sig != 0) {
		proc_send_signal(t, th, (int)sig);
	}
	return 0;
}

long
lx_tkill(long tid, long sig, long a2, long a3, long a4, long a5)
{
	return kill_thread(0, tid, sig);
}

long
lx_tgkill(long tgid, long tid, long sig, long a3, long a4, long a5)
{
	return tgid <= 0 ? -LX_EINVAL : kill_thread(tgid, tid, sig);
}

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_PRIVATE		128
#define FUTEX_CLOCK_REALTIME	256

/* Private futexes only: a shared one is keyed the same way (no shared memory yet). */
long
lx_futex(long uaddr, long op, long val, long uts, long uaddr2, long val3)
{
	uint64_t ns = UINT64_MAX;
	int64_t ts[2];
	uint32_t cur;

	switch (op & ~(FUTEX_PRIVATE | FUTEX_CLOCK_REALTIME)) {
	case FUTEX_WAIT:
		if (uts != 0) {
			if (copyin(ts, (uint64_t)uts, sizeof(ts)) != 0) {
				return -LX_EFAULT;
			}
			if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000) {
				return -LX_EINVAL;
			}
			ns = ts[0] > 1000000000LL ? UINT64_MAX - 1 :
			    (uint64_t)ts[0] * 1000000000ULL + (uint64_t)ts[1];
		}
		return futex_wait((uint64_t)uaddr, (uint32_t)val, ns);
	case FUTEX_WAKE:
		return futex_wake((uint64_t)uaddr, val < 0 ? 0 : (int)val);
	case FUTEX_CMP_REQUEUE:
		if (copyin(&cur, (uint64_t)uaddr, sizeof(cur)) != 0) {
			return -LX_EFAULT;
		}
		if (cur != (uint32_t)val3) {
			return -LX_EAGAIN;
		}
		/* fall through */
	case FUTEX_REQUEUE:
		return futex_requeue((uint64_t)uaddr, (int)val, (uint64_t)uaddr2, (int)uts);
	default:
		return -LX_ENOSYS;
	}
}

/* RDRAND when the CPU has it, else a TSC-seeded generator (not for keys). */
static uint64_t
random64(void)
{
	static uint64_t s = 0x853c49e6748fea9bULL;
	uint32_t r[4];
	uint64_t v;
	unsigned char ok = 0;

	cpuid(1, 0, r);
	if (r[2] & (1u << 30)) {
		for (int i = 0; i < 10 && !ok; i++) {
			__asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
		}
		if (ok) {
			return v;
		}
	}
	s ^= arch_cycles();
	s = s * 6364136223846793005ULL + 1442695040888963407ULL;
	return s ^ (s >> 29);
}

long
lx_getrandom(long ubuf, long n, long flags, long a3, long a4, long a5)
{
	uint8_t k[256];
	long done = 0;

	if (n < 0 || (flags & ~7L)) {
		return -LX_EINVAL;
	}
	while (done < n) {
		long c = n - done < (long)sizeof(k) ? n - done : (long)sizeof(k);

		for (long i = 0; i < c; i += 8) {
			uint64_t v = random64();

			memcpy(k + i, &v, c - i < 8 ? (size_t)(c - i) : 8);
		}
		if (copyout((uint64_t)ubuf + (uint64_t)done, k, (size_t)c) != 0) {
			return done > 0 ? done : -LX_EFAULT;
		}
		done += c;
	}
	return done;
}
