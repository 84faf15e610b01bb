/* sign_test.c - rpg: unit tests of sign.c, including interop with the real minisign */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <unistd.h>

#include "io.h"
#include "sign.h"
#include "t.h"

static const char msg[] = "{\"name\": \"hello\"}\n";

static const char *
key(const char *name)
{
	static char path[4][512];
	static int slot;
	const char *dir = getenv("RPG_TESTS");

	slot = (slot + 1) % 4;
	snprintf(path[slot], sizeof(path[slot]), "%s/keys/%s", dir != NULL ? dir : "rpg/tests",
	    name);
	return path[slot];
}

static const char *
tmp(const char *name)
{
	static char path[4][512];
	static int slot;

	slot = (slot + 1) % 4;
	snprintf(path[slot], sizeof(path[slot]), "%s/%s", T_TMPDIR(), name);
	return path[slot];
}

static int
run(const char *fmt, const char *a, const char *b, const char *c)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), fmt, a, b, c);
	return system(cmd);
}

/* Sign msg with secret key sec, check with rpg and with minisign -V against pub. */
static void
sign_and_check(const char *sec, const char *pub)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_seckey sk;
	struct rpg_pubkey pk, derived;
	char *sig = NULL;
	size_t siglen;

	T_ASSERT(rpg_seckey_load(&ctx, key(sec), &sk) == 0);
	T_ASSERT(rpg_pubkey_load(&ctx, key(pub), &pk) == 0);
	rpg_seckey_pubkey(&sk, &derived);
	T_EXPECT(memcmp(&pk, &derived, sizeof(pk)) == 0);
	T_ASSERT(rpg_sign(&ctx, &sk, msg, strlen(msg), "timestamp:0\tfile:hello", &sig,
	    &siglen) == 0);
	rpg_seckey_wipe(&sk);
	T_EXPECT_EQ(rpg_verify(&ctx, "hello", &pk, 1, msg, strlen(msg), sig, siglen), 0);
	T_ASSERT(rpg_io_write_atomic(&ctx, tmp("m"), msg, strlen(msg), 0644) == 0);
	T_ASSERT(rpg_io_write_atomic(&ctx, tmp("m.minisig"), sig, siglen, 0644) == 0);
	T_EXPECT_EQ(run("minisign -V -q -p %s -m %s -x %s", key(pub), tmp("m"), tmp("m.minisig")), 0);
	free(sig);
}

T_TEST(rpg_key_signs_and_minisign_verifies)
{
	sign_and_check("test.sec", "test.pub");
}

T_TEST(minisign_unencrypted_key_signs_and_minisign_verifies)
{
	sign_and_check("minisign.sec", "minisign.pub");
}

T_TEST(minisign_encrypted_key_with_passphrase)
{
	setenv("RPG_PASSPHRASE", "test", 1);
	sign_and_check("encrypted.sec", "encrypted.pub");
	unsetenv("RPG_PASSPHRASE");
}

T_TEST(encrypted_key_wrong_passphrase_fails)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_seckey sk;

	setenv("RPG_PASSPHRASE", "wrong", 1);
	T_EXPECT_EQ(rpg_seckey_load(&ctx, key("encrypted.sec"), &sk), RPG_E_BADSIG);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "wrong passphrase");
	unsetenv("RPG_PASSPHRASE");
}

static char *
minisign_sig(const char *sec, const char *extra, size_t *len)
{
	struct rpg_ctx ctx = T_CTX();
	char *sig = NULL;

	rpg_io_write_atomic(&ctx, tmp("ms"), msg, strlen(msg), 0644);
	unlink(tmp("ms.minisig"));
	if (run("minisign -S -s %s -m %s %s </dev/null >/dev/null", key(sec), tmp("ms"), extra) != 0 ||
	    rpg_io_read_file(&ctx, tmp("ms.minisig"), 8192, &sig, len) != 0) {
		return NULL;
	}
	return sig;
}

T_TEST(rpg_verifies_minisign_signatures)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_pubkey pk[2];
	char *sig;
	size_t len;

	T_ASSERT(rpg_pubkey_load(&ctx, key("test.pub"), &pk[0]) == 0);
	T_ASSERT(rpg_pubkey_load(&ctx, key("minisign.pub"), &pk[1]) == 0);
	T_ASSERT((sig = minisign_sig("minisign.sec", "", &len)) != NULL);
	T_EXPECT_EQ(rpg_verify(&ctx, "ms", pk, 2, msg, strlen(msg), sig, len), 0);
	T_EXPECT_EQ(rpg_verify(&ctx, "ms", pk, 1, msg, strlen(msg), sig, len), RPG_E_UNTRUSTED);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "ms: signed by untrusted key");
	free(sig);
}

