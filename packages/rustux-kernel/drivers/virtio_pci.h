/* virtio_pci.h - kernel: the legacy virtio-pci transport (I/O BAR 0) */
/* SPDX-License-Identifier: MIT */
/*
 * QEMU's virtio-*-pci devices on the q35 root bus are transitional: BAR 0
 * is the legacy I/O register block. This transport drives that block; it
 * is the simplest one that works on QEMU (the modern capability-based
 * transport is not implemented). One virtqueue per device is set up.
 */
#ifndef RUSTUX_DRIVERS_VIRTIO_PCI_H
#define RUSTUX_DRIVERS_VIRTIO_PCI_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/pci.h"
#include "drivers/virtio_ring.h"

#define VIRTIO_VENDOR		0x1af4
#define VIRTIO_STATUS_ACK	1u
#define VIRTIO_STATUS_DRIVER	2u
#define VIRTIO_STATUS_OK	4u
#define VIRTIO_STATUS_FAILED	128u

struct virtq {
	unsigned		 n;
	struct vring_desc	*desc;
	volatile uint16_t	*avail;		/* flags, idx, ring[n] */
	volatile uint16_t	*used;		/* flags, idx, then elems */
	uint16_t		 avail_idx;
	uint16_t		 used_seen;
	uint64_t		 phys;
};

struct virtio_dev {
	uint16_t	io;	/* legacy register block */
	struct virtq	q;
};

/* Resets the device and acknowledges it; -1 without a legacy I/O BAR. */
int	 virtio_legacy_open(const struct pci_dev *pd, struct virtio_dev *vd);
uint32_t virtio_features(struct virtio_dev *vd);
/* Accepts features, sets up queue 0 and sets DRIVER_OK. 0 or -1. */
int	 virtio_start(struct virtio_dev *vd, uint32_t features);
/* Device configuration space, byte offset off. */
uint32_t virtio_cfg32(struct virtio_dev *vd, unsigned off);
/* Posts the chain starting at descriptor head and waits (polling) for it to complete. */
void	 virtio_submit_wait(struct virtio_dev *vd, uint16_t head);

#endif
