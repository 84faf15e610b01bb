/* sign.c - rpg: minisign-compatible Ed25519 keys and signatures (libsodium) */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "err.h"
#include "io.h"
#include "sign.h"

#define KEYFILE_MAX 4096
#define SIGFILE_MAX 8192
#define COMMENT_MAX 1024

/* minisign's binary layouts. */
#define PUB_LEN (2 + 8 + 32)
#define SIG_LEN (2 + 8 + 64)
#define SEC_KEYNUM_LEN (8 + 64 + 32)	/* keynum, sk, checksum: the encrypted part */
#define SEC_LEN (2 + 2 + 2 + 32 + 8 + 8 + SEC_KEYNUM_LEN)
#define SEC_OFF_KDF 2
#define SEC_OFF_CHK_ALG 4
#define SEC_OFF_SALT 6
#define SEC_OFF_OPS 38
#define SEC_OFF_MEM 46
#define SEC_OFF_KEYNUM 54

static const char untrusted[] = "untrusted comment: ";
static const char trusted[] = "trusted comment: ";

static int
sodium_ready(struct rpg_ctx *ctx)
{
	if (sodium_init() < 0) {
		return rpg_fail(ctx, RPG_E_INTERNAL, "libsodium failed to initialise");
	}
	return 0;
}

char *
rpg_keyid_str(const uint8_t keyid[8], char buf[17])
{
	int i;

	/* minisign prints the 8 bytes as a little-endian 64-bit number. */
	for (i = 0; i < 8; i++) {
		snprintf(buf + 2 * i, 3, "%02X", keyid[7 - i]);
	}
	return buf;
}

static uint64_t
le64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--) {
		v = v << 8 | p[i];
	}
	return v;
}

/*
 * Split text into lines (in place, '\r' dropped); lines[] point into text.
 * Returns the number of lines, at most max.
 */
static size_t
split_lines(char *text, char **lines, size_t max)
{
	size_t n = 0;
	char *p = text, *nl;

	while (*p != '\0' && n < max) {
		lines[n++] = p;
		if ((nl = strchr(p, '\n')) == NULL) {
			break;
		}
		*nl = '\0';
		if (nl > p && nl[-1] == '\r') {
			nl[-1] = '\0';
		}
		p = nl + 1;
	}
	return n;
}

/* Decode exactly want bytes of base64 from s. */
static int
unb64(const char *s, uint8_t *out, size_t want)
{
	size_t got;

	if (sodium_base642bin(out, want, s, strlen(s), NULL, &got, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || got != want) {
		return -1;
	}
	return 0;
}

/* The base64 payload of a key file: the first line that is not a comment. */
static int
key_payload(struct rpg_ctx *ctx, const char *path, uint8_t *out, size_t want)
{
	char *text, *lines[8];
	size_t len, n, i;
	int rc;

	if ((rc = rpg_io_read_file(ctx, path, KEYFILE_MAX, &text, &len)) != 0) {
		return rc;
	}
	n = split_lines(text, lines, 8);
	rc = rpg_fail(ctx, RPG_E_FORMAT, "%s: not a minisign key file", path);
	for (i = 0; i < n; i++) {
		if (strncmp(lines[i], untrusted, sizeof(untrusted) - 1) == 0 || lines[i][0] == '\0') {
			continue;
		}
		if (unb64(lines[i], out, want) == 0) {
			rc = 0;
			ctx->err.code = 0;
			ctx->err.msg[0] = '\0';
		}
		break;
	}
	free(text);
	return rc;
}

int
rpg_pubkey_load(struct rpg_ctx *ctx, const char *path, struct rpg_pubkey *out)
{
	uint8_t bin[PUB_LEN];
	int rc;

	if ((rc = sodium_ready(ctx)) != 0 || (rc = key_payload(ctx, path, bin, PUB_LEN)) != 0) {
		return rc;
	}
	if (memcmp(bin, "Ed", 2) != 0) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: not an Ed25519 minisign public key", path);
	}
	memcpy(out->keyid, bin + 2, 8);
	memcpy(out->pk, bin + 10, 32);
	return 0;
}

