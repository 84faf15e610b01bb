/* compose.c - rustica-mkimage: the flow from image recipe to disk image */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "compose.h"
#include "disk.h"
#include "esp.h"
#include "initrd.h"
#include "loaderconf.h"
#include "recipe.h"
#include "util.h"

#define PATHLEN 4096

/* Where things live while one image is composed (all under the work directory). */
struct job {
	const struct mk_compose *c;
	struct mk_recipe r;
	int64_t epoch;
	char sysroot[PATHLEN];	/* WORK/sysroot, or c->sysroot */
	char initrd[PATHLEN];	/* WORK/initrd */
	char stage[PATHLEN];	/* WORK/esp: the ESP's files before they become FAT */
	char esp[PATHLEN];	/* WORK/esp.img */
	char scratch[PATHLEN];	/* WORK/scratch */
	char out[PATHLEN];	/* OUT_DIR/OUTPUT */
	char kversion[LC_VERSION_MAX];
};

/* The paths of the ESP layout agreed with the loader (docs/BOOT.md). */
#define ESP_LOADER "EFI/BOOT/BOOTX64.EFI"
#define ESP_RUSTUX "EFI/Rustux"
#define ESP_CONF ESP_RUSTUX "/loader.conf"
#define ESP_INITRD ESP_RUSTUX "/initrd"
#define ESP_SLOT_A ESP_RUSTUX "/slot-a"
#define KERNEL_FILE "kernel.elf"
/* Where a kernel package puts its payload in a sysroot. */
#define SYSROOT_KERNEL "boot/kernel.elf"
#define SYSROOT_ESP "boot/efi"
/* Where the installer finds what it writes (packages/rustica-install). */
#define SYSROOT_PAYLOAD "var/cache/rpg/install"

static int64_t
source_date_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");

	return s != NULL && *s != '\0' ? strtoll(s, NULL, 10) : 0;
}

/* 1 if repo_dir holds a NAME-VERSION-RELEASE.ARCH.rpg for name. */
static int
in_repo(const char *repo_dir, const char *name)
{
	char pattern[PATHLEN];
	glob_t g;
	int found;

	snprintf(pattern, sizeof(pattern), "%s/%s-[0-9]*.rpg", repo_dir, name);
	found = glob(pattern, 0, NULL, &g) == 0;
	globfree(&g);
	return found;
}

/*
 * While a distribution is being assembled, some packages of a set may not
 * exist yet: --allow-missing drops them, saying so on stderr.
 */
static void
drop_missing(struct job *j)
{
	unsigned i, n = 0;

	for (i = 0; i < j->r.npackages; i++) {
		if (in_repo(j->c->repo_dir, j->r.packages[i])) {
			j->r.packages[n++] = j->r.packages[i];
		} else {
			fprintf(stderr, "rustica-mkimage: warning: %s: no package %s in %s, left out\n",
			    j->c->recipe, j->r.packages[i], j->c->repo_dir);
			free(j->r.packages[i]);
		}
	}
	j->r.npackages = n;
}

static int
install(struct job *j)
{
	const struct mk_compose *c = j->c;
	char repo[PATHLEN];
	char *argv[MK_MAX_PACKAGES + 12];
	unsigned i, n = 0;

	snprintf(repo, sizeof(repo), "file://%s", c->repo_dir);
	if (mk_rmtree(j->sysroot) != 0 || mk_mkdirs(j->sysroot) != 0) {
		return -1;
	}
	argv[n++] = (char *)(c->rpg != NULL ? c->rpg : "rpg");
	argv[n++] = "-q";
	argv[n++] = "--root";
	argv[n++] = j->sysroot;
	argv[n++] = "--key";
	argv[n++] = (char *)c->key;
	argv[n++] = "--repo";
	argv[n++] = repo;
	argv[n++] = "install";
	for (i = 0; i < j->r.npackages; i++) {
		argv[n++] = j->r.packages[i];
	}
	argv[n] = NULL;
	return mk_run(argv, NULL);
}

/* The key id of a minisign public key, as minisign prints it (16 hex digits). */
static int
key_id(const char *pub, char id[17])
{
	unsigned char raw[64];
	char *text, *line;
	int i, n;

	if (mk_read_file(pub, &text, NULL) != 0) {
		return -1;
	}
	line = strchr(text, '\n');
	line = line != NULL ? line + 1 : text;
	line[strcspn(line, "\r\n")] = '\0';
	n = strlen(line) == 56 ? EVP_DecodeBlock(raw, (unsigned char *)line, 56) : -1;
	free(text);
	if (n < 42 || raw[0] != 'E' || raw[1] != 'd') {
		return mk_fail("%s: not a minisign Ed25519 public key", pub);
	}
	for (i = 0; i < 8; i++) {
		snprintf(id + 2 * i, 3, "%02X", raw[2 + 7 - i]);
	}
	return 0;
}

