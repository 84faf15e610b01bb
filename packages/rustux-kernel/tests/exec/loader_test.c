/* loader_test.c - host test: run real static binaries through exec_plan + initstack in a child */
/* SPDX-License-Identifier: MIT */
/*
 * A user-space stand-in for execve: parse with lib/elf.c, map what
 * linux/exec_plan.c says (MAP_FIXED_NOREPLACE, then the planned
 * protections), build the stack with linux/initstack.c and jump to the
 * entry with %rsp at argc and %rdx = 0. The program then talks to the
 * host Linux kernel directly, so what it prints shows whether our plan
 * and stack are what musl and glibc expect. Binaries come from KEXEC_DIR.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/elf.h"
#include "linux/exec_plan.h"
#include "linux/initstack.h"
#include "t.h"

#define STACK_TOP	0x700000000000ull
#define STACK_SIZE	(256 * 1024)

static unsigned char image[4 << 20];

/* Maps the plan's segments and copies the file bytes; in the child only. */
static void
map_plan(const struct exec_plan *p, const unsigned char *file)
{
	uint32_t i;

	for (i = 0; i < p->nseg; i++) {
		const struct exec_seg *g = &p->seg[i];

		if (g->map_end > g->map_start &&
		    mmap((void *)g->map_start, g->map_end - g->map_start, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED)
			_exit(120);
	}
	for (i = 0; i < p->nseg; i++)
		memcpy((void *)p->seg[i].copy_to, file + p->seg[i].file_off, p->seg[i].file_len);
	for (i = 0; i < p->nseg; i++)
		if (p->seg[i].map_end > p->seg[i].map_start)
			mprotect((void *)p->seg[i].map_start, p->seg[i].map_end - p->seg[i].map_start,
			    (int)p->seg[i].prot);
}

/* Child: load path and jump; never returns. */
static void
run(const char *path, const char *const *argv, const char *const *envp)
{
	static const uint8_t rnd[16] = "0123456789abcdef";
	struct elf_image img;
	struct exec_plan p;
	struct initstack_args a;
	uint64_t rsp;
	void *stack;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0 || (n = read(fd, image, sizeof(image))) <= 0)
		_exit(121);
	if (elf_parse(image, (size_t)n, ELF_EM_X86_64, &img) != ELF_OK ||
	    exec_plan_build(&img, 0x10000000, &p) != 0)
		_exit(122);
	map_plan(&p, image);
	stack = mmap((void *)(STACK_TOP - STACK_SIZE), STACK_SIZE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (stack == MAP_FAILED)
		_exit(123);
	memset(&a, 0, sizeof(a));
	a.argv = argv;
	a.envp = envp;
	a.execfn = path;
	a.platform = "x86_64";
	a.random = rnd;
	a.phdr = p.phdr;
	a.phent = p.phent;
	a.phnum = p.phnum;
	a.entry = p.entry;
	a.pagesz = 4096;
	a.clktck = 100;
	if (initstack_build(&a, stack, STACK_SIZE, STACK_TOP, &rsp) != 0)
		_exit(124);
	__asm__ volatile("mov %0, %%rsp\n\txor %%edx, %%edx\n\tjmp *%1"
	    : : "c"(rsp), "a"(p.entry) : "rdx", "memory");
	__builtin_unreachable();
}

/* Runs path in a child; returns its exit status and its stdout in out. */
static int
spawn(const char *path, const char *const *argv, const char *const *envp, char *out,
    size_t size)
{
	int fds[2], st = -1;
	ssize_t n, len = 0;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	if ((pid = fork()) == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		run(path, argv, envp);
	}
	close(fds[1]);
	while ((n = read(fds[0], out + len, size - 1 - (size_t)len)) > 0)
		len += n;
	out[len] = '\0';
	close(fds[0]);
	waitpid(pid, &st, 0);
	return st;
}

static const char *
bin(const char *name)
{
	static char path[512];
	const char *dir = getenv("KEXEC_DIR");

	snprintf(path, sizeof(path), "%s/%s", dir != NULL ? dir : ".", name);
	return path;
}

T_TEST(musl_static_program_gets_argv_env_tls_and_auxv)
{
	const char *argv[] = { "probe", "one", "two words", NULL };
	const char *envp[] = { "PROBE=seen", "OTHER=1", NULL };
	char out[1024];
	int st;

	st = spawn(bin("probe"), argv, envp, out, sizeof(out));
	T_EXPECT(WIFEXITED(st));
	T_EXPECT_EQ(WEXITSTATUS(st), 7);
	T_EXPECT(strstr(out, "argc=3 [probe] [one] [two words]") != NULL);
	T_EXPECT(strstr(out, "env=seen") != NULL);
	T_EXPECT(strstr(out, "tls=43") != NULL);		/* AT_PHDR found PT_TLS */
	T_EXPECT(strstr(out, "random=yes") != NULL);
	T_EXPECT(strstr(out, "pagesz=4096") != NULL);
	T_EXPECT(strstr(out, "execfn=") != NULL);
	printf("# %s", out);
}

T_TEST(debian_busybox_glibc_static_runs)
{
	const char *argv[] = { "busybox", "echo", "loaded", "by", "rustux", NULL };
	const char *envp[] = { "PATH=/bin", NULL };
	char out[256];
	int st;

	if (access("/bin/busybox", R_OK) != 0) {
		printf("# skipped: no /bin/busybox\n");
		return;
	}
	st = spawn("/bin/busybox", argv, envp, out, sizeof(out));
	T_EXPECT(WIFEXITED(st));
	T_EXPECT_EQ(WEXITSTATUS(st), 0);
	T_EXPECT_STR_EQ(out, "loaded by rustux\n");
}
