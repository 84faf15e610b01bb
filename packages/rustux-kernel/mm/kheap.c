/* kheap.c - kernel: the kernel heap: lib/slab over pmm pages reached through the direct map */
/* SPDX-License-Identifier: MIT */
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "kernel/printk.h"
#include "mm/kheap.h"
#include "mm/pmm.h"

static struct slab_heap heap;

static void *
heap_pages_alloc(void *arg, size_t n)
{
	uint64_t pa = pmm_alloc_pages(n, 1);

	(void)arg;
	return pa == PMM_NONE ? NULL : phys_to_virt(pa);
}

static void
heap_pages_free(void *arg, void *p, size_t n)
{
	(void)arg;
	pmm_free_pages(virt_to_phys_direct(p), n);
}

void
kheap_init(void)
{
	static const struct slab_pages pages = { heap_pages_alloc, heap_pages_free, NULL };

	slab_init(&heap, &pages);
}

void *
kmalloc(size_t size)
{
	unsigned long irq = arch_irq_save();
	void *p = slab_alloc(&heap, size);

	arch_irq_restore(irq);
	return p;
}

void *
kzalloc(size_t size)
{
	return kmalloc(size);	/* slab_alloc zeroes every block */
}

void *
kpage_alloc(void)
{
	uint64_t pa = pmm_alloc_page();

	return pa == PMM_NONE ? NULL : phys_to_virt(pa);
}

void
kpage_put(void *page)
{
	if (page != NULL) {
		pmm_page_put(virt_to_phys_direct(page));
	}
}

int
kheap_try_free(void *p)
{
	unsigned long irq = arch_irq_save();
	int rc = slab_free(&heap, p);

	arch_irq_restore(irq);
	return rc;
}

void
kfree(void *p)
{
	if (kheap_try_free(p) != 0) {
		panic("kfree: %p is not a live heap allocation", p);
	}
}

void
kheap_stats(struct slab_stats *st)
{
	*st = heap.stats;
}

int
kheap_check(void)
{
	unsigned long irq = arch_irq_save();
	int rc = slab_check(&heap);

	arch_irq_restore(irq);
	return rc;
}
