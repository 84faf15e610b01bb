/* procfd.c - rustica-tests: /proc/N/fd, /proc/N/maps, /proc/N/cwd and /proc/mounts */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <elf.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ktest.h"

static int
link_is(const char *path, const char *want)
{
	char buf[256];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	if (n < 0)
		return 0;
	buf[n] = '\0';
	if (strcmp(buf, want) != 0)
		printf("# %s -> %s, want %s\n", path, buf, want);
	return strcmp(buf, want) == 0;
}

/* fd links: a file's path, a pipe's pipe:[ino] (the inode fstat gives), /dev/console. */
static int
fd_links(void)
{
	char path[64], want[64];
	int p[2], fd, ok;
	ssize_t n;

	if (pipe(p) != 0 || (fd = open("/proc/version", O_RDONLY)) < 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ok = link_is(path, "/proc/version");
	/* both ends name one pipe:[N], N being the st_ino fstat gives for either end */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	if ((n = readlink(path, want, sizeof(want) - 1)) < 0)
		return 0;
	want[n] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)getpid(), p[1]);
	ok = strncmp(want, "pipe:[", 6) == 0 && want[n - 1] == ']' && link_is(path, want) && ok;
	{
		struct stat a, b;
		char ino[64];

		ok = fstat(p[0], &a) == 0 && fstat(p[1], &b) == 0 && S_ISFIFO(a.st_mode) &&
		    a.st_ino != 0 && a.st_ino == b.st_ino && ok;
		snprintf(ino, sizeof(ino), "pipe:[%llu]", (unsigned long long)a.st_ino);
		ok = strcmp(ino, want) == 0 && ok;
	}
	close(fd);
	close(p[0]);
	close(p[1]);
	if ((fd = open("/dev/console", O_RDWR)) >= 0) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		ok = link_is(path, "/dev/console") && ok;
		close(fd);
	}
	/* a closed descriptor has no entry */
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return ok && access(path, F_OK) != 0;
}

/* The fd directory lists exactly the open descriptors. */
static int
fd_listing(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int seen = 0, dfd;

	if (d == NULL)
		return 0;
	dfd = dirfd(d);
	while ((e = readdir(d)) != NULL) {
		int n = atoi(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		if (fcntl(n, F_GETFD) < 0) {
			printf("# /proc/self/fd lists %s, not open\n", e->d_name);
			closedir(d);
			return 0;
		}
		if (n == dfd || n < 3)
			seen++;
	}
	closedir(d);
	return seen == 4;	/* 0 1 2 and the directory's own */
}

/* maps: Linux's "start-end perms offset dev inode path" lines, the stack and the ELF. */
static int
maps(void)
{
	char buf[8192], *line;
	int stack = 0, exe = 0, ok = 1;

	if (read_text("/proc/self/maps", buf, sizeof(buf)) <= 0)
		return 0;
	for (line = strtok(buf, "\n"); line != NULL; line = strtok(NULL, "\n")) {
		unsigned long lo, hi, off;
		char perms[8];
		int n = 0;

		if (sscanf(line, "%lx-%lx %4s %lx %*x:%*x %*u%n", &lo, &hi, perms, &off, &n) != 4 ||
		    n == 0 || lo >= hi || (lo & 4095) || strlen(perms) != 4 || perms[3] != 'p') {
			printf("# bad maps line: %s\n", line);
			ok = 0;
		}
		stack |= strstr(line, "[stack]") != NULL && perms[0] == 'r' && perms[1] == 'w';
		exe |= strstr(line, "/ktest") != NULL && perms[2] == 'x';
	}
	return ok && stack && exe;
}

struct mapline {
	unsigned long	 lo, hi, off, ino;
	unsigned	 major, minor;
	char		 perms[8], name[256];
};

/* The /proc/self/maps line whose range holds addr: 1, or 0. */
static int
map_of(unsigned long addr, struct mapline *m)
{
	char buf[8192], *line;

	if (read_text("/proc/self/maps", buf, sizeof(buf)) <= 0)
		return 0;
	for (line = strtok(buf, "\n"); line != NULL; line = strtok(NULL, "\n")) {
		m->name[0] = '\0';
		if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu %255s", &m->lo, &m->hi, m->perms,
		    &m->off, &m->major, &m->minor, &m->ino, m->name) >= 7 &&
		    m->lo <= addr && addr < m->hi)
			return 1;
	}
	return 0;
}

/* Whether m names the file st describes, at file offset off for address addr. */
static int
map_is_file(const struct mapline *m, const struct stat *st, const char *path,
    unsigned long addr, unsigned long off)
{
	int ok = m->ino == st->st_ino && m->major == major(st->st_dev) &&
	    m->minor == minor(st->st_dev) && strcmp(m->name, path) == 0 &&
	    m->off + (addr - m->lo) == off;

	if (!ok)
		printf("# %lx-%lx %s %lx %02x:%02x %lu %s: want inode %lu, %s, offset %lx\n",
		    m->lo, m->hi, m->perms, m->off, m->major, m->minor, m->ino, m->name,
		    (unsigned long)st->st_ino, path, off - (addr - m->lo));
	return ok;
}

