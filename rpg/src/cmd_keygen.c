/* cmd_keygen.c - rpg keygen: write a minisign-compatible Ed25519 key pair */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <unistd.h>

#include "cmd.h"
#include "ctx.h"
#include "err.h"
#include "sign.h"

int
cmd_keygen(struct rpg_ctx *ctx, int argc, char **argv)
{
	const char *sec = NULL, *pub = NULL;
	struct rpg_pubkey pk;
	char id[17];
	int ch;

	while ((ch = getopt(argc, argv, "s:p:")) != -1) {
		switch (ch) {
		case 's':
			sec = optarg;
			break;
		case 'p':
			pub = optarg;
			break;
		default:
			return 2;
		}
	}
	if (sec == NULL || pub == NULL || optind != argc) {
		return 2;
	}
	if (access(sec, F_OK) == 0) {
		rpg_fail(ctx, RPG_E_USAGE, "%s: exists, refusing to overwrite a secret key", sec);
		return 1;
	}
	if (rpg_sign_keygen(ctx, sec, pub) != 0 || rpg_pubkey_load(ctx, pub, &pk) != 0) {
		return 1;
	}
	if (!ctx->quiet) {
		fprintf(stderr, "rpg: keygen: key %s: secret %s, public %s\n",
		    rpg_keyid_str(pk.keyid, id), sec, pub);
	}
	return 0;
}
