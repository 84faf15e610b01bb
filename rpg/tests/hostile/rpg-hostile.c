/* rpg-hostile.c - rpg tests: craft hostile .rpg files from a good one */
/* SPDX-License-Identifier: MIT */
/*
 * usage: rpg-hostile CASE IN.rpg OUT.rpg KEY.sec OTHER.sec
 *
 * Reads every entry of IN, changes the payload and/or the manifest as CASE
 * says, re-signs the manifest with KEY.sec when the case needs a valid
 * signature (OTHER.sec for "unknown-signer"), and writes OUT as a zstd pax
 * tar like rpg build does. A test tool: it prints and exits freely.
 */
#include <archive.h>
#include <archive_entry.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "ctx.h"
#include "err.h"
#include "hash.h"
#include "sign.h"

struct ent {
	char *path;
	unsigned type;		/* AE_IFREG, AE_IFDIR, AE_IFLNK, AE_IFCHR */
	unsigned mode;
	char *data;
	size_t size;		/* data length */
	int64_t hdr_size;	/* size written in the header */
	char *link;		/* symlink target */
	char *hardlink;
};

static struct ent ents[4096];
static size_t nents;

static void
die(const char *fmt, const char *arg)
{
	fprintf(stderr, "rpg-hostile: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static void
read_in(const char *path)
{
	struct archive_entry *e;
	struct archive *a = archive_read_new();
	struct ent *x;

	archive_read_support_format_all(a);
	archive_read_support_filter_all(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK)
		die("%s: cannot open", path);
	while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
		x = &ents[nents++];
		x->path = strdup(archive_entry_pathname(e));
		x->type = archive_entry_filetype(e);
		x->mode = archive_entry_perm(e);
		x->size = (size_t)archive_entry_size(e);
		x->hdr_size = archive_entry_size(e);
		x->data = malloc(x->size + 1);
		if (x->size > 0 && archive_read_data(a, x->data, x->size) != (la_ssize_t)x->size)
			die("%s: short read", path);
		x->data[x->size] = '\0';
		if (archive_entry_symlink(e) != NULL)
			x->link = strdup(archive_entry_symlink(e));
	}
	archive_read_free(a);
}

static void
write_out(const char *path)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e;
	size_t i;

	archive_write_set_format_pax_restricted(a);
	archive_write_add_filter_zstd(a);
	if (archive_write_open_filename(a, path) != ARCHIVE_OK)
		die("%s: cannot create", path);
	for (i = 0; i < nents; i++) {
		e = archive_entry_new();
		archive_entry_set_pathname(e, ents[i].path);
		archive_entry_set_filetype(e, ents[i].type);
		archive_entry_set_perm(e, ents[i].mode);
		archive_entry_set_uid(e, 0);
		archive_entry_set_gid(e, 0);
		archive_entry_set_mtime(e, 1, 0);
		if (ents[i].type == AE_IFREG && ents[i].hardlink == NULL)
			archive_entry_set_size(e, ents[i].hdr_size);
		if (ents[i].link != NULL)
			archive_entry_set_symlink(e, ents[i].link);
		if (ents[i].hardlink != NULL)
			archive_entry_set_hardlink(e, ents[i].hardlink);
		if (ents[i].type == AE_IFCHR)
			archive_entry_set_rdev(e, makedev(1, 3));
		if (archive_write_header(a, e) != ARCHIVE_OK)
			die("write header: %s", archive_error_string(a));
		if (ents[i].type == AE_IFREG && ents[i].hardlink == NULL && ents[i].size > 0)
			archive_write_data(a, ents[i].data, ents[i].size);
		archive_entry_free(e);
	}
	archive_write_close(a);
	archive_write_free(a);
}

static struct ent *
add(const char *path, unsigned type, unsigned mode, const char *data, const char *link)
{
	struct ent *x = &ents[nents++];

	memset(x, 0, sizeof(*x));
	x->path = strdup(path);
	x->type = type;
	x->mode = mode;
	x->data = strdup(data != NULL ? data : "");
	x->size = strlen(x->data);
	x->hdr_size = (int64_t)x->size;
	x->link = link != NULL ? strdup(link) : NULL;
	return x;
}

/* The first regular payload file with data. */
static struct ent *
first_file(void)
{
	size_t i;

	for (i = 2; i < nents; i++)
		if (ents[i].type == AE_IFREG && ents[i].size > 0)
			return &ents[i];
	die("%s", "no payload file to work on");
	return NULL;
}

