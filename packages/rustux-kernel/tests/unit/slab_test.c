/* slab_test.c - kernel unit tests: lib/slab.c, the kernel heap's bookkeeping */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "lib/slab.h"
#include "t.h"

static size_t pages_out;
static size_t page_limit = 1000000;

static void *
host_alloc(void *arg, size_t n)
{
	(void)arg;
	if (pages_out + n > page_limit) {
		return NULL;
	}
	pages_out += n;
	return aligned_alloc(SLAB_PAGE, n * SLAB_PAGE);
}

static void
host_free(void *arg, void *p, size_t n)
{
	(void)arg;
	pages_out -= n;
	free(p);
}

static const struct slab_pages host_pages = { host_alloc, host_free, NULL };

T_TEST(slab_sizes_alignment_and_usable)
{
	struct slab_heap h;
	void *p;

	slab_init(&h, &host_pages);
	T_EXPECT(slab_alloc(&h, 0) == NULL);
	for (size_t s = 1; s <= 5000; s = s * 3 + 1) {
		p = slab_alloc(&h, s);
		T_ASSERT(p != NULL);
		T_EXPECT(((uintptr_t)p & 15) == 0);
		T_EXPECT(slab_usable(&h, p) >= s);
		memset(p, 0x5a, s);
		T_EXPECT_EQ(slab_check(&h), 0);
		T_EXPECT_EQ(slab_free(&h, p), 0);
	}
	T_EXPECT_EQ(h.stats.bytes_in_use, 0);
	T_EXPECT_EQ(pages_out, 0);
}

T_TEST(slab_counters_come_back_after_mixed_frees)
{
	struct slab_heap h;
	void *p[600];

	slab_init(&h, &host_pages);
	for (int i = 0; i < 600; i++) {
		p[i] = slab_alloc(&h, (size_t)(i * 37 % 1500) + 1);
		T_ASSERT(p[i] != NULL);
	}
	T_EXPECT_EQ(h.stats.small_in_use + h.stats.large_in_use, 600);
	T_EXPECT_EQ(slab_check(&h), 0);
	for (int i = 0; i < 600; i += 2) {
		T_EXPECT_EQ(slab_free(&h, p[i]), 0);
	}
	T_EXPECT_EQ(slab_check(&h), 0);
	for (int i = 1; i < 600; i += 2) {
		T_EXPECT_EQ(slab_free(&h, p[i]), 0);
	}
	T_EXPECT_EQ(h.stats.small_in_use, 0);
	T_EXPECT_EQ(h.stats.large_in_use, 0);
	T_EXPECT_EQ(h.stats.small_pages, 0);
	T_EXPECT_EQ(pages_out, 0);
	T_EXPECT_EQ(h.stats.allocs, h.stats.frees);
}

T_TEST(slab_rejects_double_and_wild_frees)
{
	struct slab_heap h;
	char *p, *q;

	slab_init(&h, &host_pages);
	p = slab_alloc(&h, 40);
	q = slab_alloc(&h, 40);
	T_ASSERT(p != NULL && q != NULL);
	T_EXPECT_EQ(slab_free(&h, p + 8), -1);
	T_EXPECT_EQ(slab_free(&h, p), 0);
	T_EXPECT_EQ(slab_free(&h, p), -1);
	T_EXPECT_EQ(slab_check(&h), 0);
	T_EXPECT_EQ(slab_free(&h, q), 0);
	T_EXPECT_EQ(pages_out, 0);
}

T_TEST(slab_check_catches_use_after_free)
{
	struct slab_heap h;
	char *p, *q;

	slab_init(&h, &host_pages);
	p = slab_alloc(&h, 64);
	q = slab_alloc(&h, 64);
	T_ASSERT(p != NULL && q != NULL);
	slab_free(&h, p);
	p[20] = 1;		/* a write into freed memory */
	T_EXPECT(slab_check(&h) < 0);
	p[20] = (char)0xdd;
	T_EXPECT_EQ(slab_check(&h), 0);
	slab_free(&h, q);
}

T_TEST(slab_reports_exhaustion)
{
	struct slab_heap h;
	void *p[64];
	int n = 0;

	slab_init(&h, &host_pages);
	page_limit = 4;
	while (n < 64 && (p[n] = slab_alloc(&h, 3000)) != NULL) {
		n++;
	}
	T_EXPECT_EQ(n, 4);
	T_EXPECT_EQ(h.stats.failures, 1);
	while (n > 0) {
		slab_free(&h, p[--n]);
	}
	page_limit = 1000000;
	T_EXPECT_EQ(pages_out, 0);
}
