/* repo.c - rpg: publishing a directory of packages as a signed repository */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "hash.h"
#include "io.h"
#include "package.h"
#include "repo.h"

#define INDEX_READ_MAX (256u << 20)

static int
rpg_filter(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 4 && d->d_name[0] != '.' && strcmp(d->d_name + n - 4, ".rpg") == 0;
}

/* The previous serial in DIR/index.json, 0 if there is none. */
static int
previous_serial(struct rpg_ctx *ctx, const char *dir, uint64_t *serial)
{
	char path[PATH_MAX], *text;
	struct rpg_index *old;
	size_t len;
	int rc;

	*serial = 0;
	snprintf(path, sizeof(path), "%s/index.json", dir);
	if (access(path, F_OK) != 0) {
		return 0;
	}
	if ((rc = rpg_io_read_file(ctx, path, INDEX_READ_MAX, &text, &len)) != 0) {
		return rc;
	}
	rc = rpg_index_parse(ctx, path, text, len, &old);
	free(text);
	if (rc == 0) {
		*serial = old->serial;
		rpg_index_free(old);
	}
	return rc;
}

static int
add_package(struct rpg_ctx *ctx, const char *dir, const char *name,
    const struct rpg_pubkey *pub, struct rpg_index_entry *e)
{
	char path[PATH_MAX], want[PATH_MAX];
	struct rpg_package *p;
	int fd, rc;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path)) {
		return rpg_fail(ctx, -ENAMETOOLONG, "%s/%s: name too long", dir, name);
	}
	if ((rc = rpg_package_open(ctx, path, pub, 1, &p)) != 0) {
		return rc;
	}
	if (strcmp(rpg_manifest_filename(p->m, want, sizeof(want)), name) != 0) {
		rpg_package_close(p);
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: holds %s, expected that file name", path, want);
	}
	e->m = p->m;
	p->m = NULL;
	rpg_package_close(p);
	rpg_manifest_drop_files(e->m);
	if ((e->filename = strdup(name)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", path);
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		return rpg_fail(ctx, -errno, "%s: %s", path, strerror(errno));
	}
	rc = rpg_sha256_file(fd, e->sha256, &e->size);
	close(fd);
	return rc != 0 ? rpg_fail(ctx, rc, "%s: %s", path, strerror(-rc)) : 0;
}


int
rpg_repo_scan(struct rpg_ctx *ctx, const char *dir, const struct rpg_pubkey *pub,
    uint64_t min_serial, struct rpg_index **out)
{
	struct dirent **names = NULL;
	struct rpg_index *ix;
	uint64_t prev;
	int i, n, rc;

	*out = NULL;
	if ((rc = previous_serial(ctx, dir, &prev)) != 0) {
		return rc;
	}
	if ((n = scandir(dir, &names, rpg_filter, alphasort)) < 0) {
		return rpg_fail(ctx, -errno, "%s: %s", dir, strerror(errno));
	}
	if ((ix = calloc(1, sizeof(*ix))) == NULL ||
	    (n > 0 && (ix->entries = calloc((size_t)n, sizeof(*ix->entries))) == NULL)) {
		rc = rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", dir);
	}
	for (i = 0; i < n; i++) {
		if (rc == 0) {
			ix->nentries = (size_t)i + 1;
			rc = add_package(ctx, dir, names[i]->d_name, pub, &ix->entries[i]);
		}
		free(names[i]);
	}
	free(names);
	if (rc != 0) {
		rpg_index_free(ix);
		return rc;
	}
	ix->serial = prev + 1 > min_serial ? prev + 1 : min_serial;
	rpg_index_sort(ix);
	*out = ix;
	return 0;
}

int
rpg_repo_write(struct rpg_ctx *ctx, const char *dir, const struct rpg_index *ix,
    const struct rpg_seckey *key)
{
	char path[PATH_MAX], comment[128], *json, *sig = NULL;
	size_t len, siglen;
	int rc;

	if ((json = rpg_index_serialize(ix, &len)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", dir);
	}
	snprintf(comment, sizeof(comment), "timestamp:%llu\tfile:index.json\tserial:%llu",
	    (unsigned long long)ix->serial, (unsigned long long)ix->serial);
	rc = rpg_sign(ctx, key, json, len, comment, &sig, &siglen);
	if (rc == 0 && (size_t)snprintf(path, sizeof(path), "%s/index.json", dir) >= sizeof(path) - 8) {
		rc = rpg_fail(ctx, -ENAMETOOLONG, "%s: name too long", dir);
	}
	if (rc == 0) {
		rc = rpg_io_write_atomic(ctx, path, json, len, 0644);
	}
	if (rc == 0) {
		strcat(path, ".minisig");
		rc = rpg_io_write_atomic(ctx, path, sig, siglen, 0644);
	}
	free(json);
	free(sig);
	return rc;
}
