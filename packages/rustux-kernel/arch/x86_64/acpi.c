/* acpi.c - kernel x86_64: the ACPI tables the core needs: RSDP -> XSDT/RSDT -> MADT, HPET */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "arch/mmu.h"
#include "kernel/printk.h"
#include "lib/string.h"
#include "x86.h"

#define MAX_IOAPICS	4

struct sdt_header {
	char signature[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __attribute__((packed));

struct rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt;
	uint32_t length;
	uint64_t xsdt;
	uint8_t ext_checksum;
	uint8_t reserved[3];
} __attribute__((packed));

static struct {
	uint64_t lapic;
	uint64_t hpet;
	unsigned nioapic;
	uint64_t ioapic_base[MAX_IOAPICS];
	uint32_t ioapic_gsi[MAX_IOAPICS];
	unsigned ncpus;
	uint32_t isa_gsi[16];		/* ISA IRQ -> GSI (identity unless overridden) */
	uint16_t isa_flags[16];		/* MPS INTI flags: polarity bits 0-1, trigger 2-3 */
} acpi = {
	.isa_gsi = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
};

static int
checksum_ok(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (n-- > 0) {
		sum += *b++;
	}
	return sum == 0;
}

static void
parse_madt(const struct sdt_header *h)
{
	const uint8_t *p = (const uint8_t *)h + sizeof(*h) + 8;
	const uint8_t *end = (const uint8_t *)h + h->length;
	uint32_t lapic32;

	memcpy(&lapic32, (const uint8_t *)h + sizeof(*h), 4);
	acpi.lapic = lapic32;
	while (p + 2 <= end && p[1] >= 2 && p + p[1] <= end) {
		switch (p[0]) {
		case 0:		/* processor local APIC */
			if (p[1] >= 8 && (p[4] & 1)) {
				acpi.ncpus++;
			}
			break;
		case 1:		/* I/O APIC */
			if (p[1] >= 12 && acpi.nioapic < MAX_IOAPICS) {
				uint32_t a, g;

				memcpy(&a, p + 4, 4);
				memcpy(&g, p + 8, 4);
				acpi.ioapic_base[acpi.nioapic] = a;
				acpi.ioapic_gsi[acpi.nioapic++] = g;
			}
			break;
		case 2:		/* interrupt source override (ISA IRQ -> GSI) */
			if (p[1] >= 10 && p[2] == 0 && p[3] < 16) {
				memcpy(&acpi.isa_gsi[p[3]], p + 4, 4);
				memcpy(&acpi.isa_flags[p[3]], p + 8, 2);
			}
			break;
		case 5:		/* local APIC address override */
			if (p[1] >= 12) {
				memcpy(&acpi.lapic, p + 4, 8);
			}
			break;
		}
		p += p[1];
	}
}

static void
parse_table(uint64_t phys)
{
	const struct sdt_header *h = phys_to_virt(phys);

	if (h->length < sizeof(*h) || !checksum_ok(h, h->length)) {
		klog(KLOG_WARN, "acpi: table at %#llx has a bad checksum, ignored\n",
		    (unsigned long long)phys);
		return;
	}
	if (memcmp(h->signature, "APIC", 4) == 0) {
		parse_madt(h);
	} else if (memcmp(h->signature, "HPET", 4) == 0 && h->length >= 52) {
		memcpy(&acpi.hpet, (const uint8_t *)h + 44, 8);
	}
}

int
acpi_init(uint64_t rsdp_phys)
{
	const struct rsdp *r;
	const struct sdt_header *root;
	int xsdt;
	size_t entry, n;

	if (rsdp_phys == 0) {
		return -1;
	}
	r = phys_to_virt(rsdp_phys);
	if (memcmp(r->signature, "RSD PTR ", 8) != 0 || !checksum_ok(r, 20)) {
		return -1;
	}
	xsdt = r->revision >= 2 && r->xsdt != 0;
	root = phys_to_virt(xsdt ? r->xsdt : r->rsdt);
	if (!checksum_ok(root, root->length)) {
		return -1;
	}
	entry = xsdt ? 8 : 4;
	n = (root->length - sizeof(*root)) / entry;
	for (size_t i = 0; i < n; i++) {
		uint64_t t = 0;

		memcpy(&t, (const uint8_t *)root + sizeof(*root) + i * entry, entry);
		parse_table(t);
	}
	klog(KLOG_INFO, "acpi: %s, %u cpu(s), lapic %#llx, %u ioapic(s), hpet %#llx\n",
	    xsdt ? "xsdt" : "rsdt", acpi.ncpus, (unsigned long long)acpi.lapic,
	    acpi.nioapic, (unsigned long long)acpi.hpet);
	return 0;
}

uint64_t
acpi_lapic_base(void)
{
	return acpi.lapic;
}

uint64_t
acpi_hpet_base(void)
{
	return acpi.hpet;
}

int
acpi_ioapic(unsigned i, uint64_t *base, uint32_t *gsi_base)
{
	if (i >= acpi.nioapic) {
		return -1;
	}
	*base = acpi.ioapic_base[i];
	*gsi_base = acpi.ioapic_gsi[i];
	return 0;
}

int
acpi_isa_irq(unsigned irq, uint32_t *gsi, uint16_t *flags)
{
	if (irq >= 16) {
		return -1;
	}
	*gsi = acpi.isa_gsi[irq];
	*flags = acpi.isa_flags[irq];
	return 0;
}
