/* recipe.c - rustica-mkimage: image recipes (images/NAME.json) */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "recipe.h"
#include "util.h"

#define MAX_DEPTH 4

enum kind { K_STR, K_UINT, K_LIST, K_INCLUDE, K_DOC };

/* The one table of recipe keys: anything else is an error. */
static const struct {
	const char *key;
	enum kind kind;
	size_t off;		/* into struct mk_recipe, for K_STR and K_UINT */
	size_t size;		/* of the K_STR buffer */
} keys[] = {
	{ "include", K_INCLUDE, 0, 0 },
	{ "name", K_STR, offsetof(struct mk_recipe, name), sizeof(((struct mk_recipe *)0)->name) },
	{ "output", K_STR, offsetof(struct mk_recipe, output), sizeof(((struct mk_recipe *)0)->output) },
	{ "label", K_STR, offsetof(struct mk_recipe, label), sizeof(((struct mk_recipe *)0)->label) },
	{ "kernel", K_STR, offsetof(struct mk_recipe, kernel), sizeof(((struct mk_recipe *)0)->kernel) },
	{ "cmdline", K_STR, offsetof(struct mk_recipe, cmdline), sizeof(((struct mk_recipe *)0)->cmdline) },
	{ "esp_size_mib", K_UINT, offsetof(struct mk_recipe, esp_mib), 0 },
	{ "disk_size_mib", K_UINT, offsetof(struct mk_recipe, disk_mib), 0 },
	{ "tries", K_UINT, offsetof(struct mk_recipe, tries), 0 },
	{ "packages", K_LIST, 0, 0 },
	{ "extra_packages", K_LIST, 1, 0 },
	{ "summary", K_DOC, 0, 0 },
};

static int load(const char *path, struct mk_recipe *r, int depth);

static int
set_str(const char *path, const char *key, json_object *v, char *dst, size_t size)
{
	const char *s;

	if (!json_object_is_type(v, json_type_string)) {
		return mk_fail("%s: %s: expected a string", path, key);
	}
	s = json_object_get_string(v);
	if (strlen(s) >= size || strchr(s, '\n') != NULL) {
		return mk_fail("%s: %s: too long or multi-line", path, key);
	}
	memcpy(dst, s, strlen(s) + 1);
	return 0;
}

static int
set_uint(const char *path, const char *key, json_object *v, unsigned *dst)
{
	int64_t n;

	if (!json_object_is_type(v, json_type_int)) {
		return mk_fail("%s: %s: expected an integer", path, key);
	}
	n = json_object_get_int64(v);
	if (n < 0 || n > 1024 * 1024) {
		return mk_fail("%s: %s: out of range", path, key);
	}
	*dst = (unsigned)n;
	return 0;
}

static int
set_list(const char *path, const char *key, json_object *v, struct mk_recipe *r, int append)
{
	size_t i, n;
	json_object *e;

	if (!json_object_is_type(v, json_type_array)) {
		return mk_fail("%s: %s: expected a list of package names", path, key);
	}
	if (!append) {
		mk_recipe_free(r);
	}
	n = json_object_array_length(v);
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(v, i);
		if (!json_object_is_type(e, json_type_string) || json_object_get_string_len(e) == 0 ||
		    strpbrk(json_object_get_string(e), " \t\n/") != NULL) {
			return mk_fail("%s: %s[%zu]: expected a package name", path, key, i);
		}
		if (r->npackages == MK_MAX_PACKAGES) {
			return mk_fail("%s: %s: more than %d packages", path, key, MK_MAX_PACKAGES);
		}
		r->packages[r->npackages++] = strdup(json_object_get_string(e));
	}
	return 0;
}

static int
include(const char *path, json_object *v, struct mk_recipe *r, int depth)
{
	char buf[4096];
	const char *slash = strrchr(path, '/');
	const char *inc;

	if (!json_object_is_type(v, json_type_string)) {
		return mk_fail("%s: include: expected a file name", path);
	}
	inc = json_object_get_string(v);
	if (depth >= MAX_DEPTH) {
		return mk_fail("%s: include: nested too deep", path);
	}
	if (inc[0] == '/' || slash == NULL) {
		snprintf(buf, sizeof(buf), "%s", inc);
	} else {
		snprintf(buf, sizeof(buf), "%.*s/%s", (int)(slash - path), path, inc);
	}
	return load(buf, r, depth + 1);
}

static int
apply(const char *path, const char *key, json_object *v, struct mk_recipe *r, int depth)
{
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(keys[i].key, key) != 0) {
			continue;
		}
		switch (keys[i].kind) {
		case K_INCLUDE:
			return include(path, v, r, depth);
		case K_DOC:
			return json_object_is_type(v, json_type_string) ? 0 :
			    mk_fail("%s: %s: expected a string", path, key);
		case K_STR:
			return set_str(path, key, v, (char *)r + keys[i].off, keys[i].size);
		case K_UINT:
			return set_uint(path, key, v, (unsigned *)((char *)r + keys[i].off));
		case K_LIST:
			return set_list(path, key, v, r, keys[i].off != 0);
		}
	}
	return mk_fail("%s: unknown key '%s'", path, key);
}

static int
load(const char *path, struct mk_recipe *r, int depth)
{
	json_object *root, *v;
	char *text;
	int rc = 0;

	if (mk_read_file(path, &text, NULL) != 0) {
		return -1;
	}
	root = json_tokener_parse(text);
	free(text);
	if (root == NULL || !json_object_is_type(root, json_type_object)) {
		json_object_put(root);
		return mk_fail("%s: not a JSON object", path);
	}
	/* include first, so this file's keys override the included ones whatever their order. */
	if (json_object_object_get_ex(root, "include", &v)) {
		rc = include(path, v, r, depth);
	}
	json_object_object_foreach(root, key, val) {
		if (rc == 0 && strcmp(key, "include") != 0) {
			rc = apply(path, key, val, r, depth);
		}
	}
	json_object_put(root);
	return rc;
}

static int
check(const char *path, const struct mk_recipe *r)
{
	if (r->name[0] == '\0' || r->output[0] == '\0' || r->label[0] == '\0' ||
	    r->kernel[0] == '\0' || r->npackages == 0) {
		return mk_fail("%s: name, output, label, kernel and packages are required", path);
	}
	if (strlen(r->label) > 11 || strchr(r->output, '/') != NULL) {
		return mk_fail("%s: label over 11 characters or output with a '/'", path);
	}
	if (r->esp_mib < 34 || r->tries == 0 || r->tries > 99) {
		return mk_fail("%s: esp_size_mib must be at least 34 (FAT32), tries 1-99", path);
	}
	return 0;
}

int
mk_recipe_load(const char *path, struct mk_recipe *r)
{
	memset(r, 0, sizeof(*r));
	r->esp_mib = 64;
	r->tries = 3;
	snprintf(r->kernel, sizeof(r->kernel), "rustux-kernel");
	if (load(path, r, 0) != 0) {
		mk_recipe_free(r);
		return -1;
	}
	return check(path, r);
}

void
mk_recipe_free(struct mk_recipe *r)
{
	unsigned i;

	for (i = 0; i < r->npackages; i++) {
		free(r->packages[i]);
		r->packages[i] = NULL;
	}
	r->npackages = 0;
}