static int
pub_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 4 && d->d_name[0] != '.' && strcmp(d->d_name + n - 4, ".pub") == 0;
}

int
rpg_pubkey_load_dir(struct rpg_ctx *ctx, const char *dir, struct rpg_pubkey **keys, size_t *n)
{
	char path[PATH_MAX], full[PATH_MAX];
	struct dirent **names;
	int i, count, rc = 0;

	*keys = NULL;
	*n = 0;
	if (dir[0] == '/') {
		snprintf(path, sizeof(path), "%s", dir);
	} else {
		snprintf(path, sizeof(path), "%s/%s", ctx->root, dir);
	}
	if ((count = scandir(path, &names, pub_filter, alphasort)) < 0) {
		return errno == ENOENT ? 0 : rpg_fail(ctx, -errno, "%s: %s", path, strerror(errno));
	}
	if (count > 0 && (*keys = calloc((size_t)count, sizeof(**keys))) == NULL) {
		rc = rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", path);
	}
	for (i = 0; i < count; i++) {
		if (rc == 0) {
			if (strlen(path) + strlen(names[i]->d_name) + 2 > sizeof(full)) {
				rc = rpg_fail(ctx, -ENAMETOOLONG, "%s: name too long", path);
				free(names[i]);
				continue;
			}
			strcpy(full, path);
			strcat(full, "/");
			strcat(full, names[i]->d_name);
			rc = rpg_pubkey_load(ctx, full, &(*keys)[*n]);
			*n += rc == 0;
		}
		free(names[i]);
	}
	free(names);
	if (rc != 0) {
		free(*keys);
		*keys = NULL;
		*n = 0;
	}
	return rc;
}

/* BLAKE2b-256 over sig_alg || keynum || sk, minisign's secret key checksum. */
static void
seckey_chk(const uint8_t *bin, uint8_t chk[32])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, bin, 2);
	crypto_generichash_update(&st, bin + SEC_OFF_KEYNUM, 8 + 64);
	crypto_generichash_final(&st, chk, 32);
}

/* Read a passphrase from RPG_PASSPHRASE, else from the terminal with echo off. */
static int
passphrase(struct rpg_ctx *ctx, const char *path, char *buf, size_t size)
{
	struct termios old, raw;
	const char *env = getenv("RPG_PASSPHRASE");
	ssize_t n;
	size_t len = 0;
	char c;
	int fd, echo_off;

	if (env != NULL) {
		snprintf(buf, size, "%s", env);
		return 0;
	}
	if ((fd = open("/dev/tty", O_RDWR | O_CLOEXEC)) < 0) {
		return rpg_fail(ctx, RPG_E_USAGE,
		    "%s: encrypted key needs RPG_PASSPHRASE or a terminal", path);
	}
	dprintf(fd, "Passphrase for %s: ", path);
	echo_off = tcgetattr(fd, &old) == 0;
	if (echo_off) {
		raw = old;
		raw.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fd, TCSANOW, &raw);	/* keep what was typed ahead */
	}
	while ((n = read(fd, &c, 1)) == 1 && c != '\n' && c != '\r') {
		if (len + 1 < size) {
			buf[len++] = c;
		}
	}
	buf[len] = '\0';
	if (echo_off) {
		tcsetattr(fd, TCSANOW, &old);
	}
	dprintf(fd, "\n");
	close(fd);
	return 0;
}

