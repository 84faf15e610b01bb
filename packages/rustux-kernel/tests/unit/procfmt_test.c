/* procfmt_test.c - unit tests of fs/procfmt.c: reformat the host's own /proc text byte for byte */
/* SPDX-License-Identifier: MIT */
#define _DEFAULT_SOURCE
#include <stdio.h>

#include "fs/procfmt.h"
#include "t.h"

static char host[8192], ours[8192];

/* Reads a host /proc file into host[]; returns its length or -1. */
static long
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL)
		return -1;
	n = fread(host, 1, sizeof(host) - 1, f);
	fclose(f);
	host[n] = '\0';
	return (long)n;
}

T_TEST(stat_matches_the_hosts_line)
{
	struct procfmt_stat s;
	int64_t *f[] = {
		&s.ppid, &s.pgrp, &s.session, &s.tty_nr, &s.tpgid, &s.flags, &s.minflt,
		&s.cminflt, &s.majflt, &s.cmajflt, &s.utime, &s.stime, &s.cutime, &s.cstime,
		&s.priority, &s.nice, &s.num_threads, &s.itrealvalue, &s.starttime, &s.vsize,
		&s.rss, &s.rsslim, &s.startcode, &s.endcode, &s.startstack, &s.kstkesp,
		&s.kstkeip, &s.signal, &s.blocked, &s.sigignore, &s.sigcatch, &s.wchan,
		&s.nswap, &s.cnswap, &s.exit_signal, &s.processor, &s.rt_priority, &s.policy,
		&s.delayacct_blkio_ticks, &s.guest_time, &s.cguest_time, &s.start_data,
		&s.end_data, &s.start_brk, &s.arg_start, &s.arg_end, &s.env_start, &s.env_end,
		&s.exit_code,
	};
	char comm[64], *rp, *p;
	size_t i;

	T_ASSERT(slurp("/proc/self/stat") > 0);
	rp = strrchr(host, ')');
	T_ASSERT(rp != NULL);
	memset(&s, 0, sizeof(s));
	s.pid = strtoll(host, &p, 10);
	memcpy(comm, p + 2, (size_t)(rp - (p + 2)));
	comm[rp - (p + 2)] = '\0';
	s.comm = comm;
	s.state = rp[2];
	p = rp + 3;
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		*f[i] = (int64_t)strtoull(p, &p, 10);	/* rsslim is 2^64-1: wraps to -1 */
	T_EXPECT_STR_EQ(p, "\n");
	T_EXPECT_EQ(procfmt_stat(ours, sizeof(ours), &s), strlen(host));
	T_EXPECT_STR_EQ(ours, host);
}

T_TEST(stat_has_52_fields_and_truncates_comm)
{
	struct procfmt_stat s = { .pid = 7, .comm = "a-very-long-command-name", .state = 'S' };
	int spaces = 0;
	char *p;

	procfmt_stat(ours, sizeof(ours), &s);
	for (p = ours; *p != '\0'; p++)
		spaces += *p == ' ';
	T_EXPECT_EQ(spaces, 51);
	T_EXPECT(strncmp(ours, "7 (a-very-long-com) S 0 0", 25) == 0);
	T_EXPECT_EQ(procfmt_stat(ours, 10, &s), strlen("7 (a-very-long-com) S") + 49 * 2 + 1);
	T_EXPECT_EQ(strlen(ours), 9);			/* truncated, NUL-terminated */
}

/* The host line starting with key, or NULL. */
static const char *
line_of(const char *text, const char *key, char *line, size_t size)
{
	const char *p = text, *e;
	size_t klen = strlen(key);

	while (p != NULL && *p != '\0') {
		e = strchr(p, '\n');
		if (strncmp(p, key, klen) == 0 && e != NULL && (size_t)(e - p + 2) <= size) {
			memcpy(line, p, (size_t)(e - p + 1));
			line[e - p + 1] = '\0';
			return line;
		}
		p = e != NULL ? e + 1 : NULL;
	}
	return NULL;
}

