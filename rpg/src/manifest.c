/* manifest.c - rpg: the signed package manifest, parsed and validated with json-c */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "err.h"
#include "manifest.h"
#include "manifest_json.h"

#define PATH_MAX_LEN 4095

static const struct {
	enum rpg_pkgtype type;
	const char *name;
} pkgtypes[] = {
	{ RPG_TYPE_USER, "user" },
	{ RPG_TYPE_KERNEL, "kernel" },
	{ RPG_TYPE_BOOT, "boot" },
	{ RPG_TYPE_META, "meta" },
};

static const struct {
	enum rpg_ftype type;
	const char *name;
} ftypes[] = {
	{ RPG_FT_FILE, "file" },
	{ RPG_FT_DIR, "dir" },
	{ RPG_FT_SYMLINK, "symlink" },
};

/* Keys of a manifest; index entries add filename, size and sha256. */
static const char *const manifest_keys[] = {
	"format", "name", "version", "release", "arch", "type", "summary", "license",
	"depends", "conflicts", "provides", "build_date", "installed_size", "files", NULL
};
static const char *const index_keys[] = { "filename", "size", "sha256", NULL };
static const char *const recipe_keys[] = { "source", "build", "install", NULL };
static const char *const file_keys[] = { "path", "type", "mode", "size", "sha256", "target", NULL };

const char *
rpg_pkgtype_name(enum rpg_pkgtype t)
{
	size_t i;

	for (i = 0; i < sizeof(pkgtypes) / sizeof(pkgtypes[0]); i++) {
		if (pkgtypes[i].type == t) {
			return pkgtypes[i].name;
		}
	}
	return "unknown";
}

enum rpg_pkgtype
rpg_pkgtype_parse(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof(pkgtypes) / sizeof(pkgtypes[0]); i++) {
		if (strcmp(pkgtypes[i].name, s) == 0) {
			return pkgtypes[i].type;
		}
	}
	return 0;
}

static const char *
ftype_name(enum rpg_ftype t)
{
	size_t i;

	for (i = 0; i < sizeof(ftypes) / sizeof(ftypes[0]); i++) {
		if (ftypes[i].type == t) {
			return ftypes[i].name;
		}
	}
	return "unknown";
}

static enum rpg_ftype
ftype_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(ftypes) / sizeof(ftypes[0]); i++) {
		if (strcmp(ftypes[i].name, s) == 0) {
			return ftypes[i].type;
		}
	}
	return 0;
}

int
rpg_json_parse(struct rpg_ctx *ctx, const char *what, const char *json, size_t len,
    int comments, struct json_object **out)
{
	struct json_tokener *tok;
	struct json_object *o;
	enum json_tokener_error e;
	size_t end;

	*out = NULL;
	if (len > INT_MAX) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: too large", what);
	}
	if ((tok = json_tokener_new()) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", what);
	}
	if (!comments) {
		json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	}
	o = json_tokener_parse_ex(tok, json, (int)len);
	e = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (o == NULL || e != json_tokener_success) {
		json_object_put(o);
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: invalid JSON: %s", what,
		    e == json_tokener_continue ? "unexpected end" : json_tokener_error_desc(e));
	}
	while (end < len && isspace((unsigned char)json[end])) {
		end++;
	}
	if (end != len) {
		json_object_put(o);
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: invalid JSON: trailing data at byte %zu",
		    what, end);
	}
	*out = o;
	return 0;
}

static int
in_list(const char *const *list, const char *key)
{
	for (; *list != NULL; list++) {
		if (strcmp(*list, key) == 0) {
			return 1;
		}
	}
	return 0;
}

/* A string member, or NULL: *err is set when present but not a clean string. */
static const char *
get_str(struct json_object *o, const char *key, int *err)
{
	struct json_object *v;
	const char *s;

	*err = 0;
	if (!json_object_object_get_ex(o, key, &v)) {
		return NULL;
	}
	if (!json_object_is_type(v, json_type_string)) {
		*err = 1;
		return NULL;
	}
	s = json_object_get_string(v);
	if ((size_t)json_object_get_string_len(v) != strlen(s)) {
		*err = 1;	/* embedded NUL */
		return NULL;
	}
	return s;
}

