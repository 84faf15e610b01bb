/* handoff.c - fill struct rx_bootinfo, exit boot services, enter the kernel */
/* SPDX-License-Identifier: MIT */
#include <efi.h>
#include <efilib.h>

#include "console.h"
#include "file.h"
#include "handoff.h"
#include "memmap.h"

#define CMDLINE_MAX	4096
#define INITRD_MAX	(1024u << 20)
#define EBS_TRIES	8
#define MAP_SLACK	32	/* extra descriptors for allocations in between */

/* Where the block lives: bootinfo, then the command line, then the stack. */
#define BLOCK_PAGES	(1 + CMDLINE_MAX / 4096 + HANDOFF_STACK_SIZE / 4096)

struct rx_bootinfo *
handoff_alloc(const char *cmdline)
{
	EFI_PHYSICAL_ADDRESS pa;
	struct rx_bootinfo *bi;
	char *cl;
	UINTN n = 0;

	if (EFI_ERROR(BS->AllocatePages(AllocateAnyPages, EfiLoaderData,
	    BLOCK_PAGES, &pa)))
		return NULL;
	SetMem((void *)(UINTN)pa, BLOCK_PAGES * 4096, 0);
	bi = (struct rx_bootinfo *)(UINTN)pa;
	bi->magic = RX_BOOTINFO_MAGIC;
	bi->version = RX_BOOTINFO_VERSION;
	bi->size = sizeof(*bi);
	cl = (char *)(UINTN)(pa + 4096);
	while (cmdline[n] != '\0' && n + 1 < CMDLINE_MAX) {
		cl[n] = cmdline[n];
		n++;
	}
	cl[n] = '\0';
	bi->cmdline = pa + 4096;
	bi->cmdline_size = (UINT32)(n + 1);
	return bi;
}

static void
fill_gop(struct rx_bootinfo *bi)
{
	EFI_GUID guid = EFI_GRAPHICS_OUTPUT_PROTOCOL_GUID;
	EFI_GRAPHICS_OUTPUT_PROTOCOL *gop;
	EFI_GRAPHICS_OUTPUT_MODE_INFORMATION *mi;

	if (EFI_ERROR(BS->LocateProtocol(&guid, NULL, (void **)&gop)) ||
	    gop->Mode == NULL || gop->Mode->Info == NULL)
		return;
	mi = gop->Mode->Info;
	if (mi->PixelFormat == PixelRedGreenBlueReserved8BitPerColor)
		bi->fb.format = RX_FB_RGBX;
	else if (mi->PixelFormat == PixelBlueGreenRedReserved8BitPerColor)
		bi->fb.format = RX_FB_BGRX;
	else
		return;
	bi->fb.base = gop->Mode->FrameBufferBase;
	bi->fb.size = gop->Mode->FrameBufferSize;
	bi->fb.width = mi->HorizontalResolution;
	bi->fb.height = mi->VerticalResolution;
	bi->fb.pitch = mi->PixelsPerScanLine * 4;
}

static int
guid_eq(const EFI_GUID *a, const EFI_GUID *b)
{
	return CompareMem((void *)a, (void *)b, sizeof(*a)) == 0;
}

static void
fill_acpi(struct rx_bootinfo *bi, EFI_SYSTEM_TABLE *st)
{
	EFI_GUID acpi20 = ACPI_20_TABLE_GUID, acpi10 = ACPI_TABLE_GUID;

	for (UINTN i = 0; i < st->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &st->ConfigurationTable[i];

		if (guid_eq(&t->VendorGuid, &acpi20)) {
			bi->acpi_rsdp = (UINT64)(UINTN)t->VendorTable;
			return;
		}
		if (guid_eq(&t->VendorGuid, &acpi10))
			bi->acpi_rsdp = (UINT64)(UINTN)t->VendorTable;
	}
}

/* Time since reset, from the TSC (it counts from 0 at reset) measured
 * against a 1 ms Stall(); 0 if the TSC looks unusable. */
static UINT64
firmware_ms(UINT64 tsc_start)
{
	UINT64 t0 = rdtsc(), per_ms;

	BS->Stall(1000);
	per_ms = rdtsc() - t0;
	if (per_ms == 0 || tsc_start / per_ms > 3600 * 1000)
		return 0;
	return tsc_start / per_ms;
}