T_TEST(status_lines_match_the_hosts)
{
	static char h[8192];
	struct procfmt_status s;
	char line[256], mine[256];
	const char *keys[] = { "Name:", "Umask:", "State:", "Tgid:", "Pid:", "PPid:", "Uid:",
	    "Gid:", "FDSize:", "VmSize:", "VmRSS:", "VmStk:", "Threads:", "SigQ:", "SigBlk:",
	    "CapEff:", "NStgid:", "voluntary_ctxt_switches:" };
	unsigned long long v;
	size_t i;

	T_ASSERT(slurp("/proc/self/status") > 0);
	memcpy(h, host, sizeof(h));
	memset(&s, 0, sizeof(s));
	T_ASSERT(sscanf(line_of(h, "Name:", line, sizeof(line)), "Name:\t%63s", mine) == 1);
	s.name = mine;
	sscanf(line_of(h, "Umask:", line, sizeof(line)), "Umask:\t%o", &s.umask);
	s.state = line_of(h, "State:", line, sizeof(line))[7];
#define NUM(key, field) do { sscanf(line_of(h, key, line, sizeof(line)) + strlen(key), \
	"%llu", &v); s.field = v; } while (0)
	NUM("Tgid:", tgid); NUM("Pid:", pid); NUM("PPid:", ppid); NUM("FDSize:", fd_size);
	NUM("VmSize:", vm_size); NUM("VmRSS:", vm_rss); NUM("VmStk:", vm_stk);
	NUM("Threads:", threads); NUM("voluntary_ctxt_switches:", voluntary_ctxt_switches);
	sscanf(line_of(h, "SigQ:", line, sizeof(line)), "SigQ:\t%lld/%lld",
	    (long long *)&s.sigq, (long long *)&s.sigq_max);
	sscanf(line_of(h, "SigBlk:", line, sizeof(line)), "SigBlk:\t%llx", &v);
	s.sig_blk = v;
	sscanf(line_of(h, "CapEff:", line, sizeof(line)), "CapEff:\t%llx", &v);
	s.cap_eff = v;
	sscanf(line_of(h, "Uid:", line, sizeof(line)), "Uid:\t%u\t%u\t%u\t%u", &s.uid[0],
	    &s.uid[1], &s.uid[2], &s.uid[3]);
	sscanf(line_of(h, "Gid:", line, sizeof(line)), "Gid:\t%u\t%u\t%u\t%u", &s.gid[0],
	    &s.gid[1], &s.gid[2], &s.gid[3]);
#undef NUM
	procfmt_status(ours, sizeof(ours), &s);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char theirs[256];

		T_ASSERT(line_of(h, keys[i], theirs, sizeof(theirs)) != NULL);
		T_EXPECT_STR_EQ(line_of(ours, keys[i], line, sizeof(line)), theirs);
	}
}

T_TEST(meminfo_lines_match_the_hosts)
{
	const char *keys[] = { "MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:",
	    "SwapTotal:", "SwapFree:", "Shmem:" };
	struct procfmt_meminfo m;
	uint64_t *fields[] = { &m.total, &m.free, &m.available, &m.buffers, &m.cached,
	    &m.swap_total, &m.swap_free, &m.shmem };
	char line[128], theirs[128];
	unsigned long long v;
	size_t i;

	T_ASSERT(slurp("/proc/meminfo") > 0);
	memset(&m, 0, sizeof(m));
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		T_ASSERT(line_of(host, keys[i], line, sizeof(line)) != NULL);
		sscanf(line + strlen(keys[i]), "%llu", &v);
		*fields[i] = v;
	}
	procfmt_meminfo(ours, sizeof(ours), &m);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		line_of(host, keys[i], theirs, sizeof(theirs));
		T_EXPECT_STR_EQ(line_of(ours, keys[i], line, sizeof(line)), theirs);
	}
	T_EXPECT(strncmp(ours, "MemTotal:", 9) == 0);
}

T_TEST(uptime_matches_the_hosts)
{
	unsigned long long a, b, c, d;

	T_ASSERT(slurp("/proc/uptime") > 0);
	T_ASSERT(sscanf(host, "%llu.%llu %llu.%llu", &a, &b, &c, &d) == 4);
	procfmt_uptime(ours, sizeof(ours), a * 1000000000 + b * 10000000 + 3,
	    c * 1000000000 + d * 10000000 + 9999999);
	T_EXPECT_STR_EQ(ours, host);
	procfmt_uptime(ours, sizeof(ours), 5000000, 0);
	T_EXPECT_STR_EQ(ours, "0.00 0.00\n");
}