/* An integer member in [min, max]: 1 found, 0 absent, -1 wrong type or range. */
static int
get_int(struct json_object *o, const char *key, int64_t min, int64_t max, int64_t *val)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v)) {
		return 0;
	}
	if (!json_object_is_type(v, json_type_int)) {
		return -1;
	}
	errno = 0;
	*val = json_object_get_int64(v);
	if (errno != 0 || *val < min || *val > max) {
		return -1;
	}
	return 1;
}

static int
valid_name(const char *s)
{
	const char *p;

	if (s == NULL || !isalnum((unsigned char)*s) || strlen(s) > 128) {
		return 0;
	}
	for (p = s; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && strchr("._+-", *p) == NULL) {
			return 0;
		}
	}
	return 1;
}

static int
valid_arch(const char *s)
{
	const char *p;

	if (s == NULL || *s == '\0' || strlen(s) > 32) {
		return 0;
	}
	for (p = s; *p != '\0'; p++) {
		if (!isalnum((unsigned char)*p) && *p != '_') {
			return 0;
		}
	}
	return 1;
}

/* 1 if path is relative, normalised, and free of "." and ".." components. */
static int
valid_path(const char *s)
{
	const char *p = s, *e;
	size_t n;

	if (*s == '\0' || *s == '/' || strlen(s) > PATH_MAX_LEN || !rpg_utf8_valid(s)) {
		return 0;
	}
	if (strncmp(s, ".RPG", 4) == 0 && (s[4] == '\0' || s[4] == '/')) {
		return 0;	/* the package's own metadata, never payload */
	}
	for (;;) {
		e = strchr(p, '/');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' && p[1] == '.')) {
			return 0;
		}
		if (e == NULL) {
			return 1;
		}
		p = e + 1;
	}
}

static int
fail_key(struct rpg_ctx *ctx, const char *what, const char *key, const char *why)
{
	return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"%s\": %s", what, key, why);
}

static int
check_keys(struct rpg_ctx *ctx, const char *what, struct json_object *o,
    const char *const *keys, const char *const *more)
{
	struct json_object_iterator it, end;
	const char *k;

	it = json_object_iter_begin(o);
	end = json_object_iter_end(o);
	for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
		k = json_object_iter_peek_name(&it);
		if (!in_list(keys, k) && (more == NULL || !in_list(more, k))) {
			return fail_key(ctx, what, k, "unknown key");
		}
	}
	return 0;
}

static int
dup_str(struct rpg_ctx *ctx, const char *what, const char *s, char **out)
{
	if ((*out = strdup(s)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", what);
	}
	return 0;
}

/* Read a string member that must be there (and satisfy valid, if given). */
static int
need_str(struct rpg_ctx *ctx, const char *what, struct json_object *o, const char *key,
    int (*valid)(const char *), char **out)
{
	const char *s;
	int err;

	s = get_str(o, key, &err);
	if (err) {
		return fail_key(ctx, what, key, "must be a string");
	}
	if (s == NULL) {
		return fail_key(ctx, what, key, "missing");
	}
	if (valid != NULL && !valid(s)) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"%s\": invalid value \"%s\"", what, key, s);
	}
	return dup_str(ctx, what, s, out);
}

static int
parse_deps(struct rpg_ctx *ctx, const char *what, struct json_object *o, const char *key,
    struct rpg_dep **deps, size_t *n)
{
	struct json_object *a, *v;
	size_t i, len;
	int rc;