/* ---- the manifest ---- */

static json_object *manifest;

static json_object *
mfind(const char *path)
{
	json_object *files = json_object_object_get(manifest, "files"), *f;
	size_t i;

	for (i = 0; i < json_object_array_length(files); i++) {
		f = json_object_array_get_idx(files, i);
		if (strcmp(json_object_get_string(json_object_object_get(f, "path")), path) == 0)
			return f;
	}
	return NULL;
}

static int
by_path(const void *a, const void *b)
{
	json_object *x = *(json_object *const *)a, *y = *(json_object *const *)b;

	return strcmp(json_object_get_string(json_object_object_get(x, "path")),
	    json_object_get_string(json_object_object_get(y, "path")));
}

static void
madd(const struct ent *x)
{
	json_object *f = json_object_new_object(), *files = json_object_object_get(manifest, "files");
	char hex[RPG_SHA256_HEX];
	uint8_t sum[RPG_SHA256_LEN];

	json_object_object_add(f, "path", json_object_new_string(x->path));
	if (x->type == AE_IFDIR) {
		json_object_object_add(f, "type", json_object_new_string("dir"));
	} else if (x->type == AE_IFLNK) {
		json_object_object_add(f, "type", json_object_new_string("symlink"));
	} else {
		json_object_object_add(f, "type", json_object_new_string("file"));
	}
	json_object_object_add(f, "mode", json_object_new_int((int)x->mode));
	if (x->type == AE_IFLNK) {
		json_object_object_add(f, "target", json_object_new_string(x->link));
	} else if (x->type != AE_IFDIR) {
		rpg_sha256(x->data, x->size, sum);
		rpg_hex(sum, sizeof(sum), hex);
		json_object_object_add(f, "size", json_object_new_int64((int64_t)x->size));
		json_object_object_add(f, "sha256", json_object_new_string(hex));
		json_object_object_add(manifest, "installed_size", json_object_new_int64(
		    json_object_get_int64(json_object_object_get(manifest, "installed_size")) +
		    (int64_t)x->size));
	}
	json_object_array_add(files, f);
	json_object_array_sort(files, by_path);
}

