/* io.c - rpg: whole-file reads and atomic whole-file writes */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "io.h"

int
rpg_io_read_file(struct rpg_ctx *ctx, const char *path, size_t max, char **buf, size_t *len)
{
	struct stat st;
	size_t got = 0;
	ssize_t n;
	char *p;
	int fd, rc;

	*buf = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		rc = -errno;
		return rpg_fail(ctx, rc, "%s: %s", path, strerror(-rc));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > max) {
		close(fd);
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: not a regular file of at most %zu bytes",
		    path, max);
	}
	if ((p = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: out of memory", path);
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, p + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			rc = n < 0 ? -errno : -EIO;
			free(p);
			close(fd);
			return rpg_fail(ctx, rc, "%s: read: %s", path, strerror(-rc));
		}
		got += (size_t)n;
	}
	close(fd);
	p[got] = '\0';
	*buf = p;
	*len = got;
	return 0;
}

int
rpg_io_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
rpg_io_fsync_parent(const char *path)
{
	char dir[PATH_MAX];
	char *slash;
	int fd, rc = 0;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash == NULL) {
		snprintf(dir, sizeof(dir), ".");
	} else if (slash == dir) {
		dir[1] = '\0';
	} else {
		*slash = '\0';
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		return -errno;
	}
	if (fsync(fd) != 0) {
		rc = -errno;
	}
	close(fd);
	return rc;
}

int
rpg_io_write_atomic(struct rpg_ctx *ctx, const char *path, const void *data, size_t len,
    mode_t mode)
{
	char tmp[PATH_MAX];
	int fd, rc;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid()) >= sizeof(tmp)) {
		return rpg_fail(ctx, -ENAMETOOLONG, "%s: name too long", path);
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0) {
		rc = -errno;
		return rpg_fail(ctx, rc, "%s: %s", tmp, strerror(-rc));
	}
	if ((rc = rpg_io_write_all(fd, data, len)) == 0 && fchmod(fd, mode) != 0) {
		rc = -errno;
	}
	if (rc == 0 && fsync(fd) != 0) {
		rc = -errno;
	}
	if (close(fd) != 0 && rc == 0) {
		rc = -errno;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		rc = -errno;
	}
	if (rc != 0) {
		unlink(tmp);
		return rpg_fail(ctx, rc, "%s: %s", path, strerror(-rc));
	}
	rpg_io_fsync_parent(path);
	return 0;
}
