/* exec_plan_test.c - unit tests of linux/exec_plan.c: segments, bases, PT_INTERP, #! scripts */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "abi/linux/errno.h"
#include "abi/linux/mman.h"
#include "linux/exec_plan.h"
#include "t.h"

/* A static ET_EXEC like musl-gcc -static makes: R, RX, RW(+bss) at 0x400000. */
static void
musl_like(struct elf_image *img)
{
	memset(img, 0, sizeof(*img));
	img->type = ELF_ET_EXEC;
	img->phoff = 64;
	img->phnum = 6;
	img->entry = 0x401020;
	img->nload = 3;
	img->load[0] = (struct elf_segment){ 0, 0x300, 0x400000, 0x400000, 0x300, 0x1000,
	    ELF_PF_R };
	img->load[1] = (struct elf_segment){ 0x1000, 0x2000, 0x401000, 0x401000, 0x2000, 0x1000,
	    ELF_PF_R | ELF_PF_X };
	img->load[2] = (struct elf_segment){ 0x3e00, 0x200, 0x404e00, 0x404e00, 0x1800, 0x1000,
	    ELF_PF_R | ELF_PF_W };
	img->vmin = 0x400000;
	img->vmax = 0x406600;
}

T_TEST(static_exec_maps_at_its_addresses)
{
	struct elf_image img;
	struct exec_plan p;

	musl_like(&img);
	T_ASSERT(exec_plan_build(&img, EXEC_PIE_BASE, &p) == 0);
	T_EXPECT_EQ(p.base, 0);
	T_EXPECT_EQ(p.entry, 0x401020);
	T_EXPECT_EQ(p.nseg, 3);
	T_EXPECT_EQ(p.seg[0].map_start, 0x400000);
	T_EXPECT_EQ(p.seg[0].map_end, 0x401000);
	T_EXPECT_EQ(p.seg[0].prot, LX_PROT_READ);
	T_EXPECT_EQ(p.seg[1].prot, LX_PROT_READ | LX_PROT_EXEC);
	T_EXPECT_EQ(p.seg[2].map_start, 0x404000);
	T_EXPECT_EQ(p.seg[2].map_end, 0x407000);
	T_EXPECT_EQ(p.seg[2].copy_to, 0x404e00);
	T_EXPECT_EQ(p.seg[2].file_off, 0x3e00);
	T_EXPECT_EQ(p.seg[2].file_len, 0x200);		/* the rest is bss: zero */
	T_EXPECT_EQ(p.seg[2].mem_len, 0x1800);		/* p_memsz: bss from file_len on */
	T_EXPECT_EQ(p.seg[2].prot, LX_PROT_READ | LX_PROT_WRITE);
	T_EXPECT_EQ(p.brk, 0x407000);
	T_EXPECT_EQ(p.phdr, 0x400040);
	T_EXPECT_EQ(p.phent, 56);
	T_EXPECT_EQ(p.phnum, 6);
	T_EXPECT_EQ(p.exec_stack, 0);
}

T_TEST(static_pie_is_relocated_to_the_base)
{
	struct elf_image img;
	struct exec_plan p;
	int i;

	musl_like(&img);
	img.type = ELF_ET_DYN;
	img.entry -= 0x400000;
	img.vmin -= 0x400000;
	for (i = 0; i < 3; i++)
		img.load[i].vaddr -= 0x400000;
	T_ASSERT(exec_plan_build(&img, EXEC_PIE_BASE, &p) == 0);
	T_EXPECT_EQ(p.base, EXEC_PIE_BASE);
	T_EXPECT_EQ(p.entry, EXEC_PIE_BASE + 0x1020);
	T_EXPECT_EQ(p.seg[0].map_start, EXEC_PIE_BASE);
	T_EXPECT_EQ(p.phdr, EXEC_PIE_BASE + 64);
	T_EXPECT_EQ(exec_plan_build(&img, EXEC_PIE_BASE + 1, &p), -LX_EINVAL);
	T_EXPECT_EQ(exec_plan_build(&img, 0, &p), -LX_ENOEXEC);	/* page 0 is never mapped */
}

T_TEST(interp_and_kernel_addresses_are_refused)
{
	struct elf_image img;
	struct exec_plan p;

	musl_like(&img);
	img.interp.size = 28;
	T_EXPECT_EQ(exec_plan_build(&img, EXEC_PIE_BASE, &p), -LX_ENOEXEC);
	musl_like(&img);
	img.load[2].vaddr = 0xffff800000000000ull;
	T_EXPECT_EQ(exec_plan_build(&img, EXEC_PIE_BASE, &p), -LX_ENOEXEC);
	musl_like(&img);
	img.load[2].vaddr = EXEC_USER_TOP - 0x1000;
	img.load[2].memsz = 0x2000;
	T_EXPECT_EQ(exec_plan_build(&img, EXEC_PIE_BASE, &p), -LX_ENOEXEC);
	musl_like(&img);
	img.load[0].vaddr = 0x1000;
	T_EXPECT_EQ(exec_plan_build(&img, EXEC_PIE_BASE, &p), -LX_ENOEXEC);
	musl_like(&img);
	img.type = 1;	/* ET_REL */
	T_EXPECT_EQ(exec_plan_build(&img, EXEC_PIE_BASE, &p), -LX_ENOEXEC);
}