	*deps = NULL;
	*n = 0;
	if (!json_object_object_get_ex(o, key, &a)) {
		return 0;
	}
	if (!json_object_is_type(a, json_type_array)) {
		return fail_key(ctx, what, key, "must be an array of strings");
	}
	len = json_object_array_length(a);
	if (len == 0) {
		return 0;
	}
	if ((*deps = calloc(len, sizeof(**deps))) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", what);
	}
	for (i = 0; i < len; i++) {
		v = json_object_array_get_idx(a, i);
		if (!json_object_is_type(v, json_type_string)) {
			return fail_key(ctx, what, key, "must be an array of strings");
		}
		*n = i + 1;
		rc = rpg_dep_parse(json_object_get_string(v), &(*deps)[i]);
		if (rc == 0 && (size_t)json_object_get_string_len(v) !=
		    strlen(json_object_get_string(v))) {
			rc = RPG_E_FORMAT;
		}
		if (rc != 0) {
			return rpg_fail(ctx, rc, "%s: \"%s\": invalid entry \"%s\"", what, key,
			    json_object_get_string(v));
		}
	}
	return 0;
}

static int
parse_file_fields(struct rpg_ctx *ctx, const char *what, struct json_object *o,
    struct rpg_file *f)
{
	const char *s;
	int64_t v;
	int err, r;

	s = get_str(o, "type", &err);
	if (s == NULL || (f->type = ftype_parse(s)) == 0) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"type\" must be file, dir or symlink", what);
	}
	if (get_int(o, "mode", 0, 07777, &v) != 1) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"mode\" must be an integer in 0..07777", what);
	}
	f->mode = (unsigned)v;
	r = get_int(o, "size", 0, INT64_MAX, &v);
	if ((r == 1) != (f->type == RPG_FT_FILE) || r < 0) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"size\" %s", what,
		    f->type == RPG_FT_FILE ? "missing or invalid" : "only for files");
	}
	f->size = r == 1 ? (uint64_t)v : 0;
	s = get_str(o, "sha256", &err);
	if (err || (s != NULL) != (f->type == RPG_FT_FILE) ||
	    (s != NULL && (strlen(s) != 64 || rpg_unhex(s, f->sha256, RPG_SHA256_LEN) != 0))) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"sha256\" %s", what,
		    f->type == RPG_FT_FILE ? "missing or invalid" : "only for files");
	}
	s = get_str(o, "target", &err);
	if (err || (s != NULL) != (f->type == RPG_FT_SYMLINK) || (s != NULL && *s == '\0') ||
	    (s != NULL && (strlen(s) > PATH_MAX_LEN || !rpg_utf8_valid(s)))) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"target\" %s", what,
		    f->type == RPG_FT_SYMLINK ? "missing or invalid" : "only for symlinks");
	}
	return s != NULL ? dup_str(ctx, what, s, &f->target) : 0;
}

static int
parse_file(struct rpg_ctx *ctx, const char *what, size_t i, struct json_object *o,
    struct rpg_file *f)
{
	char where[PATH_MAX_LEN + 256];
	const char *path;
	int err;

	if (!json_object_is_type(o, json_type_object)) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: files[%zu]: not an object", what, i);
	}
	path = get_str(o, "path", &err);
	if (path == NULL) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: files[%zu]: \"path\" missing or invalid",
		    what, i);
	}
	snprintf(where, sizeof(where), "%s: %s", what, path);
	if (!valid_path(path)) {
		return rpg_fail(ctx, RPG_E_UNSAFE,
		    "%s: unsafe path (absolute, empty, '.', '..', .RPG or not UTF-8)",
		    where);
	}
	if (check_keys(ctx, where, o, file_keys, NULL) != 0) {
		return ctx->err.code;
	}
	if (dup_str(ctx, what, path, &f->path) != 0) {
		return RPG_E_NOMEM;
	}
	return parse_file_fields(ctx, where, o, f);
}

