/* cmd_inspect.c - rpg inspect: a package's manifest and file list (no trust decision) */
/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "ctx.h"
#include "err.h"
#include "hash.h"
#include "package.h"

static void
print_deps(const char *key, const struct rpg_dep *d, size_t n)
{
	char buf[512];
	size_t i;

	for (i = 0; i < n; i++) {
		printf("%s\t%s\n", key, rpg_dep_format(&d[i], buf, sizeof(buf)));
	}
}

static void
print_text(const struct rpg_manifest *m)
{
	static const char *const tname[] = { "?", "file", "dir", "symlink" };
	char hex[RPG_SHA256_HEX];
	const struct rpg_file *f;
	size_t i;

	printf("name\t%s\nversion\t%s\nrelease\t%u\narch\t%s\ntype\t%s\n", m->name, m->version,
	    m->release, m->arch, rpg_pkgtype_name(m->type));
	printf("summary\t%s\nlicense\t%s\n", m->summary, m->license);
	print_deps("depends", m->depends, m->ndepends);
	print_deps("conflicts", m->conflicts, m->nconflicts);
	print_deps("provides", m->provides, m->nprovides);
	printf("build_date\t%lld\ninstalled_size\t%llu\nfiles\t%zu\n", (long long)m->build_date,
	    (unsigned long long)m->installed_size, m->nfiles);
	for (i = 0; i < m->nfiles; i++) {
		f = &m->files[i];
		printf("%s\t%04o\t", tname[f->type], f->mode);
		if (f->type == RPG_FT_FILE) {
			rpg_hex(f->sha256, RPG_SHA256_LEN, hex);
			printf("%llu\t%s\t%s\n", (unsigned long long)f->size, hex, f->path);
		} else if (f->type == RPG_FT_SYMLINK) {
			printf("-\t-\t%s -> %s\n", f->path, f->target);
		} else {
			printf("-\t-\t%s\n", f->path);
		}
	}
}

int
cmd_inspect(struct rpg_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct rpg_package *p;
	int ch, json = 0;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'j') {
			return 2;
		}
		json = 1;
	}
	if (argc - optind != 1) {
		return 2;
	}
	if (rpg_package_open(ctx, argv[optind], NULL, 0, &p) != 0) {
		return 1;
	}
	if (json) {
		fwrite(p->manifest_json, 1, p->manifest_len, stdout);
	} else {
		print_text(p->m);
	}
	rpg_package_close(p);
	return 0;
}
