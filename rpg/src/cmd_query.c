/* cmd_query.c - rpg list, info, files, owner, check: the installed state, scriptable */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_util.h"
#include "err.h"
#include "fsutil.h"
#include "hash.h"
#include "slots.h"

/* Parse [--json] [--type T]; returns -1 on a usage error. */
static int
parse_opts(struct rpg_ctx *ctx, int argc, char **argv, int *json, const char **type)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "type", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	*json = 0;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'j') {
			*json = 1;
		} else if (ch == 't' && type != NULL && rpg_pkgtype_parse(optarg) != 0) {
			*type = optarg;
		} else {
			if (ch == 't')
				rpg_fail(ctx, RPG_E_USAGE, "--type: kernel, user, boot or meta");
			return -1;
		}
	}
	return 0;
}

static int
open_ro(struct rpg_ctx *ctx, struct rpg_db **db)
{
	int r;

	if ((r = cu_root_only(ctx)) < 0)
		return r;
	return cu_open_db(ctx, RPG_DB_READ, db);
}

int
cmd_list(struct rpg_ctx *ctx, int argc, char **argv)
{
	const struct rpg_manifest *m;
	const char *type = NULL;
	struct rpg_db *db;
	char evr[256];
	size_t i;
	int json, first = 1;

	if (parse_opts(ctx, argc, argv, &json, &type) < 0 || optind != argc)
		return 2;
	if (open_ro(ctx, &db) < 0)
		return 1;
	if (json)
		putchar('[');
	for (i = 0; i < db->npkgs; i++) {
		m = db->pkgs[i];
		if (type != NULL && m->type != rpg_pkgtype_parse(type))
			continue;
		cu_evr(m, evr, sizeof(evr));
		if (!json) {
			printf("%s\t%s\t%s\t%s\t%s\n", m->name, evr, m->arch, rpg_pkgtype_name(m->type),
			    m->summary != NULL ? m->summary : "");
			continue;
		}
		printf("%s{\"name\":", first ? "" : ",");
		cu_json_str(stdout, m->name);
		printf(",\"version\":");
		cu_json_str(stdout, evr);
		printf(",\"arch\":");
		cu_json_str(stdout, m->arch);
		printf(",\"type\":\"%s\",\"explicit\":%s,\"summary\":", rpg_pkgtype_name(m->type),
		    rpg_db_in_world(db, m->name) ? "true" : "false");
		cu_json_str(stdout, m->summary != NULL ? m->summary : "");
		putchar('}');
		first = 0;
	}
	if (json)
		puts("]");
	rpg_db_close(db);
	return 0;
}

/* One "key value" pair: a tab-separated line, or a JSON member. */
static void
kv(int json, int *first, const char *key, const char *value)
{
	if (!json) {
		printf("%s\t%s\n", key, value);
		return;
	}
	printf("%s\"%s\":", *first ? "" : ",", key);
	cu_json_str(stdout, value);
	*first = 0;
}

static void
deps_kv(int json, int *first, const char *key, const struct rpg_dep *d, size_t n)
{
	char buf[4096] = "", one[512];
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			strncat(buf, " ", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, cu_dep_str(&d[i], one, sizeof(one)), sizeof(buf) - strlen(buf) - 1);
	}
	kv(json, first, key, buf);
}

/* The boot slots, for a kernel: one "slot-X" line each. */
static void
slots_kv(struct rpg_ctx *ctx, int json, int *first)
{
	struct rpg_esp esp = { 0 };
	struct loaderconf c;
	struct lc_slot *s;
	char key[16], val[128], l;
	int present;

	if (rpg_esp_open(ctx, &esp) < 0 || rpg_slots_read(ctx, &esp, &c, &present) < 0 || !present) {
		ctx->err.code = 0;
		rpg_esp_close(&esp);
		return;
	}
	rpg_esp_close(&esp);
	kv(json, first, "default-slot", (char[2]){ c.default_slot, 0 });
	kv(json, first, "fallback-slot", (char[2]){ c.fallback_slot, 0 });
	for (l = 'a'; l <= 'b'; l++) {
		s = lc_slot(&c, l);
		snprintf(key, sizeof(key), "slot-%c", l);
		snprintf(val, sizeof(val), "%s %s tries=%u%s", s->version[0] ? s->version : "-",
		    s->version[0] ? lc_state_name(s->state) : "empty", s->tries,
		    c.default_slot == l ? " default" : "");
		kv(json, first, key, val);
	}
}

