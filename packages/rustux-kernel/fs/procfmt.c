/* procfmt.c - kernel: Linux's /proc text formats, byte for byte */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>

#include "fs/procfmt.h"
#include "lib/printf.h"
#include "lib/string.h"

/* An snprintf-style appender: len counts everything, buf gets what fits. */
struct out {
	char	*buf;
	size_t	 size;
	size_t	 len;
};

static void __attribute__((format(printf, 2, 3)))
put(struct out *o, const char *fmt, ...)
{
	size_t at = o->len < o->size ? o->len : o->size;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(o->buf + at, o->size - at, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

static void
putc_raw(struct out *o, char c)
{
	if (o->len + 1 < o->size) {
		o->buf[o->len] = c;
		o->buf[o->len + 1] = '\0';
	}
	o->len++;
}

static void
begin(struct out *o, char *buf, size_t size)
{
	o->buf = buf;
	o->size = size;
	o->len = 0;
	if (size > 0)
		buf[0] = '\0';
}

static const struct {
	char		 c;
	const char	*name;
} states[] = {
	{ 'R', "R (running)" }, { 'S', "S (sleeping)" }, { 'D', "D (disk sleep)" },
	{ 'T', "T (stopped)" }, { 't', "t (tracing stop)" }, { 'X', "X (dead)" },
	{ 'Z', "Z (zombie)" }, { 'P', "P (parked)" }, { 'I', "I (idle)" },
};

const char *
procfmt_state_name(char state)
{
	size_t i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (states[i].c == state)
			return states[i].name;
	return "? (unknown)";
}

size_t
procfmt_stat(char *buf, size_t size, const struct procfmt_stat *s)
{
	const int64_t v[] = {
		s->ppid, s->pgrp, s->session, s->tty_nr, s->tpgid, s->flags,
		s->minflt, s->cminflt, s->majflt, s->cmajflt,
		s->utime, s->stime, s->cutime, s->cstime,
		s->priority, s->nice, s->num_threads, s->itrealvalue, s->starttime,
		s->vsize, s->rss, s->rsslim, s->startcode, s->endcode, s->startstack,
		s->kstkesp, s->kstkeip, s->signal, s->blocked, s->sigignore, s->sigcatch,
		s->wchan, s->nswap, s->cnswap, s->exit_signal, s->processor, s->rt_priority,
		s->policy, s->delayacct_blkio_ticks, s->guest_time, s->cguest_time,
		s->start_data, s->end_data, s->start_brk, s->arg_start, s->arg_end,
		s->env_start, s->env_end, s->exit_code,
	};
	/* Which fields Linux prints signed (seq_put_decimal_ll) or unsigned (_ull). */
	static const char sign[] = "SSSSSUUUUUUUSSSSSUUUUUUUUUUUUUUUUUSSUUUUSUUUUUUUS";
	struct out o;
	size_t i;

	_Static_assert(sizeof(sign) - 1 == sizeof(v) / sizeof(v[0]), "one letter per field");
	begin(&o, buf, size);
	put(&o, "%lld (%.15s) %c", (long long)s->pid, s->comm, s->state);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (sign[i] == 'S')
			put(&o, " %lld", (long long)v[i]);
		else
			put(&o, " %llu", (unsigned long long)v[i]);
	}
	put(&o, "\n");
	return o.len;
}

/* "Key:\t%8llu kB\n", Linux's show_val_kb() inside status. */
static void
kb(struct out *o, const char *key, uint64_t v)
{
	put(o, "%s:\t%8llu kB\n", key, (unsigned long long)v);
}

static void
sigmask(struct out *o, const char *key, uint64_t v)
{
	put(o, "%s:\t%016llx\n", key, (unsigned long long)v);
}

static void
ids(struct out *o, const char *key, const uint32_t v[4])
{
	put(o, "%s:\t%u\t%u\t%u\t%u\n", key, v[0], v[1], v[2], v[3]);
}

size_t
procfmt_status(char *buf, size_t size, const struct procfmt_status *s)
{
	struct out o;

	begin(&o, buf, size);
	put(&o, "Name:\t%.15s\nUmask:\t%04o\nState:\t%s\n", s->name, s->umask,
	    procfmt_state_name(s->state));
	put(&o, "Tgid:\t%lld\nNgid:\t0\nPid:\t%lld\nPPid:\t%lld\nTracerPid:\t%lld\n",
	    (long long)s->tgid, (long long)s->pid, (long long)s->ppid,
	    (long long)s->tracer_pid);
	ids(&o, "Uid", s->uid);
	ids(&o, "Gid", s->gid);
	put(&o, "FDSize:\t%lld\nGroups:\t \n", (long long)s->fd_size);
	put(&o, "NStgid:\t%lld\nNSpid:\t%lld\nNSpgid:\t%lld\nNSsid:\t%lld\n",
	    (long long)s->tgid, (long long)s->pid, (long long)s->ns_pgid, (long long)s->ns_sid);
	kb(&o, "VmPeak", s->vm_peak);
	kb(&o, "VmSize", s->vm_size);
	kb(&o, "VmLck", s->vm_lck);
	kb(&o, "VmPin", s->vm_pin);
	kb(&o, "VmHWM", s->vm_hwm);
	kb(&o, "VmRSS", s->vm_rss);
	kb(&o, "RssAnon", s->rss_anon);
	kb(&o, "RssFile", s->rss_file);
	kb(&o, "RssShmem", s->rss_shmem);
	kb(&o, "VmData", s->vm_data);
	kb(&o, "VmStk", s->vm_stk);
	kb(&o, "VmExe", s->vm_exe);
	kb(&o, "VmLib", s->vm_lib);
	kb(&o, "VmPTE", s->vm_pte);
	kb(&o, "VmSwap", s->vm_swap);
	put(&o, "Threads:\t%lld\nSigQ:\t%lld/%lld\n", (long long)s->threads,
	    (long long)s->sigq, (long long)s->sigq_max);
	sigmask(&o, "SigPnd", s->sig_pnd);
	sigmask(&o, "ShdPnd", s->shd_pnd);
	sigmask(&o, "SigBlk", s->sig_blk);
	sigmask(&o, "SigIgn", s->sig_ign);
	sigmask(&o, "SigCgt", s->sig_cgt);
	sigmask(&o, "CapInh", s->cap_inh);
	sigmask(&o, "CapPrm", s->cap_prm);
	sigmask(&o, "CapEff", s->cap_eff);
	sigmask(&o, "CapBnd", s->cap_bnd);
	sigmask(&o, "CapAmb", s->cap_amb);
	put(&o, "NoNewPrivs:\t0\nSeccomp:\t0\n");
	put(&o, "voluntary_ctxt_switches:\t%lld\nnonvoluntary_ctxt_switches:\t%lld\n",
	    (long long)s->voluntary_ctxt_switches, (long long)s->nonvoluntary_ctxt_switches);
	return o.len;
}

/* meminfo's show_val_kb(): the label padded to 16 columns, then %8lu. */
static void
mem(struct out *o, const char *label, uint64_t v)
{
	put(o, "%-16s%8llu kB\n", label, (unsigned long long)v);
}

size_t
procfmt_meminfo(char *buf, size_t size, const struct procfmt_meminfo *m)
{
	struct out o;

	begin(&o, buf, size);
	mem(&o, "MemTotal:", m->total);
	mem(&o, "MemFree:", m->free);
	mem(&o, "MemAvailable:", m->available);
	mem(&o, "Buffers:", m->buffers);
	mem(&o, "Cached:", m->cached);
	mem(&o, "SwapCached:", m->swap_cached);
	mem(&o, "Active:", m->active);
	mem(&o, "Inactive:", m->inactive);
	mem(&o, "SwapTotal:", m->swap_total);
	mem(&o, "SwapFree:", m->swap_free);
	mem(&o, "Shmem:", m->shmem);
	mem(&o, "Slab:", m->slab);
	return o.len;
}

size_t
procfmt_uptime(char *buf, size_t size, uint64_t up_ns, uint64_t idle_ns)
{
	struct out o;

	begin(&o, buf, size);
	put(&o, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(up_ns / 1000000000),
	    (unsigned long long)(up_ns % 1000000000 / 10000000),
	    (unsigned long long)(idle_ns / 1000000000),
	    (unsigned long long)(idle_ns % 1000000000 / 10000000));
	return o.len;
}

size_t
procfmt_version(char *buf, size_t size, const char *sysname, const char *release,
    const char *builder, const char *compiler, const char *version)
{
	struct out o;

	begin(&o, buf, size);
	put(&o, "%s version %s (%s) (%s) %s\n", sysname, release, builder, compiler, version);
	return o.len;
}

/* Writes s with Linux's mangling for /proc/mounts (seq_escape " \t\n\\"). */
static void
mangled(struct out *o, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			put(o, "\\%03o", (unsigned char)*s);
		else
			putc_raw(o, *s);
	}
}