T_TEST(shared_boundary_page_gets_both_protections)
{
	struct elf_image img;
	struct exec_plan p;

	musl_like(&img);
	img.load[1].vaddr = 0x400300;		/* text starts inside the R page */
	img.load[1].offset = 0x300;
	T_ASSERT(exec_plan_build(&img, EXEC_PIE_BASE, &p) == 0);
	T_EXPECT_EQ(p.seg[0].prot, LX_PROT_READ | LX_PROT_EXEC);
	T_EXPECT_EQ(p.seg[1].map_start, 0x401000);
	T_EXPECT_EQ(p.seg[1].copy_to, 0x400300);
	T_EXPECT(p.seg[0].map_end <= p.seg[1].map_start);
}

T_TEST(debian_busybox_plans_like_linux_loads_it)
{
	static unsigned char file[4 << 20];
	struct elf_image img;
	struct exec_plan p;
	FILE *f = fopen("/bin/busybox", "rb");
	size_t n;
	uint32_t i;

	if (f == NULL) {
		printf("# skipped: no /bin/busybox on this host\n");
		return;
	}
	n = fread(file, 1, sizeof(file), f);
	fclose(f);
	T_ASSERT(elf_parse(file, n, ELF_EM_X86_64, &img) == ELF_OK);
	T_ASSERT(exec_plan_build(&img, EXEC_PIE_BASE, &p) == 0);
	T_EXPECT_EQ(p.base, 0);
	T_EXPECT_EQ(p.phdr, 0x400040);		/* LINUX-ABI.md: AT_PHDR=0x400040 */
	T_EXPECT(p.nseg >= 4);
	for (i = 0; i < p.nseg; i++) {
		T_EXPECT(p.seg[i].map_start % EXEC_PAGE == 0);
		T_EXPECT(p.seg[i].file_off + p.seg[i].file_len <= n);
		T_EXPECT(!((p.seg[i].prot & LX_PROT_WRITE) && (p.seg[i].prot & LX_PROT_EXEC)));
	}
	T_EXPECT(p.brk >= p.seg[p.nseg - 1].map_end);
}

T_TEST(script_lines_parse_like_linux)
{
	struct exec_script s;
	const char *text = "#! /bin/sh  -e -x \nrest";
	char longline[400];

	T_EXPECT_EQ(exec_script_parse("\177ELF", 4, &s), 0);
	T_EXPECT_EQ(exec_script_parse("#", 1, &s), 0);
	T_EXPECT_EQ(exec_script_parse(text, strlen(text), &s), 1);
	T_EXPECT_STR_EQ(s.interp, "/bin/sh");
	T_EXPECT_STR_EQ(s.arg, "-e -x");	/* one argument, as Linux passes it */
	T_EXPECT_EQ(exec_script_parse("#!/bin/true", 11, &s), 1);	/* no newline: EOF */
	T_EXPECT_STR_EQ(s.interp, "/bin/true");
	T_EXPECT_EQ(s.has_arg, 0);
	T_EXPECT_EQ(exec_script_parse("#!   \n", 6, &s), -LX_ENOEXEC);
	T_EXPECT_EQ(exec_script_parse("#!/bin/sh\r\n", 11, &s), 1);
	T_EXPECT_STR_EQ(s.interp, "/bin/sh\r");	/* Linux keeps the CR: ENOENT later */
	memset(longline, 'a', sizeof(longline));
	longline[0] = '#';
	longline[1] = '!';
	T_EXPECT_EQ(exec_script_parse(longline, sizeof(longline), &s), -LX_ENOEXEC);
}

T_TEST(script_argv_is_rewritten)
{
	struct exec_script s;
	const char *argv[] = { "myscript", "one", "two", NULL };
	const char *out[8];

	T_ASSERT(exec_script_parse("#!/bin/sh -e\n", 13, &s) == 1);
	T_EXPECT_EQ(exec_script_argv(&s, "/usr/bin/myscript", argv, out, 8), 5);
	T_EXPECT_STR_EQ(out[0], "/bin/sh");
	T_EXPECT_STR_EQ(out[1], "-e");
	T_EXPECT_STR_EQ(out[2], "/usr/bin/myscript");
	T_EXPECT_STR_EQ(out[3], "one");
	T_EXPECT_STR_EQ(out[4], "two");
	T_EXPECT(out[5] == NULL);
	T_EXPECT_EQ(exec_script_argv(&s, "/x", argv, out, 4), -LX_E2BIG);
	T_ASSERT(exec_script_parse("#!/bin/sh\n", 10, &s) == 1);
	T_EXPECT_EQ(exec_script_argv(&s, "/x", NULL, out, 3), 2);
}
