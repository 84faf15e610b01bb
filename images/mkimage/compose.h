/* compose.h - rustica-mkimage: the flow from image recipe to disk image */
/* SPDX-License-Identifier: MIT */
#ifndef MKIMAGE_COMPOSE_H
#define MKIMAGE_COMPOSE_H

struct mk_compose {
	const char *recipe;	/* images/NAME.json */
	const char *repo_dir;	/* the repository to install from (out/repo) */
	const char *repo_url;	/* what the image's /etc/rpg/repos names; default file://REPO_DIR */
	const char *key;	/* the trusted public key (minisign .pub) */
	const char *out_dir;	/* where IMAGE.img and IMAGE.img.sha256 go */
	const char *work_dir;	/* scratch: sysroot, initrd, ESP; default OUT_DIR/NAME.work */
	const char *rpg;	/* the rpg binary; default "rpg" from PATH */
	const char *sysroot;	/* use this prepared sysroot instead of installing (tests) */
	const char *kversion;	/* kernel version for loader.conf when the sysroot has none */
	const char *payload;	/* copied to SYSROOT/var/cache/rpg/install (the installer's payloads) */
	int allow_missing;	/* drop set members with no package in repo_dir, with a warning */
};

/*
 * Build the image recipe c->recipe: install its package set into a fresh
 * sysroot with rpg (plus c->payload when given), pack the initrd, lay out
 * the ESP, wrap it in a GPT disk and write it atomically with its .sha256.
 * 0 or mk_fail.
 */
int mk_compose(const struct mk_compose *c);

#endif
