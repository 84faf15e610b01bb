/* payload.c - rustica-install: load the payloads and verify them against their signatures */
/* SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive.h"
#include "ctx.h"
#include "err.h"
#include "hash.h"
#include "io.h"
#include "manifest.h"
#include "package.h"
#include "payload.h"
#include "sign.h"

#define INITRD_MAX (1ull << 30)

void
payload_free(struct payload *p)
{
	unsigned i;

	for (i = 0; i < p->n; i++)
		free(p->files[i].data);
	p->n = 0;
}

/* The one .rpg of package name in dir (NAME-VERSION-RELEASE.ARCH.rpg; the last in byte order). */
static int
find_rpg(const char *dir, const char *name, char *out, size_t outlen, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char best[256] = "";
	size_t nl = strlen(name);

	if (d == NULL) {
		snprintf(err, errlen, "%s: cannot open the payload directory", dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);

		if (strncmp(de->d_name, name, nl) != 0 || de->d_name[nl] != '-' ||
		    de->d_name[nl + 1] < '0' || de->d_name[nl + 1] > '9' ||
		    l < 4 || strcmp(de->d_name + l - 4, ".rpg") != 0 || l >= sizeof(best))
			continue;
		if (strcmp(de->d_name, best) > 0)
			snprintf(best, sizeof(best), "%s", de->d_name);
	}
	closedir(d);
	if (*best == '\0') {
		snprintf(err, errlen, "%s: no %s-*.rpg package", dir, name);
		return -1;
	}
	snprintf(out, outlen, "%s/%s", dir, best);
	return 0;
}

static int
add_file(struct payload *p, const char *esp_path, const char *source, uint8_t *data,
    uint64_t size, int64_t mtime, char *err, size_t errlen)
{
	struct pl_file *f;

	if (p->n == PL_MAX_FILES) {
		snprintf(err, errlen, "%s: too many files for the ESP", source);
		return -1;
	}
	f = &p->files[p->n++];
	snprintf(f->esp_path, sizeof(f->esp_path), "%s", esp_path);
	snprintf(f->source, sizeof(f->source), "%s", source);
	f->data = data;
	f->size = size;
	f->mtime = mtime;
	return 0;
}

