/* util.c - rustica-mkimage: the error slot, hashing, files and child processes */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "util.h"

static char errmsg[1024];

int
mk_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(errmsg, sizeof(errmsg), fmt, ap);
	va_end(ap);
	return -1;
}

const char *
mk_error(void)
{
	return errmsg[0] != '\0' ? errmsg : "unknown error";
}

void
mk_sha256(const void *buf, size_t len, uint8_t out[32])
{
	EVP_Digest(buf, len, out, NULL, EVP_sha256(), NULL);
}

int
mk_sha256_file(const char *path, uint8_t out[32])
{
	EVP_MD_CTX *md;
	uint8_t buf[1 << 16];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		return mk_fail("%s: %s", path, strerror(errno));
	}
	md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		EVP_DigestUpdate(md, buf, (size_t)n);
	}
	EVP_DigestFinal_ex(md, out, NULL);
	EVP_MD_CTX_free(md);
	close(fd);
	return n < 0 ? mk_fail("%s: read: %s", path, strerror(errno)) : 0;
}

void
mk_hex(const uint8_t *bin, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[bin[i] >> 4];
		out[2 * i + 1] = digits[bin[i] & 15];
	}
	out[2 * len] = '\0';
}

int
mk_file_size(const char *path, uint64_t *size)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		return mk_fail("%s: %s", path, strerror(errno));
	}
	if (!S_ISREG(st.st_mode)) {
		return mk_fail("%s: not a regular file", path);
	}
	*size = (uint64_t)st.st_size;
	return 0;
}

int
mk_read_file(const char *path, char **data, size_t *len)
{
	uint64_t size;
	char *buf;
	ssize_t n;
	size_t got = 0;
	int fd;

	if (mk_file_size(path, &size) != 0) {
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		return mk_fail("%s: %s", path, strerror(errno));
	}
	if ((buf = malloc(size + 1)) == NULL) {
		close(fd);
		return mk_fail("%s: out of memory", path);
	}
	while (got < size && (n = read(fd, buf + got, size - got)) > 0) {
		got += (size_t)n;
	}
	close(fd);
	if (got != size) {
		free(buf);
		return mk_fail("%s: short read", path);
	}
	buf[got] = '\0';
	*data = buf;
	if (len != NULL) {
		*len = got;
	}
	return 0;
}

int
mk_write_file(const char *path, const void *data, size_t len)
{
	char tmp[4096];
	const char *p = data;
	ssize_t n;
	int fd;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
		return mk_fail("%s: %s", tmp, strerror(errno));
	}
	while (len > 0 && (n = write(fd, p, len)) > 0) {
		p += n;
		len -= (size_t)n;
	}
	if (len != 0 || fsync(fd) != 0) {
		close(fd);
		unlink(tmp);
		return mk_fail("%s: write: %s", tmp, strerror(errno));
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		unlink(tmp);
		return mk_fail("%s: rename: %s", path, strerror(errno));
	}
	return 0;
}

int
mk_write_sha256(const char *path)
{
	char line[4200], sumpath[4096], hex[65];
	const char *base = strrchr(path, '/');
	uint8_t sum[32];
	int n;

	if (mk_sha256_file(path, sum) != 0) {
		return -1;
	}
	mk_hex(sum, sizeof(sum), hex);
	n = snprintf(line, sizeof(line), "%s  %s\n", hex, base != NULL ? base + 1 : path);
	snprintf(sumpath, sizeof(sumpath), "%s.sha256", path);
	return mk_write_file(sumpath, line, (size_t)n);
}

int
mk_copy_file(const char *src, const char *dst)
{
	char *data;
	size_t len;
	int rc;

	if (mk_read_file(src, &data, &len) != 0) {
		return -1;
	}
	rc = mk_write_file(dst, data, len);
	free(data);
	return rc;
}

int
mk_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int
mk_copy_tree(const char *src, const char *dst)
{
	char s[4096], d[4096];
	struct dirent *e;
	struct stat st;
	DIR *dir;
	int rc = 0;

	if (mk_mkdirs(dst) != 0) {
		return -1;
	}
	if ((dir = opendir(src)) == NULL) {
		return mk_fail("%s: %s", src, strerror(errno));
	}
	while (rc == 0 && (e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
			continue;
		}
		snprintf(s, sizeof(s), "%s/%s", src, e->d_name);
		snprintf(d, sizeof(d), "%s/%s", dst, e->d_name);
		if (lstat(s, &st) != 0) {
			rc = mk_fail("%s: %s", s, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			rc = mk_copy_tree(s, d);
		} else if (S_ISREG(st.st_mode)) {
			rc = mk_copy_file(s, d);
		} else {
			rc = mk_fail("%s: not a file or directory", s);
		}
	}
	closedir(dir);
	return rc;
}

int
mk_mkdirs(const char *path)
{
	char buf[4096];
	char *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf)) {
		return mk_fail("%s: path too long", path);
	}
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
				return mk_fail("%s: %s", buf, strerror(errno));
			}
			*p = '/';
		}
	}
	if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
		return mk_fail("%s: %s", buf, strerror(errno));
	}
	return 0;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP) {
		/* rpg may leave read-only directories; make them writable before emptying. */
		return rmdir(path);
	}
	return unlink(path);
}

static int
chmod_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)ftw;
	if (flag == FTW_D) {
		chmod(path, (st->st_mode & 07777) | 0700);
	}
	return 0;
}

int
mk_rmtree(const char *path)
{
	struct stat st;

	if (path[0] == '\0' || strcmp(path, "/") == 0) {
		return mk_fail("refusing to remove '%s'", path);
	}
	if (lstat(path, &st) != 0) {
		return errno == ENOENT ? 0 : mk_fail("%s: %s", path, strerror(errno));
	}
	nftw(path, chmod_one, 32, FTW_PHYS);
	if (nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS) != 0) {
		return mk_fail("%s: cannot remove: %s", path, strerror(errno));
	}
	return 0;
}

int
mk_run(char *const argv[], const char *out_path)
{
	int status, fd;
	pid_t pid;

	fflush(NULL);
	if ((pid = fork()) < 0) {
		return mk_fail("%s: fork: %s", argv[0], strerror(errno));
	}
	if (pid == 0) {
		if (out_path != NULL) {
			fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0 || dup2(fd, 1) < 0) {
				_exit(127);
			}
		}
		execvp(argv[0], argv);
		fprintf(stderr, "rustica-mkimage: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			return mk_fail("%s: waitpid: %s", argv[0], strerror(errno));
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		return mk_fail("%s %s: failed (status %d)", argv[0], argv[1] != NULL ? argv[1] : "",
		    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	}
	return 0;
}
