/* slotpick_test.c - host unit tests of slot choice and boot counting */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "slotpick.h"
#include "t.h"

/* default b, new with `tries` tries; fallback a confirmed. */
static void
new_b(struct loaderconf *c, unsigned tries)
{
	lc_init(c);
	c->default_slot = 'b';
	c->fallback_slot = 'a';
	c->slot[1].state = LC_STATE_NEW;
	c->slot[1].tries = (uint8_t)tries;
}

T_TEST(confirmed_default_boots_without_change)
{
	struct loaderconf c;
	struct slot_choice ch;

	lc_init(&c);
	sp_choose(&c, &ch);
	T_ASSERT(ch.slot == 'a' && !ch.fallback && ch.confirmed && !ch.changed);
}

T_TEST(new_slot_tried_exactly_tries_times)
{
	struct loaderconf c;
	struct slot_choice ch;

	new_b(&c, 2);
	sp_choose(&c, &ch);
	T_ASSERT(ch.slot == 'b' && ch.changed && ch.tries_left == 1 && !ch.confirmed);
	sp_choose(&c, &ch);
	T_ASSERT(ch.slot == 'b' && ch.changed && ch.tries_left == 0);
	sp_choose(&c, &ch);
	T_ASSERT(ch.slot == 'a' && ch.fallback && ch.skipped == 'b' && ch.changed);
	T_ASSERT(c.slot[1].state == LC_STATE_FAILED);
	T_ASSERT(strstr(ch.why, "no tries left") != NULL);
	sp_choose(&c, &ch);
	T_ASSERT(ch.slot == 'a' && ch.fallback && !ch.changed);
}

T_TEST(confirmation_stops_counting)
{
	struct loaderconf c;
	struct slot_choice ch;

	new_b(&c, 3);
	sp_choose(&c, &ch);
	T_ASSERT(sp_confirm(&c, 'b') == 1);
	T_ASSERT(sp_confirm(&c, 'b') == 0);
	T_ASSERT(sp_confirm(&c, 'x') == -1);
	for (int i = 0; i < 5; i++) {
		sp_choose(&c, &ch);
		T_ASSERT(ch.slot == 'b' && ch.confirmed && !ch.changed);
	}
}

T_TEST(corrupt_kernel_marks_failed_and_falls_back)
{
	struct loaderconf c;
	struct slot_choice ch;

	new_b(&c, 3);
	sp_choose(&c, &ch);
	T_ASSERT(ch.slot == 'b');
	T_ASSERT(sp_fail(&c, &ch, "bad ELF") == 0);
	T_ASSERT(ch.slot == 'a' && ch.fallback && ch.skipped == 'b');
	T_ASSERT(strcmp(ch.why, "bad ELF") == 0);
	T_ASSERT(c.slot[1].state == LC_STATE_FAILED && c.slot[1].tries == 0);
	T_ASSERT(sp_fail(&c, &ch, "bad too") == -1);
	T_ASSERT(c.slot[0].state == LC_STATE_FAILED);
}

T_TEST(fallback_equal_to_default_gives_up)
{
	struct loaderconf c;
	struct slot_choice ch;

	lc_init(&c);
	sp_choose(&c, &ch);
	T_ASSERT(sp_fail(&c, &ch, "bad") == -1);
}

T_TEST(manual_choice_does_not_count)
{
	struct loaderconf c;
	struct slot_choice ch;

	new_b(&c, 2);
	sp_manual(&c, 'b', &ch);
	T_ASSERT(ch.slot == 'b' && !ch.changed && c.slot[1].tries == 2);
}

int
main(void)
{
	T_RUN(confirmed_default_boots_without_change);
	T_RUN(new_slot_tried_exactly_tries_times);
	T_RUN(confirmation_stops_counting);
	T_RUN(corrupt_kernel_marks_failed_and_falls_back);
	T_RUN(fallback_equal_to_default_gives_up);
	T_RUN(manual_choice_does_not_count);
	return T_DONE();
}