static int
decrypt_seckey(struct rpg_ctx *ctx, const char *path, uint8_t *bin)
{
	uint8_t stream[SEC_KEYNUM_LEN];
	char pass[1024];
	size_t i;
	int rc;

	if ((rc = passphrase(ctx, path, pass, sizeof(pass))) != 0) {
		return rc;
	}
	rc = crypto_pwhash_scryptsalsa208sha256(stream, sizeof(stream), pass, strlen(pass),
	    bin + SEC_OFF_SALT, le64(bin + SEC_OFF_OPS), (size_t)le64(bin + SEC_OFF_MEM));
	sodium_memzero(pass, sizeof(pass));
	if (rc != 0) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: scrypt key derivation failed", path);
	}
	for (i = 0; i < sizeof(stream); i++) {
		bin[SEC_OFF_KEYNUM + i] ^= stream[i];
	}
	sodium_memzero(stream, sizeof(stream));
	return 0;
}

int
rpg_seckey_load(struct rpg_ctx *ctx, const char *path, struct rpg_seckey *out)
{
	static const uint8_t zero[32];
	uint8_t bin[SEC_LEN], chk[32];
	int rc, encrypted;

	if ((rc = sodium_ready(ctx)) != 0 || (rc = key_payload(ctx, path, bin, SEC_LEN)) != 0) {
		return rc;
	}
	encrypted = memcmp(bin + SEC_OFF_KDF, "Sc", 2) == 0;
	if (memcmp(bin, "Ed", 2) != 0 || memcmp(bin + SEC_OFF_CHK_ALG, "B2", 2) != 0 ||
	    (!encrypted && memcmp(bin + SEC_OFF_KDF, zero, 2) != 0)) {
		rc = rpg_fail(ctx, RPG_E_FORMAT, "%s: not an Ed25519 minisign secret key", path);
	} else if (encrypted) {
		rc = decrypt_seckey(ctx, path, bin);
	}
	if (rc == 0) {
		seckey_chk(bin, chk);
		/* minisign -W leaves the checksum of an unencrypted key zero. */
		if (sodium_memcmp(chk, bin + SEC_OFF_KEYNUM + 72, 32) != 0 &&
		    (encrypted || sodium_memcmp(zero, bin + SEC_OFF_KEYNUM + 72, 32) != 0)) {
			rc = rpg_fail(ctx, RPG_E_BADSIG, "%s: %s", path, encrypted ?
			    "wrong passphrase" : "secret key checksum does not match");
		}
	}
	if (rc == 0) {
		memcpy(out->keyid, bin + SEC_OFF_KEYNUM, 8);
		memcpy(out->sk, bin + SEC_OFF_KEYNUM + 8, 64);
	}
	sodium_memzero(bin, sizeof(bin));
	return rc;
}

void
rpg_seckey_wipe(struct rpg_seckey *k)
{
	sodium_memzero(k, sizeof(*k));
}

void
rpg_seckey_pubkey(const struct rpg_seckey *k, struct rpg_pubkey *out)
{
	memcpy(out->keyid, k->keyid, 8);
	crypto_sign_ed25519_sk_to_pk(out->pk, k->sk);
}

/* "comment line\nbase64\n" of bin into a malloc'd string. */
static char *
key_text(const char *comment, const uint8_t *bin, size_t len)
{
	size_t b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64, *out = NULL;

	if ((b64 = malloc(b64len)) == NULL) {
		return NULL;
	}
	sodium_bin2base64(b64, b64len, bin, len, sodium_base64_VARIANT_ORIGINAL);
	if (asprintf(&out, "%s%s\n%s\n", untrusted, comment, b64) < 0) {
		out = NULL;
	}
	free(b64);
	return out;
}

