/* index.c - rpg: the repository index (index.json), parsed with json-c and written canonically */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "err.h"
#include "index.h"
#include "manifest_json.h"

#define INDEX_MAX (256u << 20)

static const char *const top_keys[] = { "format", "serial", "packages", NULL };

char *
rpg_index_evr(const struct rpg_index_entry *e, char *buf, size_t size)
{
	snprintf(buf, size, "%s-%u", e->m->version, e->m->release);
	return buf;
}

static int
check_top(struct rpg_ctx *ctx, const char *what, struct json_object *o)
{
	struct json_object_iterator it, end;
	const char *const *k;
	struct json_object *v;

	if (!json_object_is_type(o, json_type_object)) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: not a JSON object", what);
	}
	it = json_object_iter_begin(o);
	end = json_object_iter_end(o);
	for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
		for (k = top_keys; *k != NULL && strcmp(*k, json_object_iter_peek_name(&it)) != 0; k++) {
		}
		if (*k == NULL) {
			return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"%s\": unknown key", what,
			    json_object_iter_peek_name(&it));
		}
	}
	if (json_object_object_get_ex(o, "format", &v) &&
	    (!json_object_is_type(v, json_type_int) || json_object_get_int64(v) != 1)) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"format\": unsupported", what);
	}
	return 0;
}

static int
get_serial(struct rpg_ctx *ctx, const char *what, struct json_object *o, uint64_t *serial)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, "serial", &v) || !json_object_is_type(v, json_type_int)) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"serial\": missing or not an integer", what);
	}
	errno = 0;
	if (json_object_get_int64(v) < 0 || errno != 0) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"serial\": out of range", what);
	}
	*serial = (uint64_t)json_object_get_int64(v);
	return 0;
}

/* A file name of the repository: one plain component ending in .rpg. */
static int
valid_filename(const char *s)
{
	size_t n = strlen(s);

	return n > 4 && n < 256 && strchr(s, '/') == NULL && s[0] != '.' &&
	    strcmp(s + n - 4, ".rpg") == 0;
}

static int
parse_entry_extra(struct rpg_ctx *ctx, const char *what, struct json_object *o,
    struct rpg_index_entry *e)
{
	struct json_object *v;
	const char *s;

	if (!json_object_object_get_ex(o, "filename", &v) || !json_object_is_type(v, json_type_string) ||
	    !valid_filename(s = json_object_get_string(v)) ||
	    strlen(s) != (size_t)json_object_get_string_len(v)) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"filename\": missing or unsafe", what);
	}
	if ((e->filename = strdup(s)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", what);
	}
	errno = 0;
	if (!json_object_object_get_ex(o, "size", &v) || !json_object_is_type(v, json_type_int) ||
	    json_object_get_int64(v) < 0 || errno != 0) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"size\": missing or invalid", what);
	}
	e->size = (uint64_t)json_object_get_int64(v);
	if (!json_object_object_get_ex(o, "sha256", &v) || !json_object_is_type(v, json_type_string) ||
	    json_object_get_string_len(v) != 64 ||
	    rpg_unhex(json_object_get_string(v), e->sha256, RPG_SHA256_LEN) != 0) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"sha256\": missing or invalid", what);
	}
	return 0;
}

static int
parse_entries(struct rpg_ctx *ctx, const char *what, struct json_object *o, struct rpg_index *ix)
{
	struct json_object *a, *v;
	char where[512];
	size_t i, n;
	int rc;

	if (!json_object_object_get_ex(o, "packages", &a) || !json_object_is_type(a, json_type_array)) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"packages\": missing or not an array", what);
	}
	n = json_object_array_length(a);
	if (n > 0 && (ix->entries = calloc(n, sizeof(*ix->entries))) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", what);
	}
	for (i = 0; i < n; i++) {
		v = json_object_array_get_idx(a, i);
		ix->nentries = i + 1;
		snprintf(where, sizeof(where), "%s: packages[%zu]", what, i);
		if ((rc = rpg_manifest_from_json(ctx, where, v, RPG_MJ_INDEX, &ix->entries[i].m)) != 0 ||
		    (rc = parse_entry_extra(ctx, where, v, &ix->entries[i])) != 0) {
			return rc;
		}
	}
	return 0;
}

