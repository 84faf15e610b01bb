/* virtio_pci.c - kernel: legacy virtio-pci registers, one polled virtqueue */
/* SPDX-License-Identifier: MIT */
#include "arch/mmu.h"
#include "arch/x86_64/portio.h"
#include "drivers/virtio_pci.h"
#include "lib/string.h"
#include "mm/pmm.h"

/* Legacy register offsets (no MSI-X: device config starts at 0x14). */
#define R_DEV_FEATURES	0x00
#define R_DRV_FEATURES	0x04
#define R_QUEUE_PFN	0x08
#define R_QUEUE_SIZE	0x0c
#define R_QUEUE_SEL	0x0e
#define R_QUEUE_NOTIFY	0x10
#define R_STATUS	0x12
#define R_ISR		0x13
#define R_CONFIG	0x14

int
virtio_legacy_open(const struct pci_dev *pd, struct virtio_dev *vd)
{
	if (!pd->bar[0].io || pd->bar[0].base == 0)
		return -1;
	memset(vd, 0, sizeof(*vd));
	vd->io = (uint16_t)pd->bar[0].base;
	pci_enable(pd, PCI_CMD_IO | PCI_CMD_MASTER | PCI_CMD_INTX_OFF);
	outb(vd->io + R_STATUS, 0);
	outb(vd->io + R_STATUS, VIRTIO_STATUS_ACK);
	outb(vd->io + R_STATUS, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER);
	return 0;
}

uint32_t
virtio_features(struct virtio_dev *vd)
{
	return inl(vd->io + R_DEV_FEATURES);
}

uint32_t
virtio_cfg32(struct virtio_dev *vd, unsigned off)
{
	return inl((uint16_t)(vd->io + R_CONFIG + off));
}

static int
setup_queue(struct virtio_dev *vd)
{
	struct virtq *q = &vd->q;
	size_t pages;

	outw(vd->io + R_QUEUE_SEL, 0);
	q->n = inw(vd->io + R_QUEUE_SIZE);
	if (q->n == 0 || (q->n & (q->n - 1)) != 0)
		return -1;
	pages = vring_bytes(q->n) / PAGE_SIZE;
	if ((q->phys = pmm_alloc_pages(pages, 1)) == PMM_NONE)
		return -1;
	memset(phys_to_virt(q->phys), 0, pages * PAGE_SIZE);
	q->desc = phys_to_virt(q->phys);
	q->avail = (volatile uint16_t *)((char *)q->desc + vring_avail_off(q->n));
	q->used = (volatile uint16_t *)((char *)q->desc + vring_used_off(q->n));
	q->avail[0] = 1;	/* VRING_AVAIL_F_NO_INTERRUPT: we poll */
	outl(vd->io + R_QUEUE_PFN, (uint32_t)(q->phys / VRING_ALIGN));
	return 0;
}

int
virtio_start(struct virtio_dev *vd, uint32_t features)
{
	outl(vd->io + R_DRV_FEATURES, features);
	if (setup_queue(vd) != 0) {
		outb(vd->io + R_STATUS, VIRTIO_STATUS_FAILED);
		return -1;
	}
	outb(vd->io + R_STATUS, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_OK);
	return 0;
}

void
virtio_submit_wait(struct virtio_dev *vd, uint16_t head)
{
	struct virtq *q = &vd->q;

	q->avail[2 + vring_slot(q->avail_idx, q->n)] = head;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	q->avail[1] = ++q->avail_idx;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	outw(vd->io + R_QUEUE_NOTIFY, 0);
	/* Polled: QEMU completes the request on its own thread while we spin. */
	while (vring_pending(q->used_seen, q->used[1]) == 0)
		__asm__ volatile("pause" ::: "memory");
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	q->used_seen++;
	(void)inb(vd->io + R_ISR);	/* acknowledge, in case INTx fired */
}
