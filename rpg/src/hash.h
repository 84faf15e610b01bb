/* hash.h - rpg: SHA-256 (OpenSSL EVP, for speed) and hex helpers */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_HASH_H
#define RPG_HASH_H

#include <stddef.h>
#include <stdint.h>

#define RPG_SHA256_LEN 32
#define RPG_SHA256_HEX (2 * RPG_SHA256_LEN + 1)

struct rpg_sha256 {
	void *evp;		/* EVP_MD_CTX *, opaque here */
};

int rpg_sha256_init(struct rpg_sha256 *h);
void rpg_sha256_update(struct rpg_sha256 *h, const void *data, size_t len);
/* Write the digest and release the state. */
void rpg_sha256_final(struct rpg_sha256 *h, uint8_t out[RPG_SHA256_LEN]);
/* Release the state without a digest (error paths). */
void rpg_sha256_abort(struct rpg_sha256 *h);
/* One-shot digest of a buffer. */
void rpg_sha256(const void *data, size_t len, uint8_t out[RPG_SHA256_LEN]);
/* Digest of a whole file; 0 or -errno. */
int rpg_sha256_file(int fd, uint8_t out[RPG_SHA256_LEN], uint64_t *size);

/* Lower-case hex of len bytes into out (2*len+1 bytes). */
void rpg_hex(const uint8_t *bin, size_t len, char *out);
/* Parse exactly 2*len hex digits; 0 on success, -1 on bad input. */
int rpg_unhex(const char *hex, uint8_t *bin, size_t len);

#endif
