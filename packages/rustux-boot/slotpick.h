/* slotpick.h - boot slot choice and boot counting (pure C, host-tested) */
/* SPDX-License-Identifier: MIT */
/*
 * The policy half of the loader: given a parsed loader.conf and the slot
 * the kernel confirmed last time (if any), decide which slot to boot and
 * how loader.conf changes. No I/O: the loader writes the file back when
 * `changed` is set, before it jumps into the kernel.
 */
#ifndef RUSTUX_BOOT_SLOTPICK_H
#define RUSTUX_BOOT_SLOTPICK_H

#include "loaderconf.h"

struct slot_choice {
	char slot;		/* 'a' or 'b': the slot to load */
	uint8_t fallback;	/* 1: the default slot was skipped */
	uint8_t confirmed;	/* 1: the chosen slot is already confirmed */
	uint8_t changed;	/* 1: loader.conf must be written back */
	uint8_t tries_left;	/* tries the chosen slot has after this boot */
	char skipped;		/* the slot skipped when fallback is 1 */
	const char *why;	/* why it was skipped ("" otherwise) */
};

/* Fold a confirmation (the letter in the RustuxBootConfirm variable) into
 * the config: that slot becomes confirmed. Returns 1 if *c changed, 0 if
 * not, -1 if letter is not a slot. */
int sp_confirm(struct loaderconf *c, char letter);

/* Choose the slot to boot; spends one try of an unconfirmed default slot
 * and marks it failed when none are left. */
void sp_choose(struct loaderconf *c, struct slot_choice *ch);

/* Boot the given slot by hand (menu): no counting, no state change. */
void sp_manual(struct loaderconf *c, char letter, struct slot_choice *ch);

/* The chosen slot's kernel could not be loaded: mark it failed and move
 * *ch to the fallback. Returns 0 when there is another slot to try, -1
 * when the fallback is the slot that just failed. */
int sp_fail(struct loaderconf *c, struct slot_choice *ch, const char *why);

#endif