/* No path may sit below a symlink of the same package: installing it would write through the link. */
static int
check_tree(struct rpg_ctx *ctx, const char *what, const struct rpg_manifest *m)
{
	const struct rpg_file *f;
	char *p, *slash;
	size_t i;

	for (i = 0; i < m->nfiles; i++) {
		if (i > 0 && strcmp(m->files[i - 1].path, m->files[i].path) >= 0) {
			return rpg_fail(ctx, RPG_E_FORMAT, "%s: %s: files not sorted or duplicated",
			    what, m->files[i].path);
		}
	}
	for (i = 0; i < m->nfiles; i++) {
		if ((p = strdup(m->files[i].path)) == NULL) {
			return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", what);
		}
		while ((slash = strrchr(p, '/')) != NULL) {
			*slash = '\0';
			f = rpg_manifest_find(m, p);
			if (f != NULL && f->type != RPG_FT_DIR) {
				free(p);
				return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: parent %s is not a directory",
				    what, m->files[i].path, f->path);
			}
		}
		free(p);
	}
	return 0;
}

static int
parse_files(struct rpg_ctx *ctx, const char *what, struct json_object *o, struct rpg_manifest *m)
{
	struct json_object *a;
	size_t i, len;
	int rc;

	if (!json_object_object_get_ex(o, "files", &a)) {
		return fail_key(ctx, what, "files", "missing");
	}
	if (!json_object_is_type(a, json_type_array)) {
		return fail_key(ctx, what, "files", "must be an array");
	}
	len = json_object_array_length(a);
	if (len > 0 && (m->files = calloc(len, sizeof(*m->files))) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", what);
	}
	for (i = 0; i < len; i++) {
		m->nfiles = i + 1;
		rc = parse_file(ctx, what, i, json_object_array_get_idx(a, i), &m->files[i]);
		if (rc != 0) {
			return rc;
		}
		m->installed_size += m->files[i].size;
	}
	return check_tree(ctx, what, m);
}

static int
parse_numbers(struct rpg_ctx *ctx, const char *what, struct json_object *o,
    struct rpg_manifest *m, int flags)
{
	int64_t v;
	int r;

	if (get_int(o, "format", 1, 1, &v) < 0) {
		return fail_key(ctx, what, "format", "unsupported (this rpg reads format 1)");
	}
	r = get_int(o, "release", 0, UINT_MAX, &v);
	if (r != 1) {
		return fail_key(ctx, what, "release", r == 0 ? "missing" : "must be a non-negative integer");
	}
	m->release = (unsigned)v;
	r = get_int(o, "build_date", 0, INT64_MAX, &v);
	if (r < 0) {
		return fail_key(ctx, what, "build_date", "must be a non-negative integer");
	}
	m->build_date = r == 1 ? v : 0;
	r = get_int(o, "installed_size", 0, INT64_MAX, &v);
	if (r < 0 || (r == 1 && (flags & RPG_MJ_FILES) && (uint64_t)v != m->installed_size)) {
		return fail_key(ctx, what, "installed_size", "invalid or not the sum of file sizes");
	}
	if (r == 1) {
		m->installed_size = (uint64_t)v;
	}
	return 0;
}

static int
parse_opt_str(struct rpg_ctx *ctx, const char *what, struct json_object *o, const char *key,
    char **out)
{
	const char *s;
	int err;

	s = get_str(o, key, &err);
	if (err) {
		return fail_key(ctx, what, key, "must be a string");
	}
	return dup_str(ctx, what, s != NULL ? s : "", out);
}

