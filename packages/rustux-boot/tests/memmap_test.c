/* memmap_test.c - host unit tests of the UEFI memory map conversion */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "memmap.h"
#include "t.h"

#define DSIZE 48	/* OVMF's descriptor size: larger than the struct */

static uint8_t map[16 * DSIZE];
static unsigned nmap;

static void
w(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void
desc(uint32_t type, uint64_t base, uint64_t pages, uint64_t attr)
{
	uint8_t *d = map + nmap++ * DSIZE;

	memset(d, 0xee, DSIZE);
	w(d, type, 4);
	w(d + 8, base, 8);
	w(d + 16, 0, 8);
	w(d + 24, pages, 8);
	w(d + 32, attr, 8);
}

T_TEST(types_map_through_one_table)
{
	T_ASSERT(memmap_type(7) == RX_MEM_USABLE);
	T_ASSERT(memmap_type(2) == RX_MEM_LOADER);
	T_ASSERT(memmap_type(4) == RX_MEM_BOOT_SERVICES);
	T_ASSERT(memmap_type(6) == RX_MEM_RUNTIME);
	T_ASSERT(memmap_type(9) == RX_MEM_ACPI_RECLAIM);
	T_ASSERT(memmap_type(10) == RX_MEM_ACPI_NVS);
	T_ASSERT(memmap_type(11) == RX_MEM_MMIO);
	T_ASSERT(memmap_type(8) == RX_MEM_BAD);
	T_ASSERT(memmap_type(MEMMAP_EFI_KERNEL) == RX_MEM_KERNEL);
	T_ASSERT(memmap_type(15) == RX_MEM_RESERVED);
	T_ASSERT(memmap_type(0x70000000) == RX_MEM_RESERVED);
}

T_TEST(sorts_and_merges)
{
	struct rx_mem_range out[16];
	uint32_t n;

	nmap = 0;
	desc(7, 0x200000, 2, 0xf);	/* out of order */
	desc(7, 0x100000, 256, 0xf);	/* merges with the next-higher usable range */
	desc(3, 0x0, 1, 0xf);
	desc(4, 0x1000, 1, 0xf);	/* same RX type as the previous: merged */
	desc(MEMMAP_EFI_KERNEL, 0x202000, 3, 0xf);
	desc(6, 0x300000, 1, 0x800000000000000fULL);
	desc(6, 0x301000, 1, 0xf);	/* different attributes: not merged */
	desc(7, 0x400000, 0, 0xf);	/* empty: dropped */
	n = memmap_convert(map, nmap * DSIZE, DSIZE, out);
	T_ASSERT(n == 5);
	T_ASSERT(out[0].base == 0 && out[0].length == 0x2000 &&
	    out[0].type == RX_MEM_BOOT_SERVICES);
	T_ASSERT(out[1].base == 0x100000 && out[1].length == 0x102000 &&
	    out[1].type == RX_MEM_USABLE);
	T_ASSERT(out[2].base == 0x202000 && out[2].type == RX_MEM_KERNEL);
	T_ASSERT(out[3].type == RX_MEM_RUNTIME && out[4].type == RX_MEM_RUNTIME);
	T_ASSERT(out[3].efi_attribute != out[4].efi_attribute);
}

T_TEST(ignores_partial_descriptor_and_bad_size)
{
	struct rx_mem_range out[16];

	nmap = 0;
	desc(7, 0x100000, 1, 0);
	desc(7, 0x300000, 1, 0);
	T_ASSERT(memmap_convert(map, 2 * DSIZE - 1, DSIZE, out) == 1);
	T_ASSERT(memmap_convert(map, 2 * DSIZE, 39, out) == 0);
	T_ASSERT(memmap_convert(map, 0, DSIZE, out) == 0);
}

int
main(void)
{
	T_RUN(types_map_through_one_table);
	T_RUN(sorts_and_merges);
	T_RUN(ignores_partial_descriptor_and_bad_size);
	return T_DONE();
}
