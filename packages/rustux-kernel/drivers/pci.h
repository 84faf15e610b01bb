/* pci.h - kernel: PCI configuration space (ports 0xCF8/0xCFC), enumeration, BARs, capabilities */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_DRIVERS_PCI_H
#define RUSTUX_DRIVERS_PCI_H

#include <stdint.h>

#define PCI_MAX_DEVS	64

#define PCI_CMD_IO	0x1u
#define PCI_CMD_MEM	0x2u
#define PCI_CMD_MASTER	0x4u
#define PCI_CMD_INTX_OFF 0x400u

/* One BAR: base (I/O port or physical address), kind. */
struct pci_bar {
	uint64_t	base;
	uint8_t		io;	/* I/O space */
	uint8_t		is64;	/* a 64-bit memory BAR (takes two slots) */
};

struct pci_dev {
	uint8_t		bus, dev, fn;
	uint16_t	vendor, device;
	uint8_t		class, subclass, progif;
	uint8_t		irq_line;
	struct pci_bar	bar[6];
};

uint32_t pci_read32(const struct pci_dev *d, uint8_t off);
uint16_t pci_read16(const struct pci_dev *d, uint8_t off);
uint8_t	 pci_read8(const struct pci_dev *d, uint8_t off);
void	 pci_write32(const struct pci_dev *d, uint8_t off, uint32_t v);
void	 pci_write16(const struct pci_dev *d, uint8_t off, uint16_t v);
/* Scans every bus once (later calls reuse the result); returns the device count. */
unsigned pci_scan(void);
/* The i-th device found, or NULL. */
const struct pci_dev *pci_get(unsigned i);
/* Offset of the first capability with this id at or after the one at from (0: start), or 0. */
uint8_t	 pci_find_cap(const struct pci_dev *d, uint8_t id, uint8_t from);
/* Sets bits in the command register. */
void	 pci_enable(const struct pci_dev *d, uint16_t bits);

#endif