static int
parse_header(struct rpg_ctx *ctx, const char *what, struct json_object *o, struct rpg_manifest *m)
{
	char *type = NULL;
	int rc;

	if ((rc = need_str(ctx, what, o, "name", valid_name, &m->name)) != 0 ||
	    (rc = need_str(ctx, what, o, "version", rpg_version_valid, &m->version)) != 0 ||
	    (rc = need_str(ctx, what, o, "arch", valid_arch, &m->arch)) != 0 ||
	    (rc = need_str(ctx, what, o, "type", NULL, &type)) != 0) {
		return rc;
	}
	m->type = rpg_pkgtype_parse(type);
	free(type);
	if (m->type == 0) {
		return fail_key(ctx, what, "type", "must be user, kernel, boot or meta");
	}
	if ((rc = parse_opt_str(ctx, what, o, "summary", &m->summary)) != 0 ||
	    (rc = parse_opt_str(ctx, what, o, "license", &m->license)) != 0 ||
	    (rc = parse_deps(ctx, what, o, "depends", &m->depends, &m->ndepends)) != 0 ||
	    (rc = parse_deps(ctx, what, o, "conflicts", &m->conflicts, &m->nconflicts)) != 0 ||
	    (rc = parse_deps(ctx, what, o, "provides", &m->provides, &m->nprovides)) != 0) {
		return rc;
	}
	for (size_t i = 0; i < m->nprovides; i++) {
		if (m->provides[i].op != RPG_OP_ANY && m->provides[i].op != RPG_OP_EQ) {
			return fail_key(ctx, what, "provides", "only NAME or NAME=VERSION");
		}
	}
	return 0;
}

int
rpg_manifest_from_json(struct rpg_ctx *ctx, const char *what, struct json_object *o,
    int flags, struct rpg_manifest **out)
{
	struct rpg_manifest *m;
	int rc;

	*out = NULL;
	if (!json_object_is_type(o, json_type_object)) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: not a JSON object", what);
	}
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", what);
	}
	rc = check_keys(ctx, what, o, manifest_keys, (flags & RPG_MJ_INDEX) ? index_keys :
	    (flags & RPG_MJ_RECIPE) ? recipe_keys : NULL);
	if (rc == 0 && !(flags & RPG_MJ_FILES) && json_object_object_get_ex(o, "files", NULL)) {
		rc = fail_key(ctx, what, "files", "unexpected here");
	}
	if (rc == 0) {
		rc = parse_header(ctx, what, o, m);
	}
	if (rc == 0 && (flags & RPG_MJ_FILES)) {
		rc = parse_files(ctx, what, o, m);
	}
	if (rc == 0) {
		rc = parse_numbers(ctx, what, o, m, flags);
	}
	if (rc != 0) {
		rpg_manifest_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

int
rpg_manifest_parse(struct rpg_ctx *ctx, const char *what, const char *json, size_t len,
    struct rpg_manifest **out)
{
	struct json_object *o;
	int rc;

	*out = NULL;
	if (len > RPG_MANIFEST_MAX) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: manifest larger than %u bytes", what,
		    RPG_MANIFEST_MAX);
	}
	if ((rc = rpg_json_parse(ctx, what, json, len, 0, &o)) != 0) {
		return rc;
	}
	rc = rpg_manifest_from_json(ctx, what, o, RPG_MJ_FILES, out);
	json_object_put(o);
	return rc;
}

static void
write_deps(struct rpg_buf *b, const char *indent, const char *key, const struct rpg_dep *d,
    size_t n)
{
	char s[512];
	size_t i;

	rpg_buf_printf(b, "%s\"%s\": [", indent, key);
	for (i = 0; i < n; i++) {
		rpg_buf_puts(b, i > 0 ? ", " : "");
		rpg_buf_json_str(b, rpg_dep_format(&d[i], s, sizeof(s)));
	}
	rpg_buf_puts(b, "],\n");
}

void
rpg_manifest_write_fields(struct rpg_buf *b, const struct rpg_manifest *m, const char *indent)
{
	const struct {
		const char *key;
		const char *val;
	} strs[] = {
		{ "name", m->name }, { "version", m->version },
	};
	size_t i;

	rpg_buf_printf(b, "%s\"format\": 1,\n", indent);
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		rpg_buf_printf(b, "%s\"%s\": ", indent, strs[i].key);
		rpg_buf_json_str(b, strs[i].val);
		rpg_buf_puts(b, ",\n");
	}
	rpg_buf_printf(b, "%s\"release\": %u,\n%s\"arch\": ", indent, m->release, indent);
	rpg_buf_json_str(b, m->arch);
	rpg_buf_printf(b, ",\n%s\"type\": \"%s\",\n%s\"summary\": ", indent,
	    rpg_pkgtype_name(m->type), indent);
	rpg_buf_json_str(b, m->summary != NULL ? m->summary : "");
	rpg_buf_printf(b, ",\n%s\"license\": ", indent);
	rpg_buf_json_str(b, m->license != NULL ? m->license : "");
	rpg_buf_puts(b, ",\n");
	write_deps(b, indent, "depends", m->depends, m->ndepends);
	write_deps(b, indent, "conflicts", m->conflicts, m->nconflicts);
	write_deps(b, indent, "provides", m->provides, m->nprovides);
	rpg_buf_printf(b, "%s\"build_date\": %lld,\n%s\"installed_size\": %llu,\n", indent,
	    (long long)m->build_date, indent, (unsigned long long)m->installed_size);
}

