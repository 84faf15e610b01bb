/* util.c - helpers shared by the coreutils tools */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

const char *prog = "coreutils";

void
msg(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
fail(const char *what, const char *path)
{
	msg("cannot %s '%s': %s", what, path, strerror(errno));
	return 1;
}

int
usage_error(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", prog);
	return 2;
}

int
write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
copy_fd(int in, int out)
{
	char buf[16384];
	ssize_t r;

	for (;;) {
		r = read(in, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
		if (write_all(out, buf, (size_t)r) < 0)
			return -1;
	}
}

char *
path_join(char *buf, size_t n, const char *a, const char *b)
{
	size_t la = strlen(a);
	int r;

	if (la > 0 && a[la - 1] == '/')
		r = snprintf(buf, n, "%s%s", a, b);
	else
		r = snprintf(buf, n, "%s/%s", a, b);
	if (r < 0 || (size_t)r >= n) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	return buf;
}

char *
human_size(char *buf, unsigned long long n)
{
	static const char units[] = "BKMGTPE";
	double v = (double)n;
	int u = 0;

	if (n < 1024) {
		snprintf(buf, 16, "%llu", n);
		return buf;
	}
	while (v >= 1024 && u < 6) {
		v /= 1024;
		u++;
	}
	if (v < 10)
		snprintf(buf, 16, "%.1f%c", v, units[u]);
	else
		snprintf(buf, 16, "%.0f%c", v, units[u]);
	return buf;
}

ssize_t
read_small(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY);
	ssize_t r, len = 0;

	if (fd < 0)
		return -1;
	while ((size_t)len < n - 1) {
		r = read(fd, buf + len, n - 1 - (size_t)len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += r;
	}
	close(fd);
	buf[len] = '\0';
	return len;
}

int
parse_ulong(const char *s, unsigned long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoul(s, &end, 10);
	return (errno != 0 || *end != '\0') ? -1 : 0;
}

char *
mode_string(char *buf, mode_t m)
{
	const char *rwx = "rwxrwxrwx";
	int i;

	buf[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' :
	    S_ISBLK(m) ? 'b' : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
	for (i = 0; i < 9; i++)
		buf[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		buf[3] = (m & 0100) ? 's' : 'S';
	if (m & S_ISGID)
		buf[6] = (m & 0010) ? 's' : 'S';
	if (m & S_ISVTX)
		buf[9] = (m & 0001) ? 't' : 'T';
	buf[10] = '\0';
	return buf;
}
