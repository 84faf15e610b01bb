/* ctx.h - rpg: the context every library call takes: options, root, error slot */
/* SPDX-License-Identifier: MIT */
#ifndef RPG_CTX_H
#define RPG_CTX_H

#include <stddef.h>

struct rpg_err {
	int code;		/* last failure's code, 0 if none */
	char msg[1024];		/* one line naming the file, package or path at fault */
};

enum rpg_progress {
	RPG_PROGRESS_AUTO = 0,	/* bars when stderr is a terminal and not quiet */
	RPG_PROGRESS_NEVER,
	RPG_PROGRESS_ALWAYS
};

struct rpg_ctx {
	const char *root;	/* sysroot, "/" by default (--root) */
	const char *image;	/* --image FILE.img: work on that disk image's ESP, or NULL */
	const char *repo;	/* --repo URL: overrides ROOT/etc/rpg/repos, or NULL */
	const char *key;	/* --key PUB: overrides ROOT/etc/rpg/keys, or NULL */
	int verbose;		/* -v count */
	int quiet;		/* -q */
	enum rpg_progress progress;
	struct rpg_err err;
};

/* Initialise ctx with defaults (root "/", nothing else set). */
void rpg_ctx_init(struct rpg_ctx *ctx);

#endif
