/* uniq.c - drop repeated adjacent lines */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"

int
uniq_main(int argc, char **argv)
{
	char *prev = NULL, *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long n = 0;
	int c, cnt = 0, dup = 0, uni = 0;
	FILE *in = stdin;

	while ((c = getopt(argc, argv, "cdu")) != -1) {
		if (c == 'c')
			cnt = 1;
		else if (c == 'd')
			dup = 1;
		else if (c == 'u')
			uni = 1;
		else
			return usage_error();
	}
	if (optind < argc && strcmp(argv[optind], "-") != 0 &&
	    (in = fopen(argv[optind], "r")) == NULL)
		return fail("open", argv[optind]);
	if (optind + 1 < argc && freopen(argv[optind + 1], "w", stdout) == NULL)
		return fail("open", argv[optind + 1]);
	for (;;) {
		len = getline(&line, &cap, in);
		if (len > 0 && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (prev && (len < 0 || strcmp(prev, line) != 0)) {
			if ((!dup || n > 1) && (!uni || n == 1)) {
				if (cnt)
					printf("%7lu ", n);
				puts(prev);
			}
			free(prev);
			prev = NULL;
		}
		if (len < 0)
			break;
		if (prev == NULL) {
			prev = strdup(line);
			n = 0;
		}
		n++;
	}
	free(line);
	if (in != stdin)
		fclose(in);
	return 0;
}
