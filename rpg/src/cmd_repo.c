/* cmd_repo.c - rpg repo index: publish a directory of packages with a signed index.json */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "ctx.h"
#include "err.h"
#include "repo.h"
#include "sign.h"

/* SOURCE_DATE_EPOCH, so a wiped and republished repository's serial still grows per commit. */
static uint64_t
min_serial(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	unsigned long long v;

	if (s == NULL || *s == '\0') {
		return 0;
	}
	v = strtoull(s, &end, 10);
	return *end == '\0' ? (uint64_t)v : 0;
}

static int
repo_index(struct rpg_ctx *ctx, const char *dir, const char *keypath)
{
	struct rpg_seckey key;
	struct rpg_pubkey pub;
	struct rpg_index *ix;
	int rc;

	if (rpg_seckey_load(ctx, keypath, &key) != 0) {
		return 1;
	}
	rpg_seckey_pubkey(&key, &pub);
	rc = rpg_repo_scan(ctx, dir, &pub, min_serial(), &ix);
	if (rc == 0) {
		rc = rpg_repo_write(ctx, dir, ix, &key);
		if (rc == 0 && !ctx->quiet) {
			fprintf(stderr, "rpg: repo: %s/index.json: %zu packages, serial %llu\n", dir,
			    ix->nentries, (unsigned long long)ix->serial);
		}
		rpg_index_free(ix);
	}
	rpg_seckey_wipe(&key);
	return rc != 0;
}

int
cmd_repo(struct rpg_ctx *ctx, int argc, char **argv)
{
	const char *keypath = NULL;
	int ch;

	if (argc < 2 || strcmp(argv[1], "index") != 0) {
		rpg_fail(ctx, RPG_E_USAGE, "the only subcommand is \"index\"");
		return 2;
	}
	argc--;
	argv++;
	while ((ch = getopt(argc, argv, "k:")) != -1) {
		if (ch != 'k') {
			return 2;
		}
		keypath = optarg;
	}
	if (keypath == NULL || argc - optind != 1) {
		return 2;
	}
	return repo_index(ctx, argv[optind], keypath);
}