int
rpg_index_parse(struct rpg_ctx *ctx, const char *what, const char *json, size_t len,
    struct rpg_index **out)
{
	struct json_object *o = NULL;
	struct rpg_index *ix;
	int rc;

	*out = NULL;
	if (len > INDEX_MAX) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: index larger than %u bytes", what, INDEX_MAX);
	}
	if ((ix = calloc(1, sizeof(*ix))) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", what);
	}
	if ((rc = rpg_json_parse(ctx, what, json, len, 0, &o)) == 0 &&
	    (rc = check_top(ctx, what, o)) == 0 &&
	    (rc = get_serial(ctx, what, o, &ix->serial)) == 0) {
		rc = parse_entries(ctx, what, o, ix);
	}
	json_object_put(o);
	if (rc != 0) {
		rpg_index_free(ix);
		return rc;
	}
	*out = ix;
	return 0;
}

void
rpg_index_free(struct rpg_index *ix)
{
	size_t i;

	if (ix == NULL) {
		return;
	}
	for (i = 0; i < ix->nentries; i++) {
		rpg_manifest_free(ix->entries[i].m);
		free(ix->entries[i].filename);
	}
	free(ix->entries);
	free(ix);
}

static int
cmp_evr(const struct rpg_index_entry *a, const struct rpg_index_entry *b)
{
	char ea[256], eb[256];

	return rpg_evrcmp(rpg_index_evr(a, ea, sizeof(ea)), rpg_index_evr(b, eb, sizeof(eb)));
}

static int
provides(const struct rpg_manifest *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nprovides; i++) {
		if (strcmp(m->provides[i].name, name) == 0) {
			return 1;
		}
	}
	return 0;
}

/* Newest entry matching name exactly (by_provides == 0) or through "provides". */
static const struct rpg_index_entry *
find(const struct rpg_index *ix, const char *name, int by_provides)
{
	const struct rpg_index_entry *best = NULL, *e;
	size_t i;

	for (i = 0; i < ix->nentries; i++) {
		e = &ix->entries[i];
		if (by_provides ? !provides(e->m, name) : strcmp(e->m->name, name) != 0) {
			continue;
		}
		if (best == NULL || cmp_evr(e, best) > 0) {
			best = e;
		}
	}
	return best;
}

const struct rpg_index_entry *
rpg_index_find(const struct rpg_index *ix, const char *name)
{
	const struct rpg_index_entry *e = find(ix, name, 0);

	return e != NULL ? e : find(ix, name, 1);
}

static int
cmp_entry(const void *pa, const void *pb)
{
	const struct rpg_index_entry *a = pa, *b = pb;
	int c;

	if ((c = strcmp(a->m->name, b->m->name)) != 0 || (c = cmp_evr(a, b)) != 0 ||
	    (c = strcmp(a->m->arch, b->m->arch)) != 0) {
		return c;
	}
	return strcmp(a->filename, b->filename);
}

void
rpg_index_sort(struct rpg_index *ix)
{
	if (ix->nentries > 1) {
		qsort(ix->entries, ix->nentries, sizeof(*ix->entries), cmp_entry);
	}
}

char *
rpg_index_serialize(const struct rpg_index *ix, size_t *len)
{
	struct rpg_buf b = { 0 };
	char hex[RPG_SHA256_HEX];
	const struct rpg_index_entry *e;
	size_t i;

	rpg_buf_printf(&b, "{\n  \"format\": 1,\n  \"serial\": %llu,\n  \"packages\": [",
	    (unsigned long long)ix->serial);
	for (i = 0; i < ix->nentries; i++) {
		e = &ix->entries[i];
		rpg_buf_puts(&b, i > 0 ? ",\n    {\n" : "\n    {\n");
		rpg_manifest_write_fields(&b, e->m, "      ");
		rpg_buf_puts(&b, "      \"filename\": ");
		rpg_buf_json_str(&b, e->filename);
		rpg_hex(e->sha256, RPG_SHA256_LEN, hex);
		rpg_buf_printf(&b, ",\n      \"size\": %llu,\n      \"sha256\": \"%s\"\n    }",
		    (unsigned long long)e->size, hex);
	}
	rpg_buf_puts(&b, ix->nentries > 0 ? "\n  ]\n}\n" : "]\n}\n");
	return rpg_buf_take(&b, len);
}
