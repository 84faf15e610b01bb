/* efi.c - kernel x86_64: UEFI runtime SetVariable in physical mode */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "abi/bootinfo.h"
#include "arch/cpu.h"
#include "arch/efi.h"
#include "arch/mmu.h"
#include "x86.h"

#define EFI_RT_SIGNATURE	0x56524553544e5552ULL	/* "RUNTSERV" */
#define RT_SET_VARIABLE		88	/* byte offset in EFI_RUNTIME_SERVICES */

typedef uint64_t (__attribute__((ms_abi)) *efi_set_variable_fn)(const uint16_t *name,
    const void *guid, uint32_t attrs, uint64_t size, const void *data);

extern uint64_t boot_pdpt_low[];
uint64_t paging_set_low_identity(uint64_t entry);

static uint64_t runtime_phys;

void
arch_efi_init(const struct rx_bootinfo *bi)
{
	runtime_phys = bi->efi_runtime_services;
}

/*
 * The firmware was never told about virtual addresses (no
 * SetVirtualAddressMap), so its runtime code expects the identity map:
 * PML4 slot 0 gets the boot identity map of [0, 4 GiB) for the call.
 */
int64_t
arch_efi_set_variable(const uint16_t *name, const void *guid, uint32_t attrs,
    size_t size, const void *data)
{
	const uint64_t *rt;
	efi_set_variable_fn fn;
	unsigned long irq;
	uint64_t old, status, cr3;

	if (runtime_phys == 0 || runtime_phys >= 0x100000000ULL) {
		return -1;
	}
	rt = phys_to_virt(runtime_phys);
	if (rt[0] != EFI_RT_SIGNATURE) {
		return -1;
	}
	fn = (efi_set_variable_fn)rt[RT_SET_VARIABLE / 8];
	if (fn == NULL || (uint64_t)fn >= 0x100000000ULL) {
		return -1;
	}
	/* Whatever address space is current (a process's, later) comes back after the call. */
	irq = arch_irq_save();
	cr3 = read_cr3();
	old = paging_set_low_identity(((uint64_t)boot_pdpt_low - KERNEL_VMA) | 0x3);
	status = fn(name, guid, attrs, size, data);
	paging_set_low_identity(old);
	write_cr3(cr3);
	arch_irq_restore(irq);
	return (int64_t)status;
}