/*
 * The executable's text line shows its file as stat does: inode, device
 * (00:NN) and the offset of the code in the file (from the program
 * headers, so this does not trust the kernel's loader).
 */
static int
maps_text_file(void)
{
	const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
	unsigned long n = getauxval(AT_PHNUM), bias = 0, fn = (unsigned long)(void *)maps_text_file;
	struct mapline m;
	struct stat st;
	char exe[256];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (ph == NULL || len <= 0 || stat("/proc/self/exe", &st) != 0)
		return 0;
	exe[len] = '\0';
	for (unsigned long i = 0; i < n; i++)
		if (ph[i].p_type == PT_PHDR)
			bias = (unsigned long)ph - ph[i].p_vaddr;
	for (unsigned long i = 0; i < n; i++) {
		unsigned long va = ph[i].p_vaddr + bias;

		if (ph[i].p_type == PT_LOAD && fn >= va && fn < va + ph[i].p_filesz)
			return map_of(fn, &m) && m.perms[2] == 'x' &&
			    map_is_file(&m, &st, exe, fn, fn - va + ph[i].p_offset);
	}
	return 0;
}

/*
 * A private file mapping keeps its file and offsets when split by munmap
 * and mprotect, and a forked child sees the same lines.
 */
static int
maps_split_file(void)
{
	int fd = open("/proc/self/exe", O_RDONLY), ok, st_child;
	struct mapline m;
	struct stat st;
	char exe[256];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	unsigned char *a;
	pid_t pid = -1;

	if (fd < 0 || len <= 0 || fstat(fd, &st) != 0 || st.st_size < 4 * 4096)
		return 0;
	exe[len] = '\0';
	a = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
	close(fd);
	if (a == MAP_FAILED)
		return 0;
	ok = munmap(a, 4096) == 0 && mprotect(a + 2 * 4096, 4096, PROT_READ | PROT_WRITE) == 0;
	ok = ok && map_of((unsigned long)a + 4096, &m) && m.hi == (unsigned long)a + 2 * 4096 &&
	    map_is_file(&m, &st, exe, (unsigned long)a + 4096, 2 * 4096);
	ok = ok && map_of((unsigned long)a + 2 * 4096, &m) && strcmp(m.perms, "rw-p") == 0 &&
	    map_is_file(&m, &st, exe, (unsigned long)a + 2 * 4096, 3 * 4096);
	if (ok && (pid = fork()) == 0)
		_exit(map_of((unsigned long)a + 2 * 4096, &m) &&
		    map_is_file(&m, &st, exe, (unsigned long)a + 2 * 4096, 3 * 4096) ? 0 : 1);
	ok = ok && pid > 0 && waitpid(pid, &st_child, 0) == pid && WIFEXITED(st_child) &&
	    WEXITSTATUS(st_child) == 0;
	munmap(a + 4096, 2 * 4096);
	return ok;
}

static int
cwd_link(void)
{
	int ok;

	if (chdir("/usr/lib") != 0)
		return 0;
	ok = link_is("/proc/self/cwd", "/usr/lib");
	return chdir("/") == 0 && ok && link_is("/proc/self/cwd", "/");
}

/* /proc/mounts comes from the mounts the tree has: the root first, then /proc. */
static int
mounts(void)
{
	char buf[4096];

	if (read_text("/proc/mounts", buf, sizeof(buf)) < 0)
		return 0;
	printf("# %s", buf);
	return strncmp(buf, "rootfs / ", 9) == 0 && strstr(buf, "\nproc /proc proc rw 0 0\n") != NULL;
}

int
check_procfd(void)
{
	int bad = 0;

	bad |= fd_links() ? pass("procfd_links") :
	    fail("procfd_links", "readlink /proc/N/fd/M: path, pipe:[ino], /dev/console");
	bad |= fd_listing() ? pass("procfd_listing") :
	    fail("procfd_listing", "/proc/self/fd does not list the open descriptors");
	bad |= maps() ? pass("procfd_maps") :
	    fail("procfd_maps", "/proc/self/maps: format, [stack] or the executable");
	bad |= maps_text_file() ? pass("procfd_maps_text_file") :
	    fail("procfd_maps_text_file", "/proc/self/maps: the text line's file, offset, device, inode");
	bad |= maps_split_file() ? pass("procfd_maps_split_file") :
	    fail("procfd_maps_split_file", "a split file mapping's offsets, or a forked child's maps");
	bad |= cwd_link() ? pass("procfd_cwd") :
	    fail("procfd_cwd", "readlink /proc/self/cwd");
	bad |= mounts() ? pass("procfd_mounts") :
	    fail("procfd_mounts", "/proc/mounts lacks the root or /proc");
	return bad;
}