T_TEST(version_has_linux_shape)
{
	char sys[64], rel[128], by[128], rest[512];

	T_ASSERT(slurp("/proc/version") > 0);
	T_ASSERT(sscanf(host, "%63s version %127s (%127[^)]) %511[^\n]", sys, rel, by, rest) == 4);
	procfmt_version(ours, sizeof(ours), "Rustux", "0.1.0-1", "rustica@build", "gcc 12",
	    "#1 SMP");
	T_EXPECT_STR_EQ(ours, "Rustux version 0.1.0-1 (rustica@build) (gcc 12) #1 SMP\n");
	T_ASSERT(sscanf(ours, "%63s version %127s (%127[^)]) %511[^\n]", sys, rel, by, rest) == 4);
	T_EXPECT_STR_EQ(rel, "0.1.0-1");
}

/* Undoes \ooo escapes in place. */
static void
unmangle(char *s)
{
	char *d = s;

	for (; *s != '\0'; s++, d++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3') {
			*d = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*d = *s;
		}
	}
	*d = '\0';
}

T_TEST(mount_lines_match_the_hosts)
{
	char dev[512], dir[512], type[64], opts[1024], *line, *save = NULL;
	int n = 0, bad = 0;

	T_ASSERT(slurp("/proc/self/mounts") > 0);
	for (line = strtok_r(host, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char want[2200];

		if (sscanf(line, "%511s %511s %63s %1023s", dev, dir, type, opts) != 4)
			continue;
		snprintf(want, sizeof(want), "%s\n", line);
		unmangle(dev);
		unmangle(dir);
		unmangle(opts);
		procfmt_mount(ours, sizeof(ours), dev, dir, type, opts);
		bad += strcmp(ours, want) != 0;
		n++;
	}
	T_EXPECT(n > 0);
	T_EXPECT_EQ(bad, 0);
	procfmt_mount(ours, sizeof(ours), "rootfs", "/a b\\c", "ramfs", "rw");
	T_EXPECT_STR_EQ(ours, "rootfs /a\\040b\\134c ramfs rw 0 0\n");
}

T_TEST(maps_lines_match_the_hosts)
{
	char perms[8], *line, *save = NULL;
	unsigned long long lo, hi, off, ino;
	unsigned maj, min;
	int n = 0, bad = 0, at;

	T_ASSERT(slurp("/proc/self/maps") > 0);
	for (line = strtok_r(host, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char want[600];
		const char *name;
		uint32_t prot;

		at = 0;
		if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu %n", &lo, &hi, perms, &off, &maj, &min,
		    &ino, &at) != 7 || at == 0)
			continue;
		name = line + at;
		prot = (perms[0] == 'r' ? 1u : 0u) | (perms[1] == 'w' ? 2u : 0u) |
		    (perms[2] == 'x' ? 4u : 0u);
		snprintf(want, sizeof(want), "%s\n", line);
		procfmt_maps_line(ours, sizeof(ours), lo, hi, prot, perms[3] == 's', off, maj, min,
		    ino, name);
		if (strcmp(ours, want) != 0) {
			printf("# want %s# got  %s", want, ours);
			bad++;
		}
		n++;
	}
	T_EXPECT(n > 0);
	T_EXPECT_EQ(bad, 0);
	T_EXPECT_EQ(procfmt_maps_line(ours, sizeof(ours), 0x400000, 0x401000, 5, 0, 0, 0, 0, 0,
	    NULL), 41);
	T_EXPECT_STR_EQ(ours, "00400000-00401000 r-xp 00000000 00:00 0 \n");
}

T_TEST(cmdline_joins_with_nul)
{
	const char *argv[] = { "busybox", "sh", "-c", "", NULL };
	char buf[32];

	T_EXPECT_EQ(procfmt_cmdline(buf, sizeof(buf), argv), 15);
	T_EXPECT(memcmp(buf, "busybox\0sh\0-c\0\0", 15) == 0);
	T_EXPECT_EQ(procfmt_cmdline(buf, 4, argv), 15);
	T_EXPECT_STR_EQ(procfmt_state_name('Z'), "Z (zombie)");
	T_EXPECT_STR_EQ(procfmt_state_name('q'), "? (unknown)");
}