/* Read the current entry fully and check its size and SHA-256 against mf. */
static int
read_checked(struct rpg_ctx *ctx, struct rpg_areader *r, const struct rpg_file *mf,
    const char *what, uint8_t **out, char *err, size_t errlen)
{
	uint8_t *buf = malloc(mf->size + 1), digest[RPG_SHA256_LEN];	/* +1: room to see an overrun */
	uint64_t got = 0;
	ssize_t n;

	if (buf == NULL) {
		snprintf(err, errlen, "%s: out of memory", what);
		return -1;
	}
	while ((n = rpg_areader_read(ctx, r, buf + got, mf->size - got + (got == mf->size))) > 0) {
		got += (uint64_t)n;
		if (got > mf->size)
			break;
	}
	if (n < 0 || got != mf->size) {
		snprintf(err, errlen, "%s: %s", what, n < 0 ? ctx->err.msg :
		    "size differs from the signed manifest");
		free(buf);
		return -1;
	}
	rpg_sha256(buf, (size_t)got, digest);
	if (memcmp(digest, mf->sha256, sizeof(digest)) != 0) {
		snprintf(err, errlen, "%s: SHA-256 differs from the signed manifest", what);
		free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}

/*
 * Open one package (signature checked), walk its payload, check every entry
 * against the manifest and keep the files the ESP needs.
 */
static int
load_package(struct payload *p, struct rpg_ctx *ctx, const struct rpg_pubkey *keys, size_t nkeys,
    const char *dir, const char *name, int kernel, char *err, size_t errlen)
{
	char path[1024], what[1400];
	struct rpg_package *pkg = NULL;
	struct rpg_entry e;
	int rc, seen = 0;

	if (find_rpg(dir, name, path, sizeof(path), err, errlen) != 0)
		return -1;
	if (rpg_package_open(ctx, path, keys, nkeys, &pkg) != 0) {
		snprintf(err, errlen, "%s", ctx->err.msg);
		return -1;
	}
	if (kernel && (size_t)snprintf(p->kernel_version, sizeof(p->kernel_version), "%s-%u",
	    pkg->m->version, pkg->m->release) >= sizeof(p->kernel_version)) {
		snprintf(err, errlen, "%s: version too long for loader.conf", path);
		goto bad;
	}
	if (pkg->m->build_date > p->epoch)
		p->epoch = pkg->m->build_date;
	while ((rc = rpg_areader_next(ctx, pkg->r, &e)) == 1) {
		const struct rpg_file *mf = rpg_manifest_find(pkg->m, e.path);
		const char *dest = NULL;
		char esp[256];
		uint8_t *data;

		snprintf(what, sizeof(what), "%s: %s", path, e.path);
		if (mf == NULL) {
			snprintf(err, errlen, "%s: not in the signed manifest", what);
			goto bad;
		}
		if (e.type != RPG_ET_FILE || mf->type != RPG_FT_FILE)
			continue;
		if ((uint64_t)e.size != mf->size) {
			snprintf(err, errlen, "%s: size differs from the signed manifest", what);
			goto bad;
		}
		if (read_checked(ctx, pkg->r, mf, what, &data, err, errlen) != 0)
			goto bad;
		if (kernel && strcmp(e.path, "boot/kernel.elf") == 0)
			dest = "EFI/Rustux/slot-a/kernel.elf";
		else if (!kernel && strncmp(e.path, "boot/efi/", 9) == 0) {
			snprintf(esp, sizeof(esp), "%s", e.path + 9);
			dest = esp;
		}
		if (dest == NULL) {
			free(data);
			continue;
		}
		if (add_file(p, dest, what, data, mf->size, pkg->m->build_date, err, errlen) != 0) {
			free(data);
			goto bad;
		}
		seen++;
	}
	if (rc < 0) {
		snprintf(err, errlen, "%s", ctx->err.msg);
		goto bad;
	}
	if (seen == 0) {
		snprintf(err, errlen, "%s: has no %s", path, kernel ? "boot/kernel.elf" :
		    "boot/efi/ files");
		goto bad;
	}
	rpg_package_close(pkg);
	return 0;
bad:
	rpg_package_close(pkg);
	return -1;
}

static int
load_initrd(struct payload *p, struct rpg_ctx *ctx, const struct rpg_pubkey *keys, size_t nkeys,
    const char *dir, const char *initrd, char *err, size_t errlen)
{
	char path[1024], sigpath[1100];
	char *data = NULL, *sig = NULL;
	size_t len, siglen;

	if (initrd != NULL)
		snprintf(path, sizeof(path), "%s", initrd);
	else
		snprintf(path, sizeof(path), "%s/initrd", dir);
	snprintf(sigpath, sizeof(sigpath), "%s.minisig", path);
	if (rpg_io_read_file(ctx, path, INITRD_MAX, &data, &len) != 0 ||
	    rpg_io_read_file(ctx, sigpath, 1 << 16, &sig, &siglen) != 0) {
		snprintf(err, errlen, "%s", ctx->err.msg);
		goto bad;
	}
	if (rpg_verify(ctx, path, keys, nkeys, data, len, sig, siglen) != 0) {
		snprintf(err, errlen, "%s", ctx->err.msg);
		goto bad;
	}
	free(sig);
	return add_file(p, "EFI/Rustux/initrd", path, (uint8_t *)data, len, p->epoch, err, errlen);
bad:
	free(data);
	free(sig);
	return -1;
}

int
payload_load(struct payload *p, const char *dir, const char *initrd, const char *keyfile,
    char *err, size_t errlen)
{
	struct rpg_ctx ctx;
	struct rpg_pubkey *keys = NULL;
	size_t nkeys = 0;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	rpg_ctx_init(&ctx);
	ctx.key = keyfile;
	ctx.quiet = 1;
	if (rpg_pubkey_load_trusted(&ctx, &keys, &nkeys) != 0) {
		snprintf(err, errlen, "%s", ctx.err.msg);
		return -1;
	}
	if (load_package(p, &ctx, keys, nkeys, dir, "rustux-boot", 0, err, errlen) == 0 &&
	    load_package(p, &ctx, keys, nkeys, dir, "rustux-kernel", 1, err, errlen) == 0 &&
	    load_initrd(p, &ctx, keys, nkeys, dir, initrd, err, errlen) == 0)
		rc = 0;
	free(keys);
	if (rc != 0)
		payload_free(p);
	return rc;
}

int
payload_sign(const char *seckey, const char *file, char *err, size_t errlen)
{
	struct rpg_ctx ctx;
	struct rpg_seckey k;
	char *data = NULL, *sig = NULL, out[1100];
	size_t len, siglen;
	int rc = -1;

	rpg_ctx_init(&ctx);
	snprintf(out, sizeof(out), "%s.minisig", file);
	if (rpg_seckey_load(&ctx, seckey, &k) != 0) {
		snprintf(err, errlen, "%s", ctx.err.msg);
		return -1;
	}
	if (rpg_io_read_file(&ctx, file, INITRD_MAX, &data, &len) == 0 &&
	    rpg_sign(&ctx, &k, data, len, "rustica-install payload", &sig, &siglen) == 0 &&
	    rpg_io_write_atomic(&ctx, out, sig, siglen, 0644) == 0)
		rc = 0;
	else
		snprintf(err, errlen, "%s", ctx.err.msg);
	rpg_seckey_wipe(&k);
	free(data);
	free(sig);
	return rc;
}
