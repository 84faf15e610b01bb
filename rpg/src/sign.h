/* sign.h - rpg: minisign-compatible Ed25519 keys and signatures */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_SIGN_H
#define RPG_SIGN_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"

/*
 * Formats are minisign's: public key "untrusted comment: …\n" + base64("Ed" ||
 * keyid[8] || pk[32]); secret key "Ed" "B2" + kdf ("Sc" scrypt or zeros when
 * unencrypted) + checksum; signatures use algorithm "ED" (Ed25519 over the
 * BLAKE2b-512 of the message) with a trusted comment and a global signature.
 */

struct rpg_pubkey {
	uint8_t keyid[8];
	uint8_t pk[32];
};

struct rpg_seckey {
	uint8_t keyid[8];
	uint8_t sk[64];		/* wiped by rpg_seckey_wipe() */
};

/* Write a new unencrypted key pair (secret file mode 0600). */
int rpg_sign_keygen(struct rpg_ctx *ctx, const char *secpath, const char *pubpath);
int rpg_pubkey_load(struct rpg_ctx *ctx, const char *path, struct rpg_pubkey *out);
/* Load every ROOT-relative or absolute dir's *.pub; *keys malloc'd. */
int rpg_pubkey_load_dir(struct rpg_ctx *ctx, const char *dir, struct rpg_pubkey **keys, size_t *n);
/*
 * The keys trusted for this call: ctx->key if set (--key), else every
 * ROOT/etc/rpg/keys/NAME.pub. RPG_E_UNTRUSTED when there is none; *keys malloc'd.
 */
int rpg_pubkey_load_trusted(struct rpg_ctx *ctx, struct rpg_pubkey **keys, size_t *n);
/* Load a secret key; an encrypted one takes its passphrase from RPG_PASSPHRASE or the terminal. */
int rpg_seckey_load(struct rpg_ctx *ctx, const char *path, struct rpg_seckey *out);
void rpg_seckey_wipe(struct rpg_seckey *k);
/* The public key (key id and Ed25519 point) that goes with a secret key. */
void rpg_seckey_pubkey(const struct rpg_seckey *k, struct rpg_pubkey *out);
/* "%016llX" key id into buf[17]. */
char *rpg_keyid_str(const uint8_t keyid[8], char buf[17]);

/* Sign msg; *sig is a malloc'd minisign signature file text. */
int rpg_sign(struct rpg_ctx *ctx, const struct rpg_seckey *k, const void *msg, size_t len,
    const char *trusted_comment, char **sig, size_t *siglen);
/*
 * Verify a minisign signature text over msg with any of keys[0..nkeys).
 * what names the signed object in errors (RPG_E_FORMAT, RPG_E_UNTRUSTED, RPG_E_BADSIG).
 */
int rpg_verify(struct rpg_ctx *ctx, const char *what, const struct rpg_pubkey *keys,
    size_t nkeys, const void *msg, size_t len, const char *sig, size_t siglen);

#endif