static void
sign_manifest(const char *seckey)
{
	struct rpg_ctx ctx;
	struct rpg_seckey k;
	const char *text;
	char *sig;
	size_t siglen;

	rpg_ctx_init(&ctx);
	text = json_object_to_json_string_ext(manifest, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	free(ents[0].data);
	ents[0].data = strdup(text);
	ents[0].size = strlen(text);
	ents[0].hdr_size = (int64_t)ents[0].size;
	if (rpg_seckey_load(&ctx, seckey, &k) < 0 ||
	    rpg_sign(&ctx, &k, ents[0].data, ents[0].size, "hostile test package", &sig, &siglen) < 0)
		die("sign: %s", ctx.err.msg);
	free(ents[1].data);
	ents[1].data = sig;
	ents[1].size = siglen;
	ents[1].hdr_size = (int64_t)siglen;
}

/* ---- the cases: payload-only changes return 0, signed manifest changes 1 ---- */

static int
apply(const char *c, const char *key, const char *other, const char **signer)
{
	struct ent *x, *f;

	*signer = key;
	if (strcmp(c, "dotdot") == 0) {
		add("../rpg-hostile-escape", AE_IFREG, 0644, "escaped\n", NULL);
	} else if (strcmp(c, "dotdot-signed") == 0) {
		madd(add("usr/../../rpg-hostile-escape", AE_IFREG, 0644, "escaped\n", NULL));
		return 1;
	} else if (strcmp(c, "absolute") == 0) {
		add("/tmp/rpg-hostile-absolute", AE_IFREG, 0644, "escaped\n", NULL);
	} else if (strcmp(c, "symlink-out") == 0) {
		madd(add("usr/rpg-evil", AE_IFLNK, 0777, NULL, "../../../../../../../etc"));
		return 1;
	} else if (strcmp(c, "through-symlink") == 0) {
		madd(add("usr/lnk", AE_IFLNK, 0777, NULL, "/tmp"));
		madd(add("usr/lnk/rpg-hostile-pwned", AE_IFREG, 0644, "pwned\n", NULL));
		return 1;
	} else if (strcmp(c, "through-symlink-payload") == 0) {
		add("usr/lnk", AE_IFLNK, 0777, NULL, "/tmp");
		add("usr/lnk/rpg-hostile-pwned", AE_IFREG, 0644, "pwned\n", NULL);
	} else if (strcmp(c, "hardlink") == 0) {
		f = first_file();
		x = add("usr/zz-hardlink", AE_IFREG, f->mode, f->data, NULL);
		madd(x);
		x->hardlink = strdup(f->path);
		return 1;
	} else if (strcmp(c, "device") == 0) {
		add("usr/zz-device", AE_IFCHR, 0666, NULL, NULL);
	} else if (strcmp(c, "setuid") == 0) {
		first_file()->mode |= 04000;
	} else if (strcmp(c, "setgid") == 0) {
		first_file()->mode |= 02000;
	} else if (strcmp(c, "setuid-declared") == 0) {
		f = first_file();
		f->mode |= 04000;
		json_object_object_add(mfind(f->path), "mode", json_object_new_int((int)f->mode));
		return 1;
	} else if (strcmp(c, "unlisted") == 0) {
		add("usr/zz-unlisted", AE_IFREG, 0644, "not in the manifest\n", NULL);
	} else if (strcmp(c, "duplicate") == 0) {
		f = first_file();
		x = add(f->path, AE_IFREG, f->mode, f->data, NULL);
		(void)x;
	} else if (strcmp(c, "hash") == 0) {
		first_file()->data[0] ^= 1;
	} else if (strcmp(c, "size") == 0) {
		f = first_file();
		f->data = realloc(f->data, f->size + 5);
		memcpy(f->data + f->size, "more", 5);
		f->size += 4;
		f->hdr_size = (int64_t)f->size;
	} else if (strcmp(c, "bomb") == 0) {
		f = first_file();
		free(f->data);
		f->size = 64u << 20;
		f->data = calloc(1, f->size);
		f->hdr_size = (int64_t)f->size;
	} else if (strcmp(c, "missing") == 0) {
		nents--;
	} else if (strcmp(c, "oversize") == 0) {
		char *big = malloc((17u << 20) + 1);

		memset(big, 'A', 17u << 20);
		big[17u << 20] = '\0';
		json_object_object_add(manifest, "summary", json_object_new_string(big));
		free(big);
		return 1;
	} else if (strcmp(c, "unknown-signer") == 0) {
		*signer = other;
		return 1;
	} else if (strcmp(c, "badsig") == 0) {
		json_object_object_add(manifest, "summary", json_object_new_string("tampered"));
		free(ents[0].data);
		ents[0].data = strdup(json_object_to_json_string_ext(manifest, JSON_C_TO_STRING_PRETTY));
		ents[0].size = strlen(ents[0].data);
		ents[0].hdr_size = (int64_t)ents[0].size;
	} else if (strcmp(c, "truncated") != 0 && strcmp(c, "corrupt") != 0) {
		die("unknown case %s", c);
	}
	return 0;
}

/* Damage the finished file for the cases that work on bytes. */
static void
damage(const char *c, const char *out)
{
	struct stat st;
	FILE *f;
	long i;

	if (stat(out, &st) < 0)
		die("%s: stat", out);
	if (strcmp(c, "truncated") == 0) {
		if (truncate(out, st.st_size * 2 / 3) < 0)
			die("%s: truncate", out);
	} else if (strcmp(c, "corrupt") == 0) {
		if ((f = fopen(out, "r+")) == NULL)
			die("%s: open", out);
		for (i = st.st_size * 2 / 3; i < st.st_size * 2 / 3 + 16 && i < st.st_size; i++) {
			fseek(f, i, SEEK_SET);
			fputc(0x55 ^ (int)i, f);
		}
		fclose(f);
	}
}

int
main(int argc, char **argv)
{
	const char *signer;

	if (argc != 6) {
		fprintf(stderr, "usage: rpg-hostile CASE IN.rpg OUT.rpg KEY.sec OTHER.sec\n");
		return 2;
	}
	read_in(argv[2]);
	if (nents < 3 || strcmp(ents[0].path, ".RPG/manifest.json") != 0)
		die("%s: not an rpg package", argv[2]);
	manifest = json_tokener_parse(ents[0].data);
	if (manifest == NULL)
		die("%s: bad manifest", argv[2]);
	if (apply(argv[1], argv[4], argv[5], &signer))
		sign_manifest(signer);
	write_out(argv[3]);
	damage(argv[1], argv[3]);
	return 0;
}
