/* wc.c - count lines, words and bytes */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../lib/util.h"

struct counts {
	unsigned long long l, w, c;
};

static int show_l, show_w, show_c;

static int
count(int fd, struct counts *k)
{
	char buf[16384];
	ssize_t n, i;
	int inword = 0;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		k->c += (unsigned long long)n;
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n')
				k->l++;
			if (isspace((unsigned char)buf[i]))
				inword = 0;
			else if (!inword) {
				inword = 1;
				k->w++;
			}
		}
	}
	return n < 0 ? -1 : 0;
}

static void
show(const struct counts *k, const char *name)
{
	const char *sep = "";

	if (show_l) {
		printf("%7llu", k->l);
		sep = " ";
	}
	if (show_w) {
		printf("%s%7llu", sep, k->w);
		sep = " ";
	}
	if (show_c)
		printf("%s%7llu", sep, k->c);
	if (name)
		printf(" %s", name);
	putchar('\n');
}

int
wc_main(int argc, char **argv)
{
	struct counts k, total = { 0, 0, 0 };
	int c, i, fd, r = 0, nfiles;

	while ((c = getopt(argc, argv, "lwcm")) != -1) {
		if (c == 'l')
			show_l = 1;
		else if (c == 'w')
			show_w = 1;
		else if (c == 'c' || c == 'm')
			show_c = 1;
		else
			return usage_error();
	}
	if (!show_l && !show_w && !show_c)
		show_l = show_w = show_c = 1;
	nfiles = argc - optind;
	if (nfiles == 0) {
		memset(&k, 0, sizeof(k));
		if (count(0, &k) < 0)
			return fail("read", "-");
		show(&k, NULL);
		return 0;
	}
	for (i = optind; i < argc; i++) {
		memset(&k, 0, sizeof(k));
		fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
		if (fd < 0 || count(fd, &k) < 0) {
			r = fail("read", argv[i]);
			if (fd > 0)
				close(fd);
			continue;
		}
		if (fd > 0)
			close(fd);
		show(&k, argv[i]);
		total.l += k.l;
		total.w += k.w;
		total.c += k.c;
	}
	if (nfiles > 1)
		show(&total, "total");
	return r;
}