size_t
procfmt_mount(char *buf, size_t size, const char *dev, const char *dir, const char *type,
    const char *opts)
{
	struct out o;

	begin(&o, buf, size);
	mangled(&o, dev);
	putc_raw(&o, ' ');
	mangled(&o, dir);
	putc_raw(&o, ' ');
	mangled(&o, type);
	putc_raw(&o, ' ');
	mangled(&o, opts);
	put(&o, " 0 0\n");
	return o.len;
}

#define MAPS_NAME_COLUMN	73	/* 25 + 6 * sizeof(void *) - 1, then one space */

size_t
procfmt_maps_line(char *buf, size_t size, uint64_t start, uint64_t end, uint32_t prot,
    int shared, uint64_t offset, uint32_t major, uint32_t minor, uint64_t inode,
    const char *name)
{
	struct out o;

	begin(&o, buf, size);
	put(&o, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu ", (unsigned long long)start,
	    (unsigned long long)end, (prot & 1) ? 'r' : '-', (prot & 2) ? 'w' : '-',
	    (prot & 4) ? 'x' : '-', shared ? 's' : 'p', (unsigned long long)offset, major, minor,
	    (unsigned long long)inode);
	if (name != NULL && name[0] != '\0') {
		while (o.len < MAPS_NAME_COLUMN) {
			putc_raw(&o, ' ');
		}
		put(&o, "%s", name);
	}
	putc_raw(&o, '\n');
	return o.len;
}

size_t
procfmt_cmdline(char *buf, size_t size, const char *const *argv)
{
	size_t len = 0, n;

	for (; argv != NULL && *argv != NULL; argv++) {
		n = strlen(*argv) + 1;
		if (len < size)
			memcpy(buf + len, *argv, size - len < n ? size - len : n);
		len += n;
	}
	return len;
}
