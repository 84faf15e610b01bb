/* slots_test.c - rpg: unit tests of the ESP directory backend and kernel slot rollback */
/* SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "slots.h"
#include "t.h"

static struct rpg_ctx
root_ctx(const char *name, char *buf, size_t size)
{
	struct rpg_ctx ctx = T_CTX();

	snprintf(buf, size, "%s/%s", T_TMPDIR(), name);
	mkdir(buf, 0755);
	ctx.root = buf;
	return ctx;
}

T_TEST(esp_dir_backend_read_write_list_rename_remove)
{
	char root[4096], *data = NULL, **names = NULL;
	struct rpg_ctx ctx = root_ctx("s1", root, sizeof(root));
	struct rpg_esp esp = { 0 };
	size_t len = 0, n = 0;

	T_ASSERT(rpg_esp_open(&ctx, &esp) == 0);
	T_EXPECT_EQ(esp.ops->write(&ctx, esp.priv, "EFI/Rustux/slot-a/kernel.elf", "k", 1), 0);
	T_EXPECT_EQ(esp.ops->write(&ctx, esp.priv, "EFI/Rustux/slot-a/initrd", "i", 1), 0);
	T_EXPECT_EQ(esp.ops->read(&ctx, esp.priv, "EFI/Rustux/slot-a/kernel.elf", &data, &len), 0);
	T_EXPECT_STR_EQ(data, "k");
	free(data);
	T_EXPECT_EQ(esp.ops->list(&ctx, esp.priv, "EFI/Rustux", &names, &n), 0);
	T_EXPECT_EQ(n, 1);
	if (n == 1)
		T_EXPECT_STR_EQ(names[0], "slot-a/");
	rpg_esp_names_free(names, n);
	T_EXPECT_EQ(esp.ops->rename(&ctx, esp.priv, "EFI/Rustux/slot-a/initrd",
	    "EFI/Rustux/slot-b/initrd"), 0);
	T_EXPECT_EQ(esp.ops->remove(&ctx, esp.priv, "EFI/Rustux/slot-b/initrd"), 0);
	T_EXPECT_EQ(esp.ops->remove(&ctx, esp.priv, "EFI/Rustux/slot-b/initrd"), RPG_E_NOTFOUND);
	T_EXPECT_EQ(esp.ops->read(&ctx, esp.priv, "EFI/none", &data, &len), RPG_E_NOTFOUND);
	T_EXPECT_EQ(esp.ops->sync(&ctx, esp.priv), 0);
	rpg_esp_close(&esp);
}

T_TEST(no_loader_conf_means_defaults)
{
	char root[4096];
	struct rpg_ctx ctx = root_ctx("s2", root, sizeof(root));
	struct rpg_esp esp = { 0 };
	struct loaderconf c;
	int present = 1;

	T_ASSERT(rpg_esp_open(&ctx, &esp) == 0);
	T_EXPECT_EQ(rpg_slots_read(&ctx, &esp, &c, &present), 0);
	T_EXPECT_EQ(present, 0);
	T_EXPECT_EQ(c.default_slot, 'a');
	rpg_esp_close(&esp);
}

static int
conf(struct rpg_esp *esp, struct rpg_ctx *ctx, const char *text)
{
	return esp->ops->write(ctx, esp->priv, RPG_LOADER_CONF, text, strlen(text));
}

T_TEST(rollback_switches_slots_but_not_to_a_failed_kernel)
{
	char root[4096];
	struct rpg_ctx ctx = root_ctx("s3", root, sizeof(root));
	struct rpg_esp esp = { 0 };
	struct rpg_db *db = NULL;
	struct loaderconf c;
	int present;
	char slot = 0;

	T_ASSERT(rpg_esp_open(&ctx, &esp) == 0);
	T_ASSERT(rpg_db_open(&ctx, RPG_DB_WRITE, &db) == 0);
	T_EXPECT_EQ(rpg_slots_rollback(&ctx, db, &esp, &slot), RPG_E_NOTFOUND);
	T_ASSERT(conf(&esp, &ctx, "default b\nfallback a\nslot-a-version 1.0-1\n"
	    "slot-a-state confirmed\nslot-b-version 2.0-1\nslot-b-state new\nslot-b-tries 3\n") == 0);
	T_EXPECT_EQ(rpg_slots_rollback(&ctx, db, &esp, &slot), 0);
	T_EXPECT_EQ(slot, 'a');
	T_EXPECT_EQ(rpg_slots_read(&ctx, &esp, &c, &present), 0);
	T_EXPECT_EQ(c.default_slot, 'a');
	T_EXPECT_EQ(c.fallback_slot, 'b');
	T_ASSERT(conf(&esp, &ctx, "default b\nslot-a-version 1.0-1\nslot-a-state failed\n"
	    "slot-b-version 2.0-1\n") == 0);
	T_EXPECT_EQ(rpg_slots_rollback(&ctx, db, &esp, &slot), RPG_E_CONFLICT);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "failed");
	T_ASSERT(conf(&esp, &ctx, "default b\ntries many\n") == 0);
	T_EXPECT_EQ(rpg_slots_read(&ctx, &esp, &c, &present), RPG_E_FORMAT);
	T_EXPECT_STR_CONTAINS(ctx.err.msg, "loader.conf:2");
	rpg_db_close(db);
	rpg_esp_close(&esp);
}
