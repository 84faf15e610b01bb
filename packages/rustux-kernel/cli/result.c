/* result.c - read a serial log: self-test lines, RESULT line, loader hand-over */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "util.h"

#define HANDOVER	"rustux-boot: handing over to the kernel"

/* Strip \r and ANSI escape sequences the firmware console adds. */
static void
clean(char *line)
{
	char *w = line;

	for (char *p = line; *p != '\0'; p++) {
		if (*p == '\r' || *p == '\n')
			continue;
		if (*p == 0x1b && p[1] == '[') {
			p += 2;
			while (*p != '\0' && !(*p >= '@' && *p <= '~'))
				p++;
			if (*p == '\0')
				break;
			continue;
		}
		*w++ = *p;
	}
	*w = '\0';
}

/* "TEST name ... PASS" -> name and pass/fail; 0 if the line is not one. */
static int
test_line(char *line, char **name, int *pass)
{
	char *t = strstr(line, "TEST "), *dots;

	if (t == NULL || (dots = strstr(t, " ... ")) == NULL)
		return 0;
	*dots = '\0';
	*name = t + 5;
	*pass = strncmp(dots + 5, "PASS", 4) == 0;
	if (!*pass && strncmp(dots + 5, "FAIL", 4) != 0)
		return 0;
	return 1;
}

int
result_scan(const char *log, FILE *tap, unsigned *num, struct boot_result *r)
{
	char line[4096];
	FILE *f = fopen(log, "r");

	memset(r, 0, sizeof(*r));
	if (f == NULL)
		return rk_err(log, "no serial log");
	while (fgets(line, sizeof(line), f) != NULL) {
		char *name, *res;
		int pass;
		unsigned p, q;

		clean(line);
		if (strstr(line, HANDOVER) != NULL)
			r->handed_over = 1;
		if ((res = strstr(line, "RESULT ")) != NULL &&
		    sscanf(res, "RESULT %u passed, %u failed", &p, &q) == 2) {
			r->have_result = 1;
			r->passed = p;
			r->failed = q;
		}
		if (test_line(line, &name, &pass)) {
			r->tests++;
			r->tests_failed += !pass;
			if (tap != NULL)
				fprintf(tap, "%s %u kernel: %s\n", pass ? "ok" : "not ok",
				    ++*num, name);
		}
	}
	fclose(f);
	return 0;
}

int
result_grep(const char *log, const char *needle, FILE *out)
{
	char line[4096];
	FILE *f = fopen(log, "r");

	if (f == NULL)
		return rk_err(log, "no serial log");
	while (fgets(line, sizeof(line), f) != NULL) {
		clean(line);
		if (needle == NULL || strstr(line, needle) != NULL)
			fprintf(out, "%s\n", line);
	}
	fclose(f);
	return 0;
}
