/* bootinfo_test.c - kernel unit tests: boot/bootinfo.c, checking the loader handoff */
/* SPDX-License-Identifier: MIT */
#include "boot/bootinfo.h"
#include "t.h"

static struct rx_bootinfo
good(void)
{
	struct rx_bootinfo bi;

	memset(&bi, 0, sizeof(bi));
	bi.magic = RX_BOOTINFO_MAGIC;
	bi.version = RX_BOOTINFO_VERSION;
	bi.size = sizeof(bi);
	bi.mem_map = 0x1000;
	bi.mem_map_count = 10;
	bi.slot = RX_SLOT_A;
	return bi;
}

T_TEST(bootinfo_accepts_a_good_handoff)
{
	struct rx_bootinfo bi = good();

	T_EXPECT(bootinfo_check(&bi) == NULL);
	bi.slot = 0;
	T_EXPECT(bootinfo_check(&bi) == NULL);
}

T_TEST(bootinfo_rejects_each_bad_field)
{
	struct rx_bootinfo bi;

	T_EXPECT_STR_EQ(bootinfo_check(NULL), "no boot information");
	bi = good(); bi.magic ^= 1;
	T_EXPECT_STR_EQ(bootinfo_check(&bi), "bad magic");
	bi = good(); bi.size = 16;
	T_EXPECT_STR_EQ(bootinfo_check(&bi), "structure too small");
	bi = good(); bi.mem_map_count = 0;
	T_EXPECT_STR_EQ(bootinfo_check(&bi), "no memory map");
	bi = good(); bi.mem_map_count = 100000;
	T_EXPECT_STR_EQ(bootinfo_check(&bi), "memory map too long");
	bi = good(); bi.slot = 'c';
	T_EXPECT_STR_EQ(bootinfo_check(&bi), "bad slot letter");
	bi = good(); bi.cmdline = 0x2000; bi.cmdline_size = 0;
	T_EXPECT_STR_EQ(bootinfo_check(&bi), "bad command line size");
}

T_TEST(bootinfo_names_memory_types)
{
	T_EXPECT_STR_EQ(bootinfo_mem_type_name(RX_MEM_USABLE), "usable");
	T_EXPECT_STR_EQ(bootinfo_mem_type_name(RX_MEM_LOADER), "loader");
	T_EXPECT_STR_EQ(bootinfo_mem_type_name(0), "?");
	T_EXPECT_STR_EQ(bootinfo_mem_type_name(999), "?");
}
