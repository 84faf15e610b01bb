/* fuzz_archive.c - rpg: libFuzzer target for the .rpg archive reader */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "archive.h"
#include "ctx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int memfd = -1;

/* Stream every entry; reads must never exceed what the entry declared. */
static void
drain(struct rpg_ctx *ctx, struct rpg_areader *r)
{
	static char buf[4096];
	struct rpg_entry e;
	int64_t total;
	ssize_t n;

	while (rpg_areader_next(ctx, r, &e) == 1) {
		total = 0;
		while ((n = rpg_areader_read(ctx, r, buf, sizeof(buf))) > 0) {
			total += n;
		}
		if (total > e.size) {
			abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rpg_areader *r;
	struct rpg_ctx ctx;
	char *m, *sig;
	size_t mlen, siglen;

	if (memfd < 0 && (memfd = memfd_create("fuzz", 0)) < 0) {
		abort();
	}
	if (ftruncate(memfd, 0) != 0 || pwrite(memfd, data, size, 0) != (ssize_t)size ||
	    lseek(memfd, 0, SEEK_SET) != 0) {
		abort();
	}
	rpg_ctx_init(&ctx);
	if (rpg_areader_open(&ctx, memfd, "fuzz", &r) != 0) {
		return 0;
	}
	if (rpg_areader_manifest(&ctx, r, &m, &mlen, &sig, &siglen) == 0) {
		free(m);
		free(sig);
	}
	drain(&ctx, r);
	rpg_areader_close(r);
	return 0;
}