void
handoff_fill(struct rx_bootinfo *bi, EFI_SYSTEM_TABLE *st,
    const struct kernel_image *k)
{
	bi->firmware_ms = firmware_ms(bi->tsc_loader_start);
	fill_gop(bi);
	fill_acpi(bi, st);
	bi->efi_system_table = (UINT64)(UINTN)st;
	bi->efi_runtime_services = (UINT64)(UINTN)st->RuntimeServices;
	bi->kernel_phys_base = k->base;
	bi->kernel_phys_size = k->size;
}

void
handoff_initrd(struct rx_bootinfo *bi, EFI_FILE_HANDLE root)
{
	EFI_STATUS st;
	void *buf;
	UINTN len;

	st = file_read(root, L"EFI\\Rustux\\initrd", INITRD_MAX, EfiLoaderData,
	    &buf, &len);
	if (st == EFI_NOT_FOUND)
		return;
	if (EFI_ERROR(st)) {
		con_printf("rustux-boot: initrd: cannot read (status %lx); booting without it\n",
		    (UINT64)st);
		return;
	}
	bi->initrd_base = (UINT64)(UINTN)buf;
	bi->initrd_size = len;
	con_printf("rustux-boot: initrd: %lu bytes at 0x%lx\n", (UINT64)len,
	    bi->initrd_base);
}

static void __attribute__((noreturn))
jump(UINT64 entry, UINT64 bootinfo, UINT64 stack_top)
{
	__asm__ volatile(
	    "cli\n\t"
	    "mov %0, %%rsp\n\t"
	    "xor %%ebp, %%ebp\n\t"
	    "call *%2\n"
	    "1:\thlt\n\t"
	    "jmp 1b"
	    : : "r"(stack_top), "D"(bootinfo), "r"(entry) : "memory");
	__builtin_unreachable();
}

EFI_STATUS
handoff_enter(EFI_HANDLE image, struct rx_bootinfo *bi,
    const struct kernel_image *k)
{
	UINTN size = 0, key, dsize, cap, pages;
	EFI_PHYSICAL_ADDRESS mpa, rpa;
	EFI_STATUS st;
	UINT32 dver;
	UINT8 *map;

	st = BS->GetMemoryMap(&size, NULL, &key, &dsize, &dver);
	if (st != EFI_BUFFER_TOO_SMALL)
		return st;
	cap = size + MAP_SLACK * dsize;
	pages = (cap + 4095) / 4096;
	if (EFI_ERROR((st = BS->AllocatePages(AllocateAnyPages, EfiLoaderData,
	    pages, &mpa))))
		return st;
	if (EFI_ERROR((st = BS->AllocatePages(AllocateAnyPages, EfiLoaderData,
	    (cap / dsize * sizeof(struct rx_mem_range) + 4095) / 4096, &rpa))))
		return st;
	map = (UINT8 *)(UINTN)mpa;
	bi->mem_map = rpa;
	con_printf("rustux-boot: entering kernel at 0x%lx (bootinfo 0x%lx)\n",
	    k->entry_pa, (UINT64)(UINTN)bi);
	con_serial_only();
	for (int attempt = 1; attempt <= EBS_TRIES; attempt++) {
		size = cap;
		st = BS->GetMemoryMap(&size, (EFI_MEMORY_DESCRIPTOR *)map, &key,
		    &dsize, &dver);
		if (EFI_ERROR(st))
			return st;
		bi->mem_map_count = memmap_convert(map, size, dsize,
		    (struct rx_mem_range *)(UINTN)rpa);
		bi->tsc_loader_exit = rdtsc();
		st = BS->ExitBootServices(image, key);
		if (st == EFI_SUCCESS) {
			con_printf("rustux-boot: handing over to the kernel\n");
			jump(k->entry_pa, (UINT64)(UINTN)bi,
			    (UINT64)(UINTN)bi + BLOCK_PAGES * 4096);
		}
		con_printf("rustux-boot: ExitBootServices attempt %d: map key changed, retrying\n",
		    attempt);
	}
	return st;
}
