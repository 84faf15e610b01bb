/* slotpick.c - boot slot choice and boot counting (pure C, host-tested) */
/* SPDX-License-Identifier: MIT */
#include "slotpick.h"

int
sp_confirm(struct loaderconf *c, char letter)
{
	struct lc_slot *s = lc_slot(c, letter);

	if (s == NULL)
		return -1;
	if (s->state == LC_STATE_CONFIRMED && s->tries == 0)
		return 0;
	s->state = LC_STATE_CONFIRMED;
	s->tries = 0;
	return 1;
}

static void
take(struct loaderconf *c, struct slot_choice *ch, char letter)
{
	struct lc_slot *s = lc_slot(c, letter);

	ch->slot = letter;
	ch->confirmed = s->state == LC_STATE_CONFIRMED;
	ch->tries_left = s->state == LC_STATE_NEW ? s->tries : 0;
}

static void
to_fallback(struct loaderconf *c, struct slot_choice *ch, const char *why)
{
	ch->fallback = 1;
	ch->skipped = ch->slot;
	ch->why = why;
	take(c, ch, c->fallback_slot);
}

void
sp_choose(struct loaderconf *c, struct slot_choice *ch)
{
	char d = c->default_slot == 'b' ? 'b' : 'a';
	struct lc_slot *s = lc_slot(c, d);

	*ch = (struct slot_choice){ .slot = d, .why = "" };
	switch (s->state) {
	case LC_STATE_CONFIRMED:
		take(c, ch, d);
		return;
	case LC_STATE_NEW:
		if (s->tries > 0) {
			s->tries--;
			ch->changed = 1;
			take(c, ch, d);
			return;
		}
		s->state = LC_STATE_FAILED;
		ch->changed = 1;
		to_fallback(c, ch, "unconfirmed and no tries left, marked failed");
		return;
	default:
		to_fallback(c, ch, "marked failed");
		return;
	}
}

void
sp_manual(struct loaderconf *c, char letter, struct slot_choice *ch)
{
	*ch = (struct slot_choice){ .why = "" };
	take(c, ch, letter == 'b' ? 'b' : 'a');
}

int
sp_fail(struct loaderconf *c, struct slot_choice *ch, const char *why)
{
	struct lc_slot *s = lc_slot(c, ch->slot);
	char failed = ch->slot;

	if (s->state != LC_STATE_FAILED) {
		s->state = LC_STATE_FAILED;
		s->tries = 0;
		ch->changed = 1;
	}
	if (ch->fallback || c->fallback_slot == failed)
		return -1;
	to_fallback(c, ch, why);
	return 0;
}