static void
info_one(struct rpg_ctx *ctx, struct rpg_db *db, const struct rpg_manifest *m, int json)
{
	char buf[PATH_MAX];
	int first = 1;

	if (json)
		putchar('{');
	kv(json, &first, "name", m->name);
	kv(json, &first, "version", cu_evr(m, buf, sizeof(buf)));
	kv(json, &first, "arch", m->arch);
	kv(json, &first, "type", rpg_pkgtype_name(m->type));
	kv(json, &first, "summary", m->summary != NULL ? m->summary : "");
	kv(json, &first, "license", m->license != NULL ? m->license : "");
	deps_kv(json, &first, "depends", m->depends, m->ndepends);
	deps_kv(json, &first, "conflicts", m->conflicts, m->nconflicts);
	deps_kv(json, &first, "provides", m->provides, m->nprovides);
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)m->installed_size);
	kv(json, &first, "installed-size", buf);
	snprintf(buf, sizeof(buf), "%zu", m->nfiles);
	kv(json, &first, "files", buf);
	snprintf(buf, sizeof(buf), "%lld", (long long)m->build_date);
	kv(json, &first, "build-date", buf);
	kv(json, &first, "explicit", rpg_db_in_world(db, m->name) ? "yes" : "no");
	if (rpg_db_prev_get(ctx, db, m->name, buf, sizeof(buf)) < 0)
		buf[0] = '\0';
	kv(json, &first, "previous", buf);
	if (m->type == RPG_TYPE_KERNEL)
		slots_kv(ctx, json, &first);
	if (json)
		puts("}");
}

int
cmd_info(struct rpg_ctx *ctx, int argc, char **argv)
{
	const struct rpg_manifest *m;
	struct rpg_db *db;
	int json, r = 0;

	if (parse_opts(ctx, argc, argv, &json, NULL) < 0 || argc - optind != 1)
		return 2;
	if (ctx->image != NULL) {
		struct rpg_esp esp = { 0 };
		struct loaderconf c;
		int first = 1, present = 0;

		/* An image's ESP holds the kernel slots and loader.conf, no db. */
		if ((r = rpg_esp_open(ctx, &esp)) == 0)
			r = rpg_slots_read(ctx, &esp, &c, &present);
		rpg_esp_close(&esp);
		if (r == 0 && !present)
			r = rpg_fail(ctx, RPG_E_NOTFOUND, "%s: no " RPG_LOADER_CONF, ctx->image);
		if (r < 0)
			return 1;
		if (json)
			putchar('{');
		kv(json, &first, "name", argv[optind]);
		slots_kv(ctx, json, &first);
		if (json)
			puts("}");
		return 0;
	}
	if (open_ro(ctx, &db) < 0)
		return 1;
	if ((m = rpg_db_find(db, argv[optind])) == NULL)
		r = rpg_fail(ctx, RPG_E_NOTFOUND, "%s: not installed", argv[optind]);
	else
		info_one(ctx, db, m, json);
	rpg_db_close(db);
	return r < 0 ? 1 : 0;
}

static const char *
ftype_name(enum rpg_ftype t)
{
	return t == RPG_FT_DIR ? "dir" : t == RPG_FT_SYMLINK ? "symlink" : "file";
}

int
cmd_files(struct rpg_ctx *ctx, int argc, char **argv)
{
	const struct rpg_manifest *m;
	const struct rpg_file *f;
	struct rpg_db *db;
	char hex[RPG_SHA256_HEX];
	size_t i;
	int json, r = 0;

	if (parse_opts(ctx, argc, argv, &json, NULL) < 0 || argc - optind != 1)
		return 2;
	if (open_ro(ctx, &db) < 0)
		return 1;
	if ((m = rpg_db_find(db, argv[optind])) == NULL) {
		r = rpg_fail(ctx, RPG_E_NOTFOUND, "%s: not installed", argv[optind]);
		goto out;
	}
	if (json)
		putchar('[');
	for (i = 0; i < m->nfiles; i++) {
		f = &m->files[i];
		if (!json) {
			printf("/%s\n", f->path);
			continue;
		}
		printf("%s{\"path\":", i ? "," : "");
		cu_json_str(stdout, f->path);
		printf(",\"type\":\"%s\",\"mode\":%u", ftype_name(f->type), f->mode);
		if (f->type == RPG_FT_FILE) {
			rpg_hex(f->sha256, RPG_SHA256_LEN, hex);
			printf(",\"size\":%llu,\"sha256\":\"%s\"", (unsigned long long)f->size, hex);
		} else if (f->type == RPG_FT_SYMLINK) {
			printf(",\"target\":");
			cu_json_str(stdout, f->target);
		}
		putchar('}');
	}
	if (json)
		puts("]");
out:
	rpg_db_close(db);
	return r < 0 ? 1 : 0;
}

