/* fuzz_index.c - rpg: libFuzzer target for the repository index parser and writer */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rpg_index *ix, *ix2;
	struct rpg_ctx ctx;
	char *a, *b;
	size_t la, lb;

	rpg_ctx_init(&ctx);
	if (rpg_index_parse(&ctx, "fuzz", (const char *)data, size, &ix) != 0) {
		return 0;
	}
	rpg_index_find(ix, "sh");
	rpg_index_sort(ix);
	if ((a = rpg_index_serialize(ix, &la)) == NULL ||
	    rpg_index_parse(&ctx, "again", a, la, &ix2) != 0) {
		abort();
	}
	if ((b = rpg_index_serialize(ix2, &lb)) == NULL || la != lb || memcmp(a, b, la) != 0) {
		abort();
	}
	free(a);
	free(b);
	rpg_index_free(ix);
	rpg_index_free(ix2);
	return 0;
}
