/* virtio_ring.h - kernel: the split virtqueue's layout and index arithmetic (pure) */
/* SPDX-License-Identifier: MIT */
/*
 * A legacy (virtio 0.9.5) split ring of n descriptors lives in one
 * physically contiguous area: the descriptor table (16 n bytes), the
 * driver's avail ring (6 + 2 n bytes), padding to VRING_ALIGN, then the
 * device's used ring (6 + 8 n bytes). Indexes are free-running 16-bit
 * counters; slots are index % n (n is a power of two).
 */
#ifndef RUSTUX_DRIVERS_VIRTIO_RING_H
#define RUSTUX_DRIVERS_VIRTIO_RING_H

#include <stddef.h>
#include <stdint.h>

#define VRING_ALIGN		4096u
#define VRING_DESC_F_NEXT	1u
#define VRING_DESC_F_WRITE	2u

struct vring_desc {
	uint64_t	addr;
	uint32_t	len;
	uint16_t	flags;
	uint16_t	next;
};

struct vring_used_elem {
	uint32_t	id;
	uint32_t	len;
};

static inline size_t
vring_align_up(size_t x, size_t a)
{
	return (x + a - 1) & ~(a - 1);
}

/* Byte offset of the avail ring (flags, idx, ring[n], used_event). */
static inline size_t
vring_avail_off(unsigned n)
{
	return (size_t)16 * n;
}

/* Byte offset of the used ring (flags, idx, ring[n], avail_event). */
static inline size_t
vring_used_off(unsigned n)
{
	return vring_align_up(vring_avail_off(n) + 6 + (size_t)2 * n, VRING_ALIGN);
}

/* Total bytes of the ring area. */
static inline size_t
vring_bytes(unsigned n)
{
	return vring_used_off(n) + vring_align_up(6 + (size_t)8 * n, VRING_ALIGN);
}

/* Used entries the device has added since the driver last looked (wraps at 2^16). */
static inline uint16_t
vring_pending(uint16_t last_seen, uint16_t used_idx)
{
	return (uint16_t)(used_idx - last_seen);
}

/* The ring slot of a free-running index. */
static inline unsigned
vring_slot(uint16_t idx, unsigned n)
{
	return idx & (n - 1);
}

#endif