T_TEST(rpg_verifies_legacy_minisign_signatures)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_pubkey pk;
	char *sig;
	size_t len;

	T_ASSERT(rpg_pubkey_load(&ctx, key("minisign.pub"), &pk) == 0);
	T_ASSERT((sig = minisign_sig("minisign.sec", "-l", &len)) != NULL);
	T_EXPECT_EQ(rpg_verify(&ctx, "ms", &pk, 1, msg, strlen(msg), sig, len), 0);
	T_EXPECT_EQ(rpg_verify(&ctx, "ms", &pk, 1, "x", 1, sig, len), RPG_E_BADSIG);
	free(sig);
}

T_TEST(tampering_is_detected)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_seckey sk;
	struct rpg_pubkey pk;
	char *sig, *p;
	size_t len;

	T_ASSERT(rpg_seckey_load(&ctx, key("test.sec"), &sk) == 0);
	rpg_seckey_pubkey(&sk, &pk);
	T_ASSERT(rpg_sign(&ctx, &sk, msg, strlen(msg), "comment", &sig, &len) == 0);
	T_EXPECT_EQ(rpg_verify(&ctx, "m", &pk, 1, "{}", 2, sig, len), RPG_E_BADSIG);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "m: signature does not verify");
	p = strstr(sig, "trusted comment: comment\n");
	T_ASSERT(p != NULL);
	p[17] = 'C';
	T_EXPECT_EQ(rpg_verify(&ctx, "m", &pk, 1, msg, strlen(msg), sig, len), RPG_E_BADSIG);
	T_EXPECT_EQ(rpg_verify(&ctx, "m", &pk, 1, msg, strlen(msg), "junk\n", 5), RPG_E_FORMAT);
	T_EXPECT_EQ(rpg_verify(&ctx, "m", &pk, 1, msg, strlen(msg), sig, 20), RPG_E_FORMAT);
	T_EXPECT_EQ(rpg_sign(&ctx, &sk, msg, 1, "two\nlines", &p, &len), RPG_E_USAGE);
	rpg_seckey_wipe(&sk);
	free(sig);
}

T_TEST(signatures_are_deterministic)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_seckey sk;
	char *a, *b;
	size_t la, lb;

	T_ASSERT(rpg_seckey_load(&ctx, key("test.sec"), &sk) == 0);
	T_ASSERT(rpg_sign(&ctx, &sk, msg, strlen(msg), "c", &a, &la) == 0);
	T_ASSERT(rpg_sign(&ctx, &sk, msg, strlen(msg), "c", &b, &lb) == 0);
	T_EXPECT(la == lb && memcmp(a, b, la) == 0);
	free(a);
	free(b);
	rpg_seckey_wipe(&sk);
}

T_TEST(keygen_writes_a_usable_pair)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_seckey sk;
	struct rpg_pubkey pk, derived;
	char id[17];

	unlink(tmp("k.sec"));
	T_ASSERT(rpg_sign_keygen(&ctx, tmp("k.sec"), tmp("k.pub")) == 0);
	T_ASSERT(rpg_seckey_load(&ctx, tmp("k.sec"), &sk) == 0);
	T_ASSERT(rpg_pubkey_load(&ctx, tmp("k.pub"), &pk) == 0);
	rpg_seckey_pubkey(&sk, &derived);
	T_EXPECT(memcmp(&pk, &derived, sizeof(pk)) == 0);
	T_EXPECT_EQ(strlen(rpg_keyid_str(pk.keyid, id)), 16);
	T_ASSERT(rpg_io_write_atomic(&ctx, tmp("k.msg"), msg, strlen(msg), 0644) == 0);
	T_EXPECT_EQ(run("minisign -S -s %s -m %s %s </dev/null >/dev/null", tmp("k.sec"),
	    tmp("k.msg"), ""), 0);
	T_EXPECT_EQ(run("minisign -V -q -p %s -m %s %s", tmp("k.pub"), tmp("k.msg"), ""), 0);
	rpg_seckey_wipe(&sk);
}

T_TEST(pubkey_load_dir_reads_every_pub)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_pubkey *keys;
	size_t n;

	T_EXPECT_EQ(rpg_pubkey_load_dir(&ctx, key(""), &keys, &n), 0);
	T_EXPECT_EQ(n, 4);
	free(keys);
	T_EXPECT_EQ(rpg_pubkey_load_dir(&ctx, tmp("nonexistent"), &keys, &n), 0);
	T_EXPECT_EQ(n, 0);
	ctx.root = key("..");
	T_EXPECT_EQ(rpg_pubkey_load_dir(&ctx, "keys", &keys, &n), 0);
	T_EXPECT_EQ(n, 4);
	free(keys);
}

T_TEST(bad_key_files_are_refused)
{
	struct rpg_ctx ctx = T_CTX();
	struct rpg_pubkey pk;
	struct rpg_seckey sk;

	T_EXPECT_EQ(rpg_pubkey_load(&ctx, key("test.sec"), &pk), RPG_E_FORMAT);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "test.sec");
	T_EXPECT_EQ(rpg_seckey_load(&ctx, key("test.pub"), &sk), RPG_E_FORMAT);
	T_EXPECT(rpg_pubkey_load(&ctx, tmp("missing.pub"), &pk) < 0);
}
