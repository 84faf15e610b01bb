/* cmdline.c - kernel command-line parsing for init: rustica.test=... */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "init.h"

int
cmdline_get(const char *cmdline, const char *key, char *out, size_t n)
{
	size_t kl = strlen(key), wl, vl;
	const char *w = cmdline, *end;

	while (*w) {
		while (*w == ' ' || *w == '\t' || *w == '\n')
			w++;
		if (*w == '\0')
			break;
		for (end = w; *end && *end != ' ' && *end != '\t' && *end != '\n'; end++)
			;
		wl = (size_t)(end - w);
		if (wl >= kl && strncmp(w, key, kl) == 0 && (wl == kl || w[kl] == '=')) {
			vl = wl > kl ? wl - kl - 1 : 0;
			if (vl >= n)
				vl = n - 1;
			memcpy(out, w + kl + (wl > kl), vl);
			out[vl] = '\0';
			return 1;
		}
		w = end;
	}
	return 0;
}

int
selection_has(const char *selection, const char *name)
{
	size_t nl = strlen(name), l;
	const char *p = selection, *comma;

	for (;;) {
		comma = strchr(p, ',');
		l = comma ? (size_t)(comma - p) : strlen(p);
		if ((l == 3 && strncmp(p, "all", 3) == 0) || (l == nl && strncmp(p, name, l) == 0))
			return 1;
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}
