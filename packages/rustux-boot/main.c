/* main.c - rustux-boot: the UEFI loader's boot order, nothing else */
/* SPDX-License-Identifier: MIT */
#include <efi.h>
#include <efilib.h>

#include "bootconf.h"
#include "console.h"
#include "elfload.h"
#include "file.h"
#include "handoff.h"
#include "menu.h"
#include "slotpick.h"

#define FAIL_STALL_US	(5u * 1000 * 1000)

/* Fold a kernel confirmation from the last boot into loader.conf, then
 * delete the variable (only once loader.conf says so, if it had to). */
static void
fold_confirm(EFI_FILE_HANDLE root, struct loaderconf *c, int have_conf)
{
	char letter = bootconf_confirmed_slot();

	if (letter == 0)
		return;
	con_printf("rustux-boot: slot %c confirmed by the kernel\n", letter);
	if (have_conf && sp_confirm(c, letter) == 1 &&
	    bootconf_save(root, c) != EFI_SUCCESS)
		return;
	bootconf_clear_confirm();
}

/* Pick a slot and load its kernel; on a bad kernel mark it failed and fall
 * back. Returns 0 with *k loaded, -1 when no slot can be booted. */
static int
load_slot(EFI_FILE_HANDLE root, struct loaderconf *c, int have_conf,
    char manual, struct slot_choice *ch, struct kernel_image *k)
{
	const char *err;

	if (manual != 0)
		sp_manual(c, manual, ch);
	else
		sp_choose(c, ch);
	if (ch->fallback)
		con_printf("rustux-boot: slot %c: %s; booting fallback slot %c\n",
		    ch->skipped, ch->why, ch->slot);
	for (;;) {
		if (ch->changed && have_conf)
			bootconf_save(root, c);
		ch->changed = 0;
		if ((err = elf_load_kernel(root, ch->slot, k)) == NULL)
			return 0;
		if (sp_fail(c, ch, err) != 0) {
			con_printf("rustux-boot: slot %c: %s; no slot left to boot\n",
			    ch->slot, err);
			if (ch->changed && have_conf)
				bootconf_save(root, c);
			return -1;
		}
		con_printf("rustux-boot: slot %c: %s; booting fallback slot %c\n",
		    ch->skipped, err, ch->slot);
	}
}

static void
describe(const struct loaderconf *c, const struct slot_choice *ch,
    struct rx_bootinfo *bi)
{
	const struct lc_slot *s = &c->slot[ch->slot == 'b'];

	for (int i = 0; i < LC_VERSION_MAX && s->version[i] != '\0'; i++)
		bi->slot_version[i] = s->version[i];
	bi->slot = (UINT32)ch->slot;
	bi->slot_tries_left = ch->tries_left;
	bi->flags = (ch->fallback ? RX_BOOT_FALLBACK : 0) |
	    (ch->confirmed ? RX_BOOT_CONFIRMED : 0);
	con_printf("rustux-boot: booting slot %c (version %s, %s, tries left %u)\n",
	    ch->slot, s->version[0] ? s->version : "unknown",
	    lc_state_name(s->state), (unsigned)ch->tries_left);
}

EFI_STATUS
efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	static struct loaderconf conf;
	struct kernel_image k;
	struct slot_choice ch;
	struct rx_bootinfo *bi;
	EFI_FILE_HANDLE root;
	UINT64 tsc0 = rdtsc();
	int have_conf;
	char manual;

	InitializeLib(image, st);
	con_init(st);
	con_printf("rustux-boot: starting\n");
	BS->SetWatchdogTimer(0, 0, 0, NULL);
	if (EFI_ERROR(file_root(image, &root))) {
		con_printf("rustux-boot: cannot open the boot volume\n");
		return EFI_LOAD_ERROR;
	}
	have_conf = bootconf_load(root, &conf);
	fold_confirm(root, &conf, have_conf);
	manual = menu_run(&conf);
	if (load_slot(root, &conf, have_conf, manual, &ch, &k) != 0) {
		BS->Stall(FAIL_STALL_US);
		return EFI_LOAD_ERROR;
	}
	if ((bi = handoff_alloc(conf.cmdline)) == NULL) {
		con_printf("rustux-boot: out of memory for the boot information\n");
		return EFI_OUT_OF_RESOURCES;
	}
	bi->tsc_loader_start = tsc0;
	describe(&conf, &ch, bi);
	handoff_fill(bi, st, &k);
	handoff_initrd(bi, root);
	root->Close(root);
	EFI_STATUS s = handoff_enter(image, bi, &k);
	con_printf("rustux-boot: ExitBootServices failed (status %lx)\n", (UINT64)s);
	return s;
}
