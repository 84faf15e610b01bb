/* hash.c - rpg: SHA-256 through OpenSSL EVP (SHA extensions when the CPU has them), hex */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "hash.h"

int
rpg_sha256_init(struct rpg_sha256 *h)
{
	EVP_MD_CTX *c;

	if ((c = EVP_MD_CTX_new()) == NULL) {
		return -ENOMEM;
	}
	if (EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(c);
		return -ENOMEM;
	}
	h->evp = c;
	return 0;
}

void
rpg_sha256_update(struct rpg_sha256 *h, const void *data, size_t len)
{
	EVP_DigestUpdate(h->evp, data, len);
}

void
rpg_sha256_final(struct rpg_sha256 *h, uint8_t out[RPG_SHA256_LEN])
{
	unsigned n = RPG_SHA256_LEN;

	EVP_DigestFinal_ex(h->evp, out, &n);
	EVP_MD_CTX_free(h->evp);
	h->evp = NULL;
}

void
rpg_sha256_abort(struct rpg_sha256 *h)
{
	EVP_MD_CTX_free(h->evp);
	h->evp = NULL;
}

void
rpg_sha256(const void *data, size_t len, uint8_t out[RPG_SHA256_LEN])
{
	unsigned n = RPG_SHA256_LEN;

	EVP_Digest(data, len, out, &n, EVP_sha256(), NULL);
}

int
rpg_sha256_file(int fd, uint8_t out[RPG_SHA256_LEN], uint64_t *size)
{
	static __thread char buf[1 << 16];
	struct rpg_sha256 h;
	uint64_t total = 0;
	ssize_t n;
	int rc;

	if ((rc = rpg_sha256_init(&h)) != 0) {
		return rc;
	}
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			rc = -errno;
			rpg_sha256_abort(&h);
			return rc;
		}
		if (n == 0) {
			break;
		}
		rpg_sha256_update(&h, buf, (size_t)n);
		total += (uint64_t)n;
	}
	rpg_sha256_final(&h, out);
	if (size != NULL) {
		*size = total;
	}
	return 0;
}

void
rpg_hex(const uint8_t *bin, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[bin[i] >> 4];
		out[2 * i + 1] = digits[bin[i] & 15];
	}
	out[2 * len] = '\0';
}

static int
nibble(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

int
rpg_unhex(const char *hex, uint8_t *bin, size_t len)
{
	size_t i;
	int hi, lo;

	for (i = 0; i < len; i++) {
		if ((hi = nibble(hex[2 * i])) < 0 || (lo = nibble(hex[2 * i + 1])) < 0) {
			return -1;
		}
		bin[i] = (uint8_t)(hi << 4 | lo);
	}
	return hex[2 * len] == '\0' ? 0 : -1;
}
