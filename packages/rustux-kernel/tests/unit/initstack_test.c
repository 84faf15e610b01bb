/* initstack_test.c - unit tests of linux/initstack.c: parse the built stack back like a libc */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "abi/linux/auxv.h"
#include "abi/linux/errno.h"
#include "linux/initstack.h"
#include "t.h"

#define TOP	0x7ffffffff000ull
#define SIZE	8192

static _Alignas(16) uint8_t stack[SIZE];
static const uint8_t rnd[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

/* The buffer position of a user address inside the stack. */
static uint8_t *
at(uint64_t addr)
{
	if (addr < TOP - SIZE || addr >= TOP)
		return NULL;
	return stack + (addr - (TOP - SIZE));
}

static uint64_t
word(uint64_t addr)
{
	uint64_t v;

	memcpy(&v, at(addr), 8);
	return v;
}

static struct initstack_args
args(const char *const *argv, const char *const *envp)
{
	struct initstack_args a = {
		.argv = argv, .envp = envp, .execfn = "/bin/hello", .platform = "x86_64",
		.random = rnd, .phdr = 0x400040, .phent = 56, .phnum = 6, .entry = 0x401020,
		.base = 0, .hwcap = 0x178bfbff, .pagesz = 4096, .clktck = 100,
	};
	return a;
}

/* The value of auxv entry type, or ~0 if absent; *count gets the pair count. */
static uint64_t
aux(uint64_t auxp, uint64_t type, int *count)
{
	uint64_t v = ~0ull;
	int n = 0;

	for (;; auxp += 16) {
		n++;
		if (word(auxp) == type)
			v = word(auxp + 8);
		if (word(auxp) == LX_AT_NULL)
			break;
	}
	if (count != NULL)
		*count = n;
	return v;
}

T_TEST(argc_argv_envp_auxv_round_trip)
{
	const char *argv[] = { "hello", "-v", "", NULL };
	const char *envp[] = { "PATH=/bin", "HOME=/", NULL };
	struct initstack_args a = args(argv, envp);
	uint64_t rsp, p, auxp;
	int i, pairs;

	T_ASSERT(initstack_build(&a, stack, SIZE, TOP, &rsp) == 0);
	T_EXPECT_EQ(rsp % 16, 0);
	T_EXPECT_EQ(word(rsp), 3);
	for (i = 0; i < 3; i++)
		T_EXPECT_STR_EQ((char *)at(word(rsp + 8 + 8 * i)), argv[i]);
	T_EXPECT_EQ(word(rsp + 8 + 24), 0);
	p = rsp + 8 + 32;
	T_EXPECT_STR_EQ((char *)at(word(p)), "PATH=/bin");
	T_EXPECT_STR_EQ((char *)at(word(p + 8)), "HOME=/");
	T_EXPECT_EQ(word(p + 16), 0);
	auxp = p + 24;
	T_EXPECT_EQ(aux(auxp, LX_AT_PHDR, &pairs), 0x400040);
	T_EXPECT_EQ(pairs, 18);
	T_EXPECT_EQ(aux(auxp, LX_AT_PHENT, NULL), 56);
	T_EXPECT_EQ(aux(auxp, LX_AT_PHNUM, NULL), 6);
	T_EXPECT_EQ(aux(auxp, LX_AT_PAGESZ, NULL), 4096);
	T_EXPECT_EQ(aux(auxp, LX_AT_ENTRY, NULL), 0x401020);
	T_EXPECT_EQ(aux(auxp, LX_AT_BASE, NULL), 0);
	T_EXPECT_EQ(aux(auxp, LX_AT_CLKTCK, NULL), 100);
	T_EXPECT_EQ(aux(auxp, LX_AT_UID, NULL), 0);
	T_EXPECT_EQ(aux(auxp, LX_AT_SECURE, NULL), 0);
	T_EXPECT_EQ(aux(auxp, LX_AT_HWCAP, NULL), 0x178bfbff);
	T_EXPECT(memcmp(at(aux(auxp, LX_AT_RANDOM, NULL)), rnd, 16) == 0);
	T_EXPECT_STR_EQ((char *)at(aux(auxp, LX_AT_EXECFN, NULL)), "/bin/hello");
	T_EXPECT_STR_EQ((char *)at(aux(auxp, LX_AT_PLATFORM, NULL)), "x86_64");
	T_EXPECT_EQ(aux(auxp, LX_AT_SYSINFO_EHDR, NULL), ~0ull);	/* no vDSO yet */
	T_EXPECT_EQ(word(TOP - 8), 0);
}

T_TEST(strings_sit_above_the_vectors_in_linux_order)
{
	const char *argv[] = { "a", "b", NULL };
	const char *envp[] = { "E=1", NULL };
	struct initstack_args a = args(argv, envp);
	uint64_t rsp, a0, a1, e0, fn;

	T_ASSERT(initstack_build(&a, stack, SIZE, TOP, &rsp) == 0);
	a0 = word(rsp + 8);
	a1 = word(rsp + 16);
	e0 = word(rsp + 32);
	fn = aux(rsp + 48, LX_AT_EXECFN, NULL);
	T_EXPECT(a0 < a1 && a1 < e0 && e0 < fn);	/* argv, envp, then execfn on top */
	T_EXPECT_EQ(a1, a0 + 2);			/* packed: "a\0b\0" */
	T_EXPECT(aux(rsp + 48, LX_AT_RANDOM, NULL) > rsp);
}

T_TEST(alignment_holds_for_every_argument_count)
{
	const char *argv[9] = { "x", "xx", "xxx", "xxxx", "x", "xx", "xxx", "xxxx", NULL };
	struct initstack_args a;
	uint64_t rsp;
	int n, bad = 0;

	for (n = 0; n <= 8; n++) {
		const char *v[9];

		memcpy(v, argv, sizeof(v));
		v[n] = NULL;
		a = args(v, NULL);
		if (initstack_build(&a, stack, SIZE, TOP, &rsp) != 0 || rsp % 16 != 0 ||
		    word(rsp) != (uint64_t)n || word(rsp + 8 + 8 * (uint64_t)n) != 0 ||
		    word(rsp + 16 + 8 * (uint64_t)n) != 0)
			bad++;
	}
	T_EXPECT_EQ(bad, 0);
}

T_TEST(too_big_is_e2big_and_bad_top_einval)
{
	static char big[6000];
	const char *argv[] = { big, NULL };
	struct initstack_args a = args(argv, NULL);
	uint64_t rsp;

	memset(big, 'y', sizeof(big) - 1);
	T_EXPECT_EQ(initstack_build(&a, stack, 4096, TOP, &rsp), -LX_E2BIG);
	T_EXPECT_EQ(initstack_build(&a, stack, SIZE, TOP + 8, &rsp), -LX_EINVAL);
	big[3000] = '\0';
	T_EXPECT_EQ(initstack_build(&a, stack, SIZE, TOP, &rsp), 0);
}
