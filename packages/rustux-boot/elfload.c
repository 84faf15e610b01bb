/* elfload.c - load a validated ELF64 kernel at its physical addresses */
/* SPDX-License-Identifier: MIT */
#include <efi.h>
#include <efilib.h>

#include "console.h"
#include "elfload.h"
#include "file.h"
#include "lib/elf.h"

static char why[160];

static const char *
fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	con_vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return why;
}

/* Copy every PT_LOAD into the pages already allocated at k->base. */
static void
copy_segments(const UINT8 *file, const struct elf_image *e,
    const struct kernel_image *k)
{
	SetMem((void *)(UINTN)k->base, k->size, 0);
	for (UINT32 i = 0; i < e->nload; i++) {
		const struct elf_segment *s = &e->load[i];

		CopyMem((void *)(UINTN)s->paddr, (void *)(file + s->offset),
		    s->filesz);
	}
}

/* Say which firmware allocation sits where the kernel wants to go. */
static void
explain_busy(UINT64 base, UINT64 size)
{
	UINTN n, key, dsize;
	UINT32 dver;
	UINT8 *map = (UINT8 *)LibMemoryMap(&n, &key, &dsize, &dver);

	for (UINTN i = 0; map != NULL && i < n; i++) {
		EFI_MEMORY_DESCRIPTOR *d = (void *)(map + i * dsize);
		UINT64 end = d->PhysicalStart + d->NumberOfPages * 4096;

		if (d->PhysicalStart < base + size && base < end &&
		    d->Type != EfiConventionalMemory)
			con_printf("rustux-boot: in use: 0x%lx-0x%lx (UEFI type %u)\n",
			    d->PhysicalStart, end, d->Type);
	}
	if (map != NULL)
		FreePool(map);
}

static const char *
place(const UINT8 *file, UINTN len, struct kernel_image *k)
{
	static struct elf_image e;
	EFI_PHYSICAL_ADDRESS pa;
	EFI_STATUS st;
	int err;

	err = elf_parse(file, len, ELF_EM_X86_64, &e);
	if (err != ELF_OK)
		return fail("kernel.elf: %s", elf_strerror(err));
	k->base = e.pmin & ~0xfffULL;
	k->size = ((e.pmax + 0xfff) & ~0xfffULL) - k->base;
	if (k->base == 0 || k->size > KERNEL_MAX_SIZE * 4ULL)
		return fail("kernel.elf: physical range %lx-%lx not loadable",
		    e.pmin, e.pmax);
	if (elf_virt_to_phys(&e, e.entry, &k->entry_pa) != 0)
		return fail("kernel.elf: entry %lx not mapped", e.entry);
	pa = k->base;
	st = BS->AllocatePages(AllocateAddress, RX_EFI_KERNEL_MEMORY,
	    k->size / 4096, &pa);
	if (EFI_ERROR(st)) {
		explain_busy(k->base, k->size);
		return fail("kernel.elf: physical range %lx-%lx is not free",
		    k->base, k->base + k->size);
	}
	copy_segments(file, &e, k);
	return NULL;
}

const char *
elf_load_kernel(EFI_FILE_HANDLE root, char slot, struct kernel_image *k)
{
	CHAR16 path[] = L"EFI\\Rustux\\slot-a\\kernel.elf";
	const char *err;
	EFI_STATUS st;
	void *buf;
	UINTN len;

	path[16] = (CHAR16)slot;
	st = file_read(root, path, KERNEL_MAX_SIZE, EfiLoaderData, &buf, &len);
	if (st == EFI_NOT_FOUND)
		return fail("kernel.elf: missing");
	if (st == EFI_BAD_BUFFER_SIZE)
		return fail("kernel.elf: larger than %u MiB", KERNEL_MAX_SIZE >> 20);
	if (EFI_ERROR(st))
		return fail("kernel.elf: read error %lx", (UINT64)st);
	err = place(buf, len, k);
	file_free(buf, len);
	return err;
}