static int
write_key(struct rpg_ctx *ctx, const char *path, const char *comment, const uint8_t *bin,
    size_t len, mode_t mode)
{
	char *text;
	int rc;

	if ((text = key_text(comment, bin, len)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", path);
	}
	rc = rpg_io_write_atomic(ctx, path, text, strlen(text), mode);
	sodium_memzero(text, strlen(text));
	free(text);
	return rc;
}

int
rpg_sign_keygen(struct rpg_ctx *ctx, const char *secpath, const char *pubpath)
{
	uint8_t sec[SEC_LEN], pub[PUB_LEN], pk[32];
	char comment[64], id[17];
	int rc;

	if ((rc = sodium_ready(ctx)) != 0) {
		return rc;
	}
	memset(sec, 0, sizeof(sec));
	memcpy(sec, "Ed", 2);
	memcpy(sec + SEC_OFF_CHK_ALG, "B2", 2);
	randombytes_buf(sec + SEC_OFF_KEYNUM, 8);
	crypto_sign_keypair(pk, sec + SEC_OFF_KEYNUM + 8);
	seckey_chk(sec, sec + SEC_OFF_KEYNUM + 72);
	memcpy(pub, "Ed", 2);
	memcpy(pub + 2, sec + SEC_OFF_KEYNUM, 8);
	memcpy(pub + 10, pk, 32);
	rpg_keyid_str(pub + 2, id);
	rc = write_key(ctx, secpath, "rpg secret key (unencrypted)", sec, sizeof(sec), 0600);
	sodium_memzero(sec, sizeof(sec));
	if (rc != 0) {
		return rc;
	}
	snprintf(comment, sizeof(comment), "minisign public key %s", id);
	return write_key(ctx, pubpath, comment, pub, sizeof(pub), 0644);
}

int
rpg_sign(struct rpg_ctx *ctx, const struct rpg_seckey *k, const void *msg, size_t len,
    const char *trusted_comment, char **sig, size_t *siglen)
{
	uint8_t bin[SIG_LEN], hash[crypto_generichash_BYTES_MAX], global[64];
	char b64sig[128], b64global[128];
	uint8_t *gmsg;
	size_t tclen = strlen(trusted_comment);
	int n;

	*sig = NULL;
	if (strchr(trusted_comment, '\n') != NULL || strchr(trusted_comment, '\r') != NULL ||
	    tclen > COMMENT_MAX) {
		return rpg_fail(ctx, RPG_E_USAGE, "trusted comment must be one line");
	}
	if (sodium_ready(ctx) != 0) {
		return ctx->err.code;
	}
	crypto_generichash(hash, sizeof(hash), msg, len, NULL, 0);
	memcpy(bin, "ED", 2);
	memcpy(bin + 2, k->keyid, 8);
	crypto_sign_detached(bin + 10, NULL, hash, sizeof(hash), k->sk);
	if ((gmsg = malloc(64 + tclen)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	}
	memcpy(gmsg, bin + 10, 64);
	memcpy(gmsg + 64, trusted_comment, tclen);
	crypto_sign_detached(global, NULL, gmsg, 64 + tclen, k->sk);
	free(gmsg);
	sodium_bin2base64(b64sig, sizeof(b64sig), bin, sizeof(bin), sodium_base64_VARIANT_ORIGINAL);
	sodium_bin2base64(b64global, sizeof(b64global), global, sizeof(global),
	    sodium_base64_VARIANT_ORIGINAL);
	n = asprintf(sig, "%ssignature from rpg secret key\n%s\n%s%s\n%s\n", untrusted, b64sig,
	    trusted, trusted_comment, b64global);
	if (n < 0) {
		*sig = NULL;
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	}
	*siglen = (size_t)n;
	return 0;
}

static const struct rpg_pubkey *
find_key(const struct rpg_pubkey *keys, size_t nkeys, const uint8_t keyid[8])
{
	size_t i;

	for (i = 0; i < nkeys; i++) {
		if (memcmp(keys[i].keyid, keyid, 8) == 0) {
			return &keys[i];
		}
	}
	return NULL;
}

/* Check the four lines of a signature file; bin and global are decoded. */
static int
parse_sig(struct rpg_ctx *ctx, const char *what, char **lines, size_t n, uint8_t *bin,
    uint8_t *global)
{
	if (n < 4 || strncmp(lines[0], untrusted, sizeof(untrusted) - 1) != 0 ||
	    strncmp(lines[2], trusted, sizeof(trusted) - 1) != 0) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: signature is not in minisign format", what);
	}
	if (n > 4 && (n > 5 || lines[4][0] != '\0')) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: signature has trailing lines", what);
	}
	if (unb64(lines[1], bin, SIG_LEN) != 0 || unb64(lines[3], global, 64) != 0) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: signature is not valid base64", what);
	}
	if (memcmp(bin, "ED", 2) != 0 && memcmp(bin, "Ed", 2) != 0) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: unknown signature algorithm", what);
	}
	return 0;
}

