/* virtio_blk.c - kernel: virtio-blk disks over the legacy PCI transport, polled */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "arch/mmu.h"
#include "drivers/blkdev.h"
#include "drivers/virtio_pci.h"
#include "kernel/printk.h"
#include "lib/kalloc.h"
#include "lib/string.h"
#include "mm/pmm.h"

#define VBLK_T_IN	0u
#define VBLK_T_OUT	1u
#define VBLK_T_FLUSH	4u
#define VBLK_F_FLUSH	(1u << 9)

#define VBLK_BOUNCE_PAGES 16u	/* 64 KiB per request */

struct vblk_req {
	uint32_t	type;
	uint32_t	reserved;
	uint64_t	sector;
};

/* One disk: its transport and a DMA page holding header, status and the bounce buffer. */
struct vblk {
	struct virtio_dev	 vd;
	uint64_t		 dma;	/* [0] header, [16] status; data in bounce */
	uint64_t		 bounce;
	uint32_t		 features;
};

static void
set_desc(struct vring_desc *d, uint64_t pa, uint32_t len, uint16_t flags, uint16_t next)
{
	d->addr = pa;
	d->len = len;
	d->flags = flags;
	d->next = next;
}

/* Sends one request: header, optional data, status. 0 or -LX_EIO. */
static int
request(struct vblk *b, uint32_t type, uint64_t lba, uint32_t bytes, int dev_writes)
{
	struct vblk_req *h = phys_to_virt(b->dma);
	volatile uint8_t *status = (uint8_t *)h + 16;
	struct vring_desc *d = b->vd.q.desc;

	h->type = type;
	h->reserved = 0;
	h->sector = lba;
	*status = 0xff;
	if (bytes != 0) {
		set_desc(&d[0], b->dma, sizeof(*h), VRING_DESC_F_NEXT, 1);
		set_desc(&d[1], b->bounce, bytes,
		    VRING_DESC_F_NEXT | (dev_writes ? VRING_DESC_F_WRITE : 0), 2);
		set_desc(&d[2], b->dma + 16, 1, VRING_DESC_F_WRITE, 0);
	} else {
		set_desc(&d[0], b->dma, sizeof(*h), VRING_DESC_F_NEXT, 1);
		set_desc(&d[1], b->dma + 16, 1, VRING_DESC_F_WRITE, 0);
	}
	virtio_submit_wait(&b->vd, 0);
	return *status == 0 ? 0 : -LX_EIO;
}

static int
vblk_rw(void *ctx, int write, uint64_t lba, void *buf, uint32_t count)
{
	struct vblk *b = ctx;
	uint32_t bytes = count * BLKDEV_SECTOR;
	int rc;

	if (write)
		memcpy(phys_to_virt(b->bounce), buf, bytes);
	rc = request(b, write ? VBLK_T_OUT : VBLK_T_IN, lba, bytes, !write);
	if (rc == 0 && !write)
		memcpy(buf, phys_to_virt(b->bounce), bytes);
	return rc;
}

static int
vblk_flush(void *ctx)
{
	struct vblk *b = ctx;

	if (!(b->features & VBLK_F_FLUSH))
		return 0;
	return request(b, VBLK_T_FLUSH, 0, 0, 0);
}

static const struct blkdev_ops vblk_ops = {
	vblk_rw, vblk_flush, VBLK_BOUNCE_PAGES * PAGE_SIZE / BLKDEV_SECTOR,
};

static int
is_virtio_blk(const struct pci_dev *pd)
{
	return pd->vendor == VIRTIO_VENDOR && pd->device == 0x1001;	/* transitional block */
}

static void
probe(const struct pci_dev *pd)
{
	struct vblk *b;
	uint64_t sectors;

	if ((b = kzalloc(sizeof(*b))) == NULL)
		return;
	if (virtio_legacy_open(pd, &b->vd) != 0) {
		klog(KLOG_WARN, "virtio-blk: %02x:%02x.%x has no legacy I/O BAR\n",
		    pd->bus, pd->dev, pd->fn);
		kfree(b);
		return;
	}
	b->features = virtio_features(&b->vd) & VBLK_F_FLUSH;
	b->dma = pmm_alloc_page();
	b->bounce = pmm_alloc_pages(VBLK_BOUNCE_PAGES, 1);
	if (b->dma == PMM_NONE || b->bounce == PMM_NONE || virtio_start(&b->vd, b->features) != 0) {
		klog(KLOG_WARN, "virtio-blk: cannot start %02x:%02x.%x\n", pd->bus, pd->dev, pd->fn);
		return;
	}
	sectors = virtio_cfg32(&b->vd, 0) | (uint64_t)virtio_cfg32(&b->vd, 4) << 32;
	blkdev_add("vd", sectors, &vblk_ops, b);
}

void
virtio_blk_probe(void)
{
	const struct pci_dev *pd;

	pci_scan();
	for (unsigned i = 0; (pd = pci_get(i)) != NULL; i++)
		if (is_virtio_blk(pd))
			probe(pd);
}