int
cmd_owner(struct rpg_ctx *ctx, int argc, char **argv)
{
	const struct rpg_manifest *m;
	const struct rpg_file *f;
	struct rpg_db *db;
	char path[PATH_MAX], evr[256];
	const char *p;
	size_t n;
	int json, r = 0;

	if (parse_opts(ctx, argc, argv, &json, NULL) < 0 || argc - optind != 1)
		return 2;
	for (p = argv[optind]; *p == '/'; p++)
		;
	snprintf(path, sizeof(path), "%s", p);
	n = strlen(path);
	while (n > 0 && path[n - 1] == '/')
		path[--n] = '\0';
	if (open_ro(ctx, &db) < 0)
		return 1;
	if (!rpg_db_owner(db, path, NULL, &m, &f)) {
		r = rpg_fail(ctx, RPG_E_NOTFOUND, "/%s: not owned by any package", path);
	} else if (json) {
		printf("{\"path\":");
		cu_json_str(stdout, path);
		printf(",\"name\":");
		cu_json_str(stdout, m->name);
		printf(",\"version\":");
		cu_json_str(stdout, cu_evr(m, evr, sizeof(evr)));
		puts("}");
	} else {
		printf("/%s\t%s\t%s\n", path, m->name, cu_evr(m, evr, sizeof(evr)));
	}
	rpg_db_close(db);
	return r < 0 ? 1 : 0;
}