static int
check_sig(struct rpg_ctx *ctx, const char *what, const struct rpg_pubkey *keys,
    size_t nkeys, const void *msg, size_t len, char **lines, size_t n)
{
	uint8_t bin[SIG_LEN], global[64], hash[crypto_generichash_BYTES_MAX], *gmsg;
	const struct rpg_pubkey *k;
	const char *tc;
	char id[17];
	size_t tclen;
	int ok;

	if (parse_sig(ctx, what, lines, n, bin, global) != 0) {
		return ctx->err.code;
	}
	if ((k = find_key(keys, nkeys, bin + 2)) == NULL) {
		return rpg_fail(ctx, RPG_E_UNTRUSTED, "%s: signed by untrusted key %s", what,
		    rpg_keyid_str(bin + 2, id));
	}
	if (bin[1] == 'D') {
		crypto_generichash(hash, sizeof(hash), msg, len, NULL, 0);
		ok = crypto_sign_verify_detached(bin + 10, hash, sizeof(hash), k->pk) == 0;
	} else {
		ok = crypto_sign_verify_detached(bin + 10, msg, len, k->pk) == 0;
	}
	if (!ok) {
		return rpg_fail(ctx, RPG_E_BADSIG, "%s: signature does not verify with key %s",
		    what, rpg_keyid_str(k->keyid, id));
	}
	tc = lines[2] + sizeof(trusted) - 1;
	tclen = strlen(tc);
	if ((gmsg = malloc(64 + tclen)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	}
	memcpy(gmsg, bin + 10, 64);
	memcpy(gmsg + 64, tc, tclen);
	ok = crypto_sign_verify_detached(global, gmsg, 64 + tclen, k->pk) == 0;
	free(gmsg);
	if (!ok) {
		return rpg_fail(ctx, RPG_E_BADSIG, "%s: trusted comment signature does not verify",
		    what);
	}
	return 0;
}

int
rpg_verify(struct rpg_ctx *ctx, const char *what, const struct rpg_pubkey *keys,
    size_t nkeys, const void *msg, size_t len, const char *sig, size_t siglen)
{
	char *text, *lines[6];
	size_t n;
	int rc;

	if ((rc = sodium_ready(ctx)) != 0) {
		return rc;
	}
	if (siglen > SIGFILE_MAX || memchr(sig, '\0', siglen) != NULL) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: signature is not in minisign format", what);
	}
	if ((text = strndup(sig, siglen)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	}
	n = split_lines(text, lines, 6);
	rc = check_sig(ctx, what, keys, nkeys, msg, len, lines, n);
	free(text);
	return rc;
}

int
rpg_pubkey_load_trusted(struct rpg_ctx *ctx, struct rpg_pubkey **keys, size_t *n)
{
	int rc;

	*keys = NULL;
	*n = 0;
	if (ctx->key != NULL) {
		if ((*keys = calloc(1, sizeof(**keys))) == NULL) {
			return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
		}
		if ((rc = rpg_pubkey_load(ctx, ctx->key, *keys)) != 0) {
			free(*keys);
			*keys = NULL;
			return rc;
		}
		*n = 1;
		return 0;
	}
	if ((rc = rpg_pubkey_load_dir(ctx, "etc/rpg/keys", keys, n)) != 0) {
		return rc;
	}
	if (*n == 0) {
		free(*keys);
		*keys = NULL;
		return rpg_fail(ctx, RPG_E_UNTRUSTED, "no trusted keys in %s%setc/rpg/keys (use --key)",
		    ctx->root, ctx->root[strlen(ctx->root) - 1] == '/' ? "" : "/");
	}
	return 0;
}
