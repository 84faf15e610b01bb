/* compose.c - rustica-mkimage: the flow from image recipe to disk image */
/* SPDX-License-Identifier: MIT */
#include "compose.h"
#include "util.h"

int
mk_compose(const struct mk_compose *c)
{
	return mk_fail("%s: compose is not written yet", c->recipe);
}