static void
write_file(struct rpg_buf *b, const struct rpg_file *f)
{
	char hex[RPG_SHA256_HEX];

	rpg_buf_puts(b, "    {\"path\": ");
	rpg_buf_json_str(b, f->path);
	rpg_buf_printf(b, ", \"type\": \"%s\", \"mode\": %u", ftype_name(f->type), f->mode);
	if (f->type == RPG_FT_FILE) {
		rpg_hex(f->sha256, RPG_SHA256_LEN, hex);
		rpg_buf_printf(b, ", \"size\": %llu, \"sha256\": \"%s\"",
		    (unsigned long long)f->size, hex);
	}
	if (f->type == RPG_FT_SYMLINK) {
		rpg_buf_puts(b, ", \"target\": ");
		rpg_buf_json_str(b, f->target);
	}
	rpg_buf_puts(b, "}");
}

char *
rpg_manifest_serialize(const struct rpg_manifest *m, size_t *len)
{
	struct rpg_buf b = { 0 };
	size_t i;

	rpg_buf_puts(&b, "{\n");
	rpg_manifest_write_fields(&b, m, "  ");
	rpg_buf_puts(&b, "  \"files\": [\n");
	for (i = 0; i < m->nfiles; i++) {
		write_file(&b, &m->files[i]);
		rpg_buf_puts(&b, i + 1 < m->nfiles ? ",\n" : "\n");
	}
	rpg_buf_puts(&b, "  ]\n}\n");
	return rpg_buf_take(&b, len);
}

static void
free_deps(struct rpg_dep *d, size_t n)
{
	size_t i;

	for (i = 0; d != NULL && i < n; i++) {
		rpg_dep_free(&d[i]);
	}
	free(d);
}

void
rpg_manifest_drop_files(struct rpg_manifest *m)
{
	size_t i;

	for (i = 0; i < m->nfiles; i++) {
		free(m->files[i].path);
		free(m->files[i].target);
	}
	free(m->files);
	m->files = NULL;
	m->nfiles = 0;
}

void
rpg_manifest_free(struct rpg_manifest *m)
{
	if (m == NULL) {
		return;
	}
	free(m->name);
	free(m->version);
	free(m->arch);
	free(m->summary);
	free(m->license);
	free_deps(m->depends, m->ndepends);
	free_deps(m->conflicts, m->nconflicts);
	free_deps(m->provides, m->nprovides);
	rpg_manifest_drop_files(m);
	free(m);
}

const struct rpg_file *
rpg_manifest_find(const struct rpg_manifest *m, const char *path)
{
	size_t lo = 0, hi = m->nfiles, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(path, m->files[mid].path);
		if (c == 0) {
			return &m->files[mid];
		}
		if (c < 0) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	return NULL;
}

char *
rpg_manifest_nvr(const struct rpg_manifest *m, char *buf, size_t size)
{
	snprintf(buf, size, "%s-%s-%u", m->name, m->version, m->release);
	return buf;
}

char *
rpg_manifest_filename(const struct rpg_manifest *m, char *buf, size_t size)
{
	snprintf(buf, size, "%s-%s-%u.%s.rpg", m->name, m->version, m->release, m->arch);
	return buf;
}
