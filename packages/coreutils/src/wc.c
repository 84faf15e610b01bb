/* wc.c - count lines, words and bytes */
/* SPDX-License-Identifier: MIT */
#include <ctype.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../lib/util.h"

struct counts {
	unsigned long long l, w, c;
};

static int show_l, show_w, show_c, width = 7;

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
		printf("%*llu", width, k->l);
		sep = " ";
	}
	if (show_w) {
		printf("%s%*llu", sep, width, k->w);
		sep = " ";
	}
	if (show_c)
		printf("%s%*llu", sep, width, k->c);
	if (name)
		printf(" %s", name);
	putchar('\n');
}

/* As GNU wc: columns as wide as the total size of the input regular files
 * (so one file prints unpadded), 7 when any input is not a regular file;
 * one column of one input is never padded. */
static void
set_width(int n, char **names)
{
	unsigned long long total = 0;
	struct stat st;
	int i;

	for (i = 0; i < n || (n == 0 && i == 0); i++) {
		if (n == 0 || strcmp(names[i], "-") == 0) {
			if (fstat(0, &st) < 0 || !S_ISREG(st.st_mode))
				return;
		} else if (stat(names[i], &st) < 0 || !S_ISREG(st.st_mode))
			return;
		total += (unsigned long long)st.st_size;
	}
	for (width = 1; total >= 10; total /= 10)
		width++;
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
	if (show_l + show_w + show_c > 1 || nfiles > 1)
		set_width(nfiles, argv + optind);
	else
		width = 1;	/* one column of one input: no padding, as GNU */
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
