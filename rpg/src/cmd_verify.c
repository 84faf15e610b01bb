/* cmd_verify.c - rpg verify: a package's signature and every payload entry */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "ctx.h"
#include "err.h"
#include "package.h"
#include "sign.h"

/* The keys from -p (any number), else --key, else ROOT/etc/rpg/keys. */
static int
load_keys(struct rpg_ctx *ctx, char **paths, size_t npaths, struct rpg_pubkey **keys,
    size_t *n)
{
	size_t i;

	if (npaths == 0) {
		return rpg_pubkey_load_trusted(ctx, keys, n);
	}
	if ((*keys = calloc(npaths, sizeof(**keys))) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	}
	for (i = 0; i < npaths; i++) {
		if (rpg_pubkey_load(ctx, paths[i], &(*keys)[i]) != 0) {
			free(*keys);
			*keys = NULL;
			return ctx->err.code;
		}
	}
	*n = npaths;
	return 0;
}

static int
verify_one(struct rpg_ctx *ctx, const char *path, const struct rpg_pubkey *keys, size_t n)
{
	struct rpg_package *p;
	char nvr[512];
	int rc;

	if ((rc = rpg_package_open(ctx, path, keys, n, &p)) != 0) {
		return rc;
	}
	rc = rpg_package_check_payload(ctx, p);
	if (rc == 0 && !ctx->quiet) {
		printf("%s: OK %s, %zu entries\n", path, rpg_manifest_nvr(p->m, nvr, sizeof(nvr)),
		    p->m->nfiles);
	}
	rpg_package_close(p);
	return rc;
}

int
cmd_verify(struct rpg_ctx *ctx, int argc, char **argv)
{
	struct rpg_pubkey *keys = NULL;
	char **paths;
	size_t npaths = 0, nkeys = 0;
	int ch, i, failed = 0;

	if ((paths = calloc((size_t)argc, sizeof(*paths))) == NULL) {
		return 1;
	}
	while ((ch = getopt(argc, argv, "p:")) != -1) {
		if (ch != 'p') {
			free(paths);
			return 2;
		}
		paths[npaths++] = optarg;
	}
	if (optind >= argc) {
		free(paths);
		return 2;
	}
	if (load_keys(ctx, paths, npaths, &keys, &nkeys) != 0) {
		free(paths);
		return 1;
	}
	for (i = optind; i < argc; i++) {
		if (verify_one(ctx, argv[i], keys, nkeys) != 0) {
			fprintf(stderr, "rpg: verify: %s\n", ctx->err.msg);
			failed = 1;
		}
	}
	ctx->err.msg[0] = '\0';
	free(keys);
	free(paths);
	return failed;
}
