/* fuzz_manifest.c - rpg: libFuzzer target for the manifest parser and writer */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whatever parses must serialise, and the serialisation must parse to the same text. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rpg_manifest *m, *m2;
	struct rpg_ctx ctx;
	char *a, *b;
	size_t la, lb;

	rpg_ctx_init(&ctx);
	if (rpg_manifest_parse(&ctx, "fuzz", (const char *)data, size, &m) != 0) {
		return 0;
	}
	if ((a = rpg_manifest_serialize(m, &la)) == NULL) {
		abort();
	}
	if (rpg_manifest_parse(&ctx, "again", a, la, &m2) != 0) {
		abort();
	}
	if ((b = rpg_manifest_serialize(m2, &lb)) == NULL || la != lb || memcmp(a, b, la) != 0) {
		abort();
	}
	free(a);
	free(b);
	rpg_manifest_free(m);
	rpg_manifest_free(m2);
	return 0;
}
