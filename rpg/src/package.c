/* package.c - rpg: opening a .rpg file, checking its signature and its whole payload */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "hash.h"
#include "package.h"

int
rpg_package_open(struct rpg_ctx *ctx, const char *path, const struct rpg_pubkey *keys,
    size_t nkeys, struct rpg_package **out)
{
	struct rpg_package *p;
	int rc;

	*out = NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL || (p->path = strdup(path)) == NULL) {
		free(p);
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", path);
	}
	p->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (p->fd < 0) {
		rc = rpg_fail(ctx, -errno, "%s: %s", path, strerror(errno));
	} else if ((rc = rpg_areader_open(ctx, p->fd, path, &p->r)) == 0) {
		rc = rpg_areader_manifest(ctx, p->r, &p->manifest_json, &p->manifest_len,
		    &p->sig, &p->siglen);
	}
	if (rc == 0 && nkeys > 0) {
		rc = rpg_verify(ctx, path, keys, nkeys, p->manifest_json, p->manifest_len,
		    p->sig, p->siglen);
	}
	if (rc == 0) {
		rc = rpg_manifest_parse(ctx, path, p->manifest_json, p->manifest_len, &p->m);
	}
	if (rc != 0) {
		rpg_package_close(p);
		return rc;
	}
	*out = p;
	return 0;
}

static const char *
etype_name(enum rpg_etype t)
{
	switch (t) {
	case RPG_ET_FILE:
		return "file";
	case RPG_ET_DIR:
		return "dir";
	case RPG_ET_SYMLINK:
		return "symlink";
	case RPG_ET_HARDLINK:
		return "hard link";
	default:
		return "special file";
	}
}

static int
check_data(struct rpg_ctx *ctx, struct rpg_package *p, const struct rpg_file *f)
{
	static __thread char buf[1 << 16];
	uint8_t digest[RPG_SHA256_LEN];
	struct rpg_sha256 h;
	uint64_t total = 0;
	ssize_t n;
	int rc;

	if ((rc = rpg_sha256_init(&h)) != 0) {
		return rpg_fail(ctx, rc, "%s: out of memory", p->path);
	}
	while ((n = rpg_areader_read(ctx, p->r, buf, sizeof(buf))) > 0) {
		rpg_sha256_update(&h, buf, (size_t)n);
		total += (uint64_t)n;
	}
	if (n < 0) {
		rpg_sha256_abort(&h);
		return (int)n;
	}
	rpg_sha256_final(&h, digest);
	if (total != f->size) {
		return rpg_fail(ctx, RPG_E_HASH, "%s: %s: size %llu, manifest says %llu", p->path,
		    f->path, (unsigned long long)total, (unsigned long long)f->size);
	}
	if (memcmp(digest, f->sha256, sizeof(digest)) != 0) {
		return rpg_fail(ctx, RPG_E_HASH, "%s: %s: SHA-256 mismatch", p->path, f->path);
	}
	return 0;
}

static int
check_entry(struct rpg_ctx *ctx, struct rpg_package *p, const struct rpg_entry *e,
    const struct rpg_file *f)
{
	static const enum rpg_etype want[] = {
		[RPG_FT_FILE] = RPG_ET_FILE, [RPG_FT_DIR] = RPG_ET_DIR,
		[RPG_FT_SYMLINK] = RPG_ET_SYMLINK,
	};

	if (e->type == RPG_ET_HARDLINK || e->type == RPG_ET_OTHER) {
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: %s refused", p->path, e->path,
		    etype_name(e->type));
	}
	if (e->type != want[f->type]) {
		return rpg_fail(ctx, RPG_E_HASH, "%s: %s: is a %s, manifest says %s", p->path,
		    e->path, etype_name(e->type), etype_name(want[f->type]));
	}
	if (e->mode != f->mode) {
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: mode %04o, manifest says %04o", p->path,
		    e->path, e->mode, f->mode);
	}
	if (f->type == RPG_FT_SYMLINK && (e->link == NULL || strcmp(e->link, f->target) != 0)) {
		return rpg_fail(ctx, RPG_E_HASH, "%s: %s: symlink target differs from the manifest",
		    p->path, e->path);
	}
	if (f->type == RPG_FT_FILE && (uint64_t)e->size != f->size) {
		return rpg_fail(ctx, RPG_E_HASH, "%s: %s: size %lld, manifest says %llu", p->path,
		    e->path, (long long)e->size, (unsigned long long)f->size);
	}
	return f->type == RPG_FT_FILE ? check_data(ctx, p, f) : 0;
}

int
rpg_package_check_payload(struct rpg_ctx *ctx, struct rpg_package *p)
{
	const struct rpg_manifest *m = p->m;
	struct rpg_entry e;
	size_t i = 0;
	int rc;

	while ((rc = rpg_areader_next(ctx, p->r, &e)) == 1) {
		if (i >= m->nfiles || strcmp(e.path, m->files[i].path) != 0) {
			return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: %s", p->path, e.path,
			    rpg_manifest_find(m, e.path) != NULL ?
			    "duplicate or out of order entry" : "not in the manifest");
		}
		if ((rc = check_entry(ctx, p, &e, &m->files[i])) != 0) {
			return rc;
		}
		i++;
	}
	if (rc < 0) {
		return rc;
	}
	if (i < m->nfiles) {
		return rpg_fail(ctx, RPG_E_HASH, "%s: %s: missing from the payload", p->path,
		    m->files[i].path);
	}
	return 0;
}

void
rpg_package_close(struct rpg_package *p)
{
	if (p == NULL) {
		return;
	}
	rpg_areader_close(p->r);
	if (p->fd >= 0) {
		close(p->fd);
	}
	rpg_manifest_free(p->m);
	free(p->manifest_json);
	free(p->sig);
	free(p->path);
	free(p);
}
