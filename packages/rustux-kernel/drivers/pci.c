/* pci.c - kernel: PCI enumeration over the legacy configuration ports */
/* SPDX-License-Identifier: MIT */
#include "drivers/pci.h"
#include "arch/x86_64/portio.h"
#include "kernel/printk.h"

#define PCI_ADDR	0xcf8
#define PCI_DATA	0xcfc

static struct pci_dev devs[PCI_MAX_DEVS];
static unsigned ndevs;
static int scanned;

static uint32_t
addr(const struct pci_dev *d, uint8_t off)
{
	return 0x80000000u | (uint32_t)d->bus << 16 | (uint32_t)d->dev << 11 |
	    (uint32_t)d->fn << 8 | (off & 0xfcu);
}

uint32_t
pci_read32(const struct pci_dev *d, uint8_t off)
{
	outl(PCI_ADDR, addr(d, off));
	return inl(PCI_DATA);
}

uint16_t
pci_read16(const struct pci_dev *d, uint8_t off)
{
	return (uint16_t)(pci_read32(d, off) >> ((off & 2) * 8));
}

uint8_t
pci_read8(const struct pci_dev *d, uint8_t off)
{
	return (uint8_t)(pci_read32(d, off) >> ((off & 3) * 8));
}

void
pci_write32(const struct pci_dev *d, uint8_t off, uint32_t v)
{
	outl(PCI_ADDR, addr(d, off));
	outl(PCI_DATA, v);
}

void
pci_write16(const struct pci_dev *d, uint8_t off, uint16_t v)
{
	uint32_t w = pci_read32(d, off);
	unsigned sh = (off & 2) * 8;

	w = (w & ~(0xffffu << sh)) | (uint32_t)v << sh;
	pci_write32(d, off, w);
}

/* Reads the six BARs of a type 0 header; a 64-bit BAR fills its slot and skips the next. */
static void
read_bars(struct pci_dev *d)
{
	for (unsigned i = 0; i < 6; i++) {
		uint32_t lo = pci_read32(d, (uint8_t)(0x10 + 4 * i));

		if (lo & 1) {
			d->bar[i].io = 1;
			d->bar[i].base = lo & ~3u;
		} else if (((lo >> 1) & 3) == 2 && i < 5) {
			d->bar[i].is64 = 1;
			d->bar[i].base = (lo & ~0xfu) |
			    (uint64_t)pci_read32(d, (uint8_t)(0x14 + 4 * i)) << 32;
			i++;
		} else {
			d->bar[i].base = lo & ~0xfu;
		}
	}
}

static void
add(uint8_t bus, uint8_t dev, uint8_t fn, uint32_t id)
{
	struct pci_dev *d;
	uint32_t cls;

	if (ndevs == PCI_MAX_DEVS)
		return;
	d = &devs[ndevs++];
	d->bus = bus, d->dev = dev, d->fn = fn;
	d->vendor = (uint16_t)id;
	d->device = (uint16_t)(id >> 16);
	cls = pci_read32(d, 0x08);
	d->class = (uint8_t)(cls >> 24);
	d->subclass = (uint8_t)(cls >> 16);
	d->progif = (uint8_t)(cls >> 8);
	d->irq_line = pci_read8(d, 0x3c);
	if ((pci_read8(d, 0x0e) & 0x7f) == 0)
		read_bars(d);
	klog(KLOG_INFO, "pci: %02x:%02x.%x %04x:%04x class %02x%02x\n", bus, dev, fn,
	    d->vendor, d->device, d->class, d->subclass);
}

static void
scan_slot(uint8_t bus, uint8_t dev)
{
	struct pci_dev probe = { .bus = bus, .dev = dev };
	uint32_t id = pci_read32(&probe, 0);
	unsigned nfn;

	if ((id & 0xffff) == 0xffff)
		return;
	nfn = (pci_read8(&probe, 0x0e) & 0x80) ? 8 : 1;
	for (unsigned fn = 0; fn < nfn; fn++) {
		probe.fn = (uint8_t)fn;
		id = pci_read32(&probe, 0);
		if ((id & 0xffff) != 0xffff)
			add(bus, dev, (uint8_t)fn, id);
	}
}

unsigned
pci_scan(void)
{
	if (scanned)
		return ndevs;
	scanned = 1;
	for (unsigned bus = 0; bus < 256; bus++)
		for (unsigned dev = 0; dev < 32; dev++)
			scan_slot((uint8_t)bus, (uint8_t)dev);
	return ndevs;
}

const struct pci_dev *
pci_get(unsigned i)
{
	return i < ndevs ? &devs[i] : 0;
}

uint8_t
pci_find_cap(const struct pci_dev *d, uint8_t id, uint8_t from)
{
	uint8_t p;
	unsigned guard = 0;

	if (!(pci_read16(d, 0x06) & 0x10))
		return 0;
	p = from != 0 ? pci_read8(d, (uint8_t)(from + 1)) : pci_read8(d, 0x34);
	while ((p &= 0xfc) != 0 && guard++ < 48) {
		if (pci_read8(d, p) == id)
			return p;
		p = pci_read8(d, (uint8_t)(p + 1));
	}
	return 0;
}

void
pci_enable(const struct pci_dev *d, uint16_t bits)
{
	pci_write16(d, 0x04, pci_read16(d, 0x04) | bits);
}