/* The trusted key and the repository the image was built from, for later updates. */
static int
configure_rpg(struct job *j)
{
	char path[PATHLEN], line[PATHLEN + 16], id[17];
	const char *url = j->c->repo_url;

	if (key_id(j->c->key, id) != 0) {
		return -1;
	}
	snprintf(path, sizeof(path), "%s/etc/rpg/keys", j->sysroot);
	if (mk_mkdirs(path) != 0) {
		return -1;
	}
	snprintf(path, sizeof(path), "%s/etc/rpg/keys/%s.pub", j->sysroot, id);
	if (mk_copy_file(j->c->key, path) != 0) {
		return -1;
	}
	if (url == NULL) {
		snprintf(line, sizeof(line), "file://%s\n", j->c->repo_dir);
	} else {
		snprintf(line, sizeof(line), "%s\n", url);
	}
	snprintf(path, sizeof(path), "%s/etc/rpg/repos", j->sysroot);
	return mk_write_file(path, line, strlen(line));
}

/* The installer image: its installer's payloads (packages, signed initrd) into the sysroot. */
static int
add_payload(struct job *j)
{
	char dst[PATHLEN];

	snprintf(dst, sizeof(dst), "%s/" SYSROOT_PAYLOAD, j->sysroot);
	return mk_rmtree(dst) != 0 ? -1 : mk_copy_tree(j->c->payload, dst);
}

/*
 * The kernel file and its version: if rpg's slot logic already put the
 * kernel on the sysroot's ESP, the default slot of its loader.conf names
 * both; otherwise the package's boot/kernel.elf and the given version.
 */
static int
find_kernel(struct job *j, char *kernel, size_t size)
{
	struct loaderconf lc;
	char path[PATHLEN], *text;
	size_t len;
	int rc;

	snprintf(path, sizeof(path), "%s/" SYSROOT_ESP "/" ESP_CONF, j->sysroot);
	if (mk_exists(path)) {
		if (mk_read_file(path, &text, &len) != 0) {
			return -1;
		}
		rc = lc_parse(&lc, text, len, NULL);
		free(text);
		if (rc != LC_OK) {
			return mk_fail("%s: %s", path, lc_strerror(rc));
		}
		snprintf(kernel, size, "%s/" SYSROOT_ESP "/" ESP_RUSTUX "/slot-%c/" KERNEL_FILE,
		    j->sysroot, lc.default_slot);
		snprintf(j->kversion, sizeof(j->kversion), "%s", lc_slot(&lc, lc.default_slot)->version);
	} else {
		snprintf(kernel, size, "%s/" SYSROOT_KERNEL, j->sysroot);
		snprintf(j->kversion, sizeof(j->kversion), "%s",
		    j->c->kversion != NULL ? j->c->kversion : "unknown");
	}
	if (!mk_exists(kernel)) {
		return mk_fail("%s: no kernel: is package %s in the image?", kernel, j->r.kernel);
	}
	return 0;
}

static int
write_conf(struct job *j)
{
	struct loaderconf lc;
	char path[PATHLEN], buf[LC_TEXT_MAX];
	size_t len;

	lc_init(&lc);
	lc.default_slot = 'a';
	lc.fallback_slot = 'a';
	lc.tries = (uint8_t)j->r.tries;
	snprintf(lc.cmdline, sizeof(lc.cmdline), "%s", j->r.cmdline);
	snprintf(lc.slot[0].version, sizeof(lc.slot[0].version), "%s", j->kversion);
	lc.slot[0].state = LC_STATE_CONFIRMED;
	if (lc_write(&lc, buf, sizeof(buf), &len) != LC_OK) {
		return mk_fail("%s: loader.conf does not fit", j->c->recipe);
	}
	snprintf(path, sizeof(path), "%s/" ESP_CONF, j->stage);
	return mk_write_file(path, buf, len);
}

/*
 * The ESP's files: the sysroot's boot/efi (the loader, whatever boot
 * packages ship), a fresh EFI/Rustux with the kernel in slot a, the
 * initrd and loader.conf.
 */
