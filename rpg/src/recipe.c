/* recipe.c - rpg: package recipes, validated against a fixed key set with json-c */
/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "err.h"
#include "io.h"
#include "manifest_json.h"
#include "recipe.h"

#define RECIPE_MAX (1u << 20)

static const char *const keys[] = {
	"name", "version", "release", "arch", "type", "summary", "license",
	"depends", "conflicts", "provides", "source", "build", "install", NULL
};
static const char *const required[] = {
	"name", "version", "release", "arch", "type", "summary", "license", NULL
};

static int
known(const char *k)
{
	const char *const *p;

	for (p = keys; *p != NULL; p++) {
		if (strcmp(*p, k) == 0) {
			return 1;
		}
	}
	return 0;
}

static int
check_keys(struct rpg_ctx *ctx, const char *path, struct json_object *o)
{
	struct json_object_iterator it, end;
	const char *const *p;

	if (!json_object_is_type(o, json_type_object)) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: not a JSON object", path);
	}
	it = json_object_iter_begin(o);
	end = json_object_iter_end(o);
	for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
		if (!known(json_object_iter_peek_name(&it))) {
			return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"%s\": unknown key", path,
			    json_object_iter_peek_name(&it));
		}
	}
	for (p = required; *p != NULL; p++) {
		if (!json_object_object_get_ex(o, *p, NULL)) {
			return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"%s\": missing", path, *p);
		}
	}
	return 0;
}

static int
get_step(struct rpg_ctx *ctx, const char *path, struct json_object *o, const char *key,
    const char *dflt, char **out)
{
	struct json_object *v;
	const char *s = dflt;

	if (json_object_object_get_ex(o, key, &v)) {
		if (!json_object_is_type(v, json_type_string) ||
		    strlen(json_object_get_string(v)) != (size_t)json_object_get_string_len(v)) {
			return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"%s\": must be a string", path, key);
		}
		s = json_object_get_string(v);
	}
	if ((*out = strdup(s)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", path);
	}
	return 0;
}

static int
set_dirs(struct rpg_ctx *ctx, struct rpg_recipe *r, const char *source)
{
	char buf[PATH_MAX], *copy, *slash;

	if ((copy = strdup(r->path)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", r->path);
	}
	slash = strrchr(copy, '/');
	if (slash != NULL) {
		*slash = '\0';
	}
	if (realpath(slash != NULL ? (*copy != '\0' ? copy : "/") : ".", buf) == NULL) {
		free(copy);
		return rpg_fail(ctx, RPG_E_NOTFOUND, "%s: cannot resolve its directory", r->path);
	}
	free(copy);
	if ((r->dir = strdup(buf)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", r->path);
	}
	if (source[0] == '/') {
		snprintf(buf, sizeof(buf), "%s", source);
	} else if ((size_t)snprintf(buf, sizeof(buf), "%s/%s", r->dir, source) >= sizeof(buf)) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: \"source\": path too long", r->path);
	}
	if ((r->source = realpath(buf, NULL)) == NULL) {
		return rpg_fail(ctx, RPG_E_NOTFOUND, "%s: \"source\": %s does not exist", r->path, buf);
	}
	return 0;
}

static int
load(struct rpg_ctx *ctx, struct rpg_recipe *r, struct json_object *o)
{
	char *source = NULL;
	int rc;

	if ((rc = check_keys(ctx, r->path, o)) != 0 ||
	    (rc = rpg_manifest_from_json(ctx, r->path, o, RPG_MJ_RECIPE, &r->m)) != 0 ||
	    (rc = get_step(ctx, r->path, o, "build", "", &r->build)) != 0 ||
	    (rc = get_step(ctx, r->path, o, "install", "", &r->install)) != 0 ||
	    (rc = get_step(ctx, r->path, o, "source", ".", &source)) != 0) {
		return rc;
	}
	rc = set_dirs(ctx, r, source);
	free(source);
	return rc;
}

int
rpg_recipe_load(struct rpg_ctx *ctx, const char *path, struct rpg_recipe **out)
{
	struct rpg_recipe *r;
	struct json_object *o = NULL;
	char *text = NULL;
	size_t len;
	int rc;

	*out = NULL;
	if ((r = calloc(1, sizeof(*r))) == NULL || (r->path = strdup(path)) == NULL) {
		free(r);
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", path);
	}
	rc = rpg_io_read_file(ctx, path, RECIPE_MAX, &text, &len);
	if (rc == 0) {
		rc = rpg_json_parse(ctx, path, text, len, 1, &o);
	}
	if (rc == 0) {
		rc = load(ctx, r, o);
	}
	json_object_put(o);
	free(text);
	if (rc != 0) {
		rpg_recipe_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

void
rpg_recipe_free(struct rpg_recipe *r)
{
	if (r == NULL) {
		return;
	}
	rpg_manifest_free(r->m);
	free(r->path);
	free(r->dir);
	free(r->source);
	free(r->build);
	free(r->install);
	free(r);
}
