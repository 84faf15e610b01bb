/* util.c - rustux-kernel CLI helpers: the repository root, running programs, files */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

char rk_top[RK_PATH_MAX];

void
rk_find_top(void)
{
	const char *env = getenv("RUSTUX_TOP");
	char exe[RK_PATH_MAX], probe[RK_PATH_MAX + 16];
	ssize_t n;

	if (env != NULL && *env != '\0') {
		snprintf(rk_top, sizeof(rk_top), "%s", env);
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (int up = 0; up < 4; up++) {
			char *slash = strrchr(exe, '/');

			if (slash == NULL)
				break;
			*slash = '\0';
			snprintf(probe, sizeof(probe), "%s/distro.mk", exe);
			if (access(probe, F_OK) == 0) {
				snprintf(rk_top, sizeof(rk_top), "%s", exe);
				return;
			}
		}
	}
	if (getcwd(rk_top, sizeof(rk_top)) == NULL)
		snprintf(rk_top, sizeof(rk_top), ".");
}

const char *
rk_path(char *buf, const char *rel)
{
	snprintf(buf, RK_PATH_MAX, "%s/%s", rk_top, rel);
	return buf;
}

int
rk_err(const char *what, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "rustux-kernel: %s: ", what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

int
rk_run(char *const argv[], int quiet)
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return rk_err(argv[0], "fork: %s", strerror(errno));
	if (pid == 0) {
		if (quiet) {
			int fd = open("/dev/null", O_WRONLY);

			if (fd >= 0) {
				dup2(fd, 1);
				dup2(fd, 2);
			}
		}
		execvp(argv[0], argv);
		fprintf(stderr, "rustux-kernel: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int
rk_copy_file(const char *src, const char *dst)
{
	char buf[65536];
	FILE *in, *out;
	size_t n;
	int rc = 0;

	if ((in = fopen(src, "rb")) == NULL)
		return rk_err(src, "%s", strerror(errno));
	if ((out = fopen(dst, "wb")) == NULL) {
		fclose(in);
		return rk_err(dst, "%s", strerror(errno));
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (ferror(in))
		rc = -1;
	fclose(in);
	if (fclose(out) != 0)
		rc = -1;
	if (rc != 0)
		return rk_err(dst, "copy from %s failed", src);
	return 0;
}

int
rk_mkdirs(const char *path)
{
	char tmp[RK_PATH_MAX];

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
			return rk_err(tmp, "%s", strerror(errno));
		*p = '/';
	}
	if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
		return rk_err(tmp, "%s", strerror(errno));
	return 0;
}

int
rk_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

int
rk_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return rk_err(path, "%s", strerror(errno));
	fputs(text, f);
	if (fclose(f) != 0)
		return rk_err(path, "write failed");
	return 0;
}

char *
rk_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (f == NULL)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			char *nb = realloc(buf, cap = (cap + 4096) * 2);

			if (nb == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, 4096, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

int
rk_parse_size(const char *s, uint64_t *bytes)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return -1;
	switch (*end) {
	case 'K': case 'k': shift = 10; end++; break;
	case 'M': case 'm': shift = 20; end++; break;
	case 'G': case 'g': shift = 30; end++; break;
	default: break;
	}
	if (*end != '\0' || v > (UINT64_MAX >> shift))
		return -1;
	*bytes = (uint64_t)v << shift;
	return 0;
}
