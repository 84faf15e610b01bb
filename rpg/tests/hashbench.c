/* hashbench.c - rpg: SHA-256 throughput of OpenSSL EVP (what hash.c uses) against libsodium */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <sodium.h>

#include "hash.h"

#define SIZE (64u << 20)
#define RUNS 5

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median MB/s of RUNS hashes of buf by fn. */
static double
measure(void (*fn)(const unsigned char *, size_t), const unsigned char *buf)
{
	double t[RUNS], t0;
	int i;

	for (i = 0; i < RUNS; i++) {
		t0 = now();
		fn(buf, SIZE);
		t[i] = now() - t0;
	}
	qsort(t, RUNS, sizeof(t[0]), cmp_double);
	return SIZE / t[RUNS / 2] / 1e6;
}

static void
evp(const unsigned char *buf, size_t len)
{
	uint8_t out[RPG_SHA256_LEN];

	rpg_sha256(buf, len, out);
}

static void
sodium_sha(const unsigned char *buf, size_t len)
{
	unsigned char out[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(out, buf, len);
}

static void
sodium_b2(const unsigned char *buf, size_t len)
{
	unsigned char out[crypto_generichash_BYTES_MAX];

	crypto_generichash(out, sizeof(out), buf, len, NULL, 0);
}

int
main(void)
{
	unsigned char *buf = malloc(SIZE);

	if (buf == NULL || sodium_init() < 0) {
		return 1;
	}
	randombytes_buf(buf, SIZE);
	printf("hash throughput, 64 MiB in memory, median of %d:\n", RUNS);
	printf("  SHA-256 OpenSSL EVP (rpg)  %7.0f MB/s\n", measure(evp, buf));
	printf("  SHA-256 libsodium          %7.0f MB/s\n", measure(sodium_sha, buf));
	printf("  BLAKE2b-512 libsodium      %7.0f MB/s\n", measure(sodium_b2, buf));
	free(buf);
	return 0;
}