static int
stage_esp(struct job *j)
{
	char src[PATHLEN], dst[PATHLEN], kernel[PATHLEN];

	if (find_kernel(j, kernel, sizeof(kernel)) != 0 || mk_rmtree(j->stage) != 0) {
		return -1;
	}
	snprintf(src, sizeof(src), "%s/" SYSROOT_ESP, j->sysroot);
	if (mk_copy_tree(src, j->stage) != 0) {
		return -1;
	}
	snprintf(dst, sizeof(dst), "%s/" ESP_LOADER, j->stage);
	if (!mk_exists(dst)) {
		return mk_fail("%s/" ESP_LOADER ": no loader: is rustux-boot in the image?", src);
	}
	snprintf(dst, sizeof(dst), "%s/" ESP_RUSTUX, j->stage);
	if (mk_rmtree(dst) != 0) {
		return -1;
	}
	snprintf(dst, sizeof(dst), "%s/" ESP_SLOT_A, j->stage);
	if (mk_mkdirs(dst) != 0) {
		return -1;
	}
	snprintf(dst, sizeof(dst), "%s/" ESP_SLOT_A "/" KERNEL_FILE, j->stage);
	if (mk_copy_file(kernel, dst) != 0) {
		return -1;
	}
	snprintf(dst, sizeof(dst), "%s/" ESP_INITRD, j->stage);
	if (mk_copy_file(j->initrd, dst) != 0) {
		return -1;
	}
	return write_conf(j);
}

/* A FAT serial fixed by the image's name, so it never changes between builds. */
static uint32_t
fat_serial(const struct mk_recipe *r)
{
	uint8_t sum[32];

	mk_sha256(r->name, strlen(r->name), sum);
	return (uint32_t)sum[0] << 24 | (uint32_t)sum[1] << 16 | (uint32_t)sum[2] << 8 | sum[3];
}

static int
plan(struct job *j, const struct mk_compose *c)
{
	char work[PATHLEN];

	j->c = c;
	j->epoch = source_date_epoch();
	/* Every path below is a bounded suffix of these, so PATHLEN always suffices. */
	if (strlen(c->out_dir) > 1024 || (c->work_dir != NULL && strlen(c->work_dir) > 1024) ||
	    (c->sysroot != NULL && strlen(c->sysroot) > 1024) ||
	    (c->payload != NULL && strlen(c->payload) > 1024)) {
		return mk_fail("%s: output, work, sysroot or payload path over 1024 bytes", c->recipe);
	}
	if (mk_recipe_load(c->recipe, &j->r) != 0) {
		return -1;
	}
	if (c->work_dir != NULL) {
		snprintf(work, sizeof(work), "%s", c->work_dir);
	} else {
		snprintf(work, sizeof(work), "%s/%s.work", c->out_dir, j->r.name);
	}
	snprintf(j->sysroot, sizeof(j->sysroot), "%s", c->sysroot != NULL ? c->sysroot : "");
	if (c->sysroot == NULL) {
		snprintf(j->sysroot, sizeof(j->sysroot), "%s/sysroot", work);
	}
	snprintf(j->initrd, sizeof(j->initrd), "%s/initrd", work);
	snprintf(j->stage, sizeof(j->stage), "%s/esp", work);
	snprintf(j->esp, sizeof(j->esp), "%s/esp.img", work);
	snprintf(j->scratch, sizeof(j->scratch), "%s/scratch", work);
	snprintf(j->out, sizeof(j->out), "%s/%s", c->out_dir, j->r.output);
	return mk_mkdirs(work) != 0 || mk_mkdirs(c->out_dir) != 0 ? -1 : 0;
}

int
mk_compose(const struct mk_compose *c)
{
	struct job j;
	int rc;

	memset(&j, 0, sizeof(j));
	if (plan(&j, c) != 0) {
		mk_recipe_free(&j.r);
		return -1;
	}
	if (c->allow_missing) {
		drop_missing(&j);
	}
	rc = c->sysroot == NULL ? install(&j) : 0;
	if (rc == 0) {
		rc = configure_rpg(&j);
	}
	if (rc == 0 && c->payload != NULL) {
		rc = add_payload(&j);
	}
	if (rc == 0) {
		rc = mk_initrd_write(j.sysroot, j.initrd, j.epoch);
	}
	if (rc == 0) {
		rc = stage_esp(&j);
	}
	if (rc == 0) {
		rc = mk_esp_build(j.stage, j.esp, j.r.esp_mib, j.r.label, fat_serial(&j.r), j.epoch,
		    j.scratch);
	}
	if (rc == 0) {
		rc = mk_disk_wrap(j.esp, j.out, (uint64_t)j.r.disk_mib << 20, j.r.name);
	}
	mk_recipe_free(&j.r);
	return rc;
}
