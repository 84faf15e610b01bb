/* espimg_test.c - images: host tests of rpg's --image ESP backend on a real disk image, TAP */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctx.h"
#include "err.h"
#include "espimg.h"

static int ntest, nfail;

static void
check(const char *name, int ok, struct rpg_ctx *ctx)
{
	ntest++;
	if (ok) {
		printf("ok %d espimg_%s\n", ntest, name);
	} else {
		nfail++;
		printf("not ok %d espimg_%s  # %s\n", ntest, name, ctx->err.msg);
	}
}

static int
has(char **names, size_t n, const char *want)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcasecmp(names[i], want) == 0) {
			return 1;
		}
	}
	return 0;
}

/* argv[1]: a composed image (changed by the test); argv[2]: a file that is not a disk image. */
int
main(int argc, char **argv)
{
	static const char kernel[] = "\177ELF pretend kernel\n";
	struct rpg_ctx ctx;
	struct rpg_esp esp, bad;
	char **names = NULL, *data = NULL;
	size_t n = 0, len = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: espimg_test IMAGE NOT-AN-IMAGE\n");
		return 2;
	}
	rpg_ctx_init(&ctx);
	check("open", rpg_espimg_open(&ctx, argv[1], &esp) == 0, &ctx);
	check("open_rejects_non_gpt", rpg_espimg_open(&ctx, argv[2], &bad) == RPG_E_FORMAT &&
	    strstr(ctx.err.msg, argv[2]) != NULL, &ctx);
	check("open_rejects_missing", rpg_espimg_open(&ctx, "/nonexistent.img", &bad) < 0, &ctx);
	check("read_loader_conf", esp.ops->read(&ctx, esp.priv, "EFI/Rustux/loader.conf", &data,
	    &len) == 0 && strstr(data, "default a\n") != NULL && len == strlen(data), &ctx);
	free(data);
	data = NULL;
	check("read_missing_is_notfound", esp.ops->read(&ctx, esp.priv, "EFI/Rustux/nothere",
	    &data, &len) == RPG_E_NOTFOUND, &ctx);
	check("read_rejects_dotdot", esp.ops->read(&ctx, esp.priv, "EFI/../x", &data, &len) ==
	    RPG_E_UNSAFE, &ctx);
	check("write_creates_parents", esp.ops->write(&ctx, esp.priv,
	    "EFI/Rustux/slot-b/kernel.elf.new", kernel, sizeof(kernel) - 1) == 0, &ctx);
	check("rename_into_place", esp.ops->rename(&ctx, esp.priv, "EFI/Rustux/slot-b/kernel.elf.new",
	    "EFI/Rustux/slot-b/kernel.elf") == 0, &ctx);
	check("rename_missing_is_notfound", esp.ops->rename(&ctx, esp.priv, "EFI/nothere",
	    "EFI/x") == RPG_E_NOTFOUND, &ctx);
	check("read_back", esp.ops->read(&ctx, esp.priv, "EFI/Rustux/slot-b/kernel.elf", &data,
	    &len) == 0 && len == sizeof(kernel) - 1 && memcmp(data, kernel, len) == 0, &ctx);
	free(data);
	data = NULL;
	check("write_replaces", esp.ops->write(&ctx, esp.priv, "EFI/Rustux/slot-b/kernel.elf", "v2",
	    2) == 0 && esp.ops->read(&ctx, esp.priv, "EFI/Rustux/slot-b/kernel.elf", &data, &len) == 0 &&
	    len == 2 && memcmp(data, "v2", 2) == 0, &ctx);
	free(data);
	check("list_slot_b", esp.ops->list(&ctx, esp.priv, "EFI/Rustux/slot-b", &names, &n) == 0 &&
	    n == 1 && strcasecmp(names[0], "kernel.elf") == 0, &ctx);
	rpg_esp_names_free(names, n);
	check("list_rustux", esp.ops->list(&ctx, esp.priv, "EFI/Rustux", &names, &n) == 0 &&
	    has(names, n, "loader.conf") && has(names, n, "slot-a/") && has(names, n, "slot-b/") &&
	    has(names, n, "initrd"), &ctx);
	rpg_esp_names_free(names, n);
	check("list_missing_is_notfound", esp.ops->list(&ctx, esp.priv, "EFI/nothere", &names, &n) ==
	    RPG_E_NOTFOUND, &ctx);
	check("remove", esp.ops->remove(&ctx, esp.priv, "EFI/Rustux/slot-b/kernel.elf") == 0, &ctx);
	check("remove_missing_is_notfound", esp.ops->remove(&ctx, esp.priv,
	    "EFI/Rustux/slot-b/kernel.elf") == RPG_E_NOTFOUND, &ctx);
	check("sync", esp.ops->sync(&ctx, esp.priv) == 0, &ctx);
	esp.ops->close(esp.priv);
	printf("# %d passed, %d failed\n", ntest - nfail, nfail);
	return nfail != 0;
}
