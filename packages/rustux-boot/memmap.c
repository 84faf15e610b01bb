/* memmap.c - UEFI memory map to struct rx_mem_range[] (pure C, host-tested) */
/* SPDX-License-Identifier: MIT */
#include "memmap.h"

/* UEFI memory type -> RX_MEM_*, one row each (UEFI 2.x table 7-6). */
static const uint32_t types[] = {
	[0] = RX_MEM_RESERVED,		/* EfiReservedMemoryType */
	[1] = RX_MEM_LOADER,		/* EfiLoaderCode */
	[2] = RX_MEM_LOADER,		/* EfiLoaderData */
	[3] = RX_MEM_BOOT_SERVICES,	/* EfiBootServicesCode */
	[4] = RX_MEM_BOOT_SERVICES,	/* EfiBootServicesData */
	[5] = RX_MEM_RUNTIME,		/* EfiRuntimeServicesCode */
	[6] = RX_MEM_RUNTIME,		/* EfiRuntimeServicesData */
	[7] = RX_MEM_USABLE,		/* EfiConventionalMemory */
	[8] = RX_MEM_BAD,		/* EfiUnusableMemory */
	[9] = RX_MEM_ACPI_RECLAIM,	/* EfiACPIReclaimMemory */
	[10] = RX_MEM_ACPI_NVS,		/* EfiACPIMemoryNVS */
	[11] = RX_MEM_MMIO,		/* EfiMemoryMappedIO */
	[12] = RX_MEM_MMIO,		/* EfiMemoryMappedIOPortSpace */
	[13] = RX_MEM_RESERVED,		/* EfiPalCode */
	[14] = RX_MEM_RESERVED,		/* EfiPersistentMemory */
};

uint32_t
memmap_type(uint32_t efi)
{
	if (efi == MEMMAP_EFI_KERNEL)
		return RX_MEM_KERNEL;
	if (efi < sizeof(types) / sizeof(types[0]))
		return types[efi];
	return RX_MEM_RESERVED;
}

static uint64_t
rd(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = (v << 8) | p[n];
	return v;
}

/* EFI_MEMORY_DESCRIPTOR: Type u32, pad, PhysicalStart u64 @8,
 * VirtualStart u64 @16, NumberOfPages u64 @24, Attribute u64 @32. */
static struct rx_mem_range
read_desc(const uint8_t *d)
{
	struct rx_mem_range r = {
		.base = rd(d + 8, 8),
		.length = rd(d + 24, 8) << 12,
		.type = memmap_type((uint32_t)rd(d, 4)),
		.reserved = 0,
		.efi_attribute = rd(d + 32, 8),
	};

	return r;
}

static uint32_t
merge(struct rx_mem_range *out, uint32_t n)
{
	uint32_t w = 0;

	if (n == 0)
		return 0;
	for (uint32_t i = 1; i < n; i++) {
		if (out[w].type == out[i].type &&
		    out[w].efi_attribute == out[i].efi_attribute &&
		    out[w].base + out[w].length == out[i].base) {
			out[w].length += out[i].length;
			continue;
		}
		out[++w] = out[i];
	}
	return w + 1;
}

uint32_t
memmap_convert(const void *map, size_t size, size_t dsize, struct rx_mem_range *out)
{
	const uint8_t *m = map;
	uint32_t n = 0;

	if (dsize < 40)
		return 0;
	for (size_t off = 0; off + dsize <= size; off += dsize) {
		struct rx_mem_range r = read_desc(m + off);
		uint32_t i = n;

		if (r.length == 0)
			continue;
		while (i > 0 && out[i - 1].base > r.base) {
			out[i] = out[i - 1];
			i--;
		}
		out[i] = r;
		n++;
	}
	return merge(out, n);
}