/* What is wrong with one installed file, or NULL. */
static const char *
check_file(int rootfd, const struct rpg_file *f, char *buf, size_t size)
{
	struct rpg_ctx quiet;
	uint8_t sum[RPG_SHA256_LEN];
	struct stat st;
	const char *base;
	char target[PATH_MAX];
	uint64_t len;
	ssize_t n;
	int dfd, fd;

	rpg_ctx_init(&quiet);
	if (rpg_fs_openparent(&quiet, rootfd, f->path, 0, &dfd, &base) < 0)
		return quiet.err.code == RPG_E_UNSAFE ? "path goes through a symbolic link" : "missing";
	if (fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		close(dfd);
		return "missing";
	}
	if (f->type == RPG_FT_DIR) {
		close(dfd);
		if (S_ISLNK(st.st_mode) && rpg_fs_opendir(&quiet, rootfd, f->path, 0, 0, &fd) == 0) {
			close(fd);
			return NULL;	/* a followed link to a directory (merged-usr) */
		}
		return S_ISDIR(st.st_mode) ? NULL : "not a directory";
	}
	if (f->type == RPG_FT_SYMLINK) {
		n = readlinkat(dfd, base, target, sizeof(target) - 1);
		close(dfd);
		if (n < 0)
			return "not a symbolic link";
		target[n] = '\0';
		return strcmp(target, f->target) == 0 ? NULL : "link target differs";
	}
	if (!S_ISREG(st.st_mode)) {
		close(dfd);
		return "not a regular file";
	}
	if ((st.st_mode & 07777) != f->mode) {
		close(dfd);
		snprintf(buf, size, "mode %04o, expected %04o", (unsigned)(st.st_mode & 07777), f->mode);
		return buf;
	}
	fd = openat(dfd, base, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	close(dfd);
	if (fd < 0 || rpg_sha256_file(fd, sum, &len) < 0) {
		if (fd >= 0)
			close(fd);
		return "unreadable";
	}
	close(fd);
	if (len != f->size)
		return "size differs";
	return memcmp(sum, f->sha256, sizeof(sum)) == 0 ? NULL : "sha256 differs";
}

/* Report one problem as a line or a JSON object; counts it. */
static void
problem(int json, size_t *bad, const char *name, const char *path, const char *what)
{
	if (json) {
		printf("%s{\"name\":", *bad ? "," : "");
		cu_json_str(stdout, name);
		printf(",\"path\":");
		cu_json_str(stdout, path);
		printf(",\"problem\":");
		cu_json_str(stdout, what);
		putchar('}');
	} else {
		printf("%s\t/%s\t%s\n", name, path, what);
	}
	(*bad)++;
}

/*
 * A kernel lives in the boot slots: check the files of each slot whose
 * loader.conf version is the one the db recorded for it.
 */
static void
check_kernel(struct rpg_ctx *ctx, struct rpg_db *db, const struct rpg_manifest *m, int json,
    size_t *bad, size_t *files)
{
	uint8_t sum[RPG_SHA256_LEN];
	struct rpg_manifest *sm;
	struct rpg_esp esp = { 0 };
	struct loaderconf c;
	char path[PATH_MAX], ver[256], *data;
	size_t len, i;
	int present;
	char l;

	if (rpg_esp_open(ctx, &esp) < 0 || rpg_slots_read(ctx, &esp, &c, &present) < 0) {
		problem(json, bad, m->name, RPG_ESP_DIR "/" RPG_LOADER_CONF, "unreadable");
		ctx->err.code = 0;
		rpg_esp_close(&esp);
		return;
	}
	for (l = 'a'; l <= 'b'; l++) {
		if (rpg_db_slot_get(ctx, db, l, &sm) < 0 || sm == NULL) {
			ctx->err.code = 0;
			continue;
		}
		if (strcmp(cu_evr(sm, ver, sizeof(ver)), lc_slot(&c, l)->version) != 0) {
			rpg_manifest_free(sm);
			continue;	/* the slot was rewritten by other means */
		}
		for (i = 0; i < sm->nfiles; i++) {
			if (sm->files[i].type != RPG_FT_FILE)
				continue;
			(*files)++;
			snprintf(path, sizeof(path), RPG_SLOTS_DIR "/slot-%c/%s", l,
			    sm->files[i].path + strlen("boot/"));
			if (esp.ops->read(ctx, esp.priv, path, &data, &len) < 0) {
				ctx->err.code = 0;
				snprintf(path, sizeof(path), RPG_ESP_DIR "/" RPG_SLOTS_DIR "/slot-%c/%s", l,
				    sm->files[i].path + strlen("boot/"));
				problem(json, bad, m->name, path, "missing");
				continue;
			}
			rpg_sha256(data, len, sum);
			free(data);
			snprintf(path, sizeof(path), RPG_ESP_DIR "/" RPG_SLOTS_DIR "/slot-%c/%s", l,
			    sm->files[i].path + strlen("boot/"));
			if (len != sm->files[i].size)
				problem(json, bad, m->name, path, "size differs");
			else if (memcmp(sum, sm->files[i].sha256, sizeof(sum)) != 0)
				problem(json, bad, m->name, path, "sha256 differs");
		}
		rpg_manifest_free(sm);
	}
	rpg_esp_close(&esp);
}

int
cmd_check(struct rpg_ctx *ctx, int argc, char **argv)
{
	const struct rpg_manifest *m;
	struct rpg_db *db;
	const char *what;
	char buf[128];
	size_t i, k, bad = 0, files = 0;
	int json, r = 0;

	if (parse_opts(ctx, argc, argv, &json, NULL) < 0)
		return 2;
	if (open_ro(ctx, &db) < 0)
		return 1;
	for (i = optind; i < (size_t)argc; i++)
		if (rpg_db_find(db, argv[i]) == NULL)
			r = rpg_fail(ctx, RPG_E_NOTFOUND, "%s: not installed", argv[i]);
	if (json && r == 0)
		putchar('[');
	for (i = 0; i < db->npkgs && r == 0; i++) {
		m = db->pkgs[i];
		if (optind < argc) {
			for (k = (size_t)optind; k < (size_t)argc; k++)
				if (strcmp(argv[k], m->name) == 0)
					break;
			if (k == (size_t)argc)
				continue;
		}
		if (m->type == RPG_TYPE_KERNEL) {
			check_kernel(ctx, db, m, json, &bad, &files);
			continue;
		}
		for (k = 0; k < m->nfiles; k++, files++) {
			if ((what = check_file(db->rootfd, &m->files[k], buf, sizeof(buf))) != NULL)
				problem(json, &bad, m->name, m->files[k].path, what);
		}
	}
	if (json && r == 0)
		puts("]");
	if (r == 0 && bad > 0) {
		r = rpg_fail(ctx, RPG_E_HASH, "%zu of %zu installed files differ from their manifests",
		    bad, files);
	} else if (r == 0) {
		cu_say(ctx, "%zu files of %zu packages match their manifests", files, db->npkgs);
	}
	rpg_db_close(db);
	return r < 0 ? 1 : 0;
}
