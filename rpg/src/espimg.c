/* espimg.c - rpg: the EFI System Partition inside a GPT disk image, through mtools */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "espimg.h"

/*
 * The GPT reader is images/mkimage/gpt.c, a pure module shared with the
 * image composer: compiled into this unit so rpg's wildcard build picks it
 * up without a second copy of the format.
 */
#include "../../images/mkimage/gpt.c"

#define MT_MAX_OUT (64u << 20)	/* largest ESP file read (kernels, initrds) */
#define MT_PATH 4096

struct espimg {
	char *image;		/* the disk image file */
	char spec[MT_PATH];	/* "IMAGE@@OFFSET" for mtools' -i */
};

/* Output of one mtools run: stdout and stderr, each in a memfd. */
struct mt_out {
	char *out;
	size_t outlen;
	char err[512];
};

static int
valid_path(const char *p)
{
	const char *s;

	if (p[0] == '/' || strstr(p, "//") != NULL || strlen(p) > 1024) {
		return 0;
	}
	for (s = p; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == ':' || *s == '\\') {
			return 0;
		}
	}
	return strcmp(p, "..") != 0 && strncmp(p, "../", 3) != 0 && strstr(p, "/../") == NULL &&
	    (strlen(p) < 3 || strcmp(p + strlen(p) - 3, "/..") != 0);
}

static void
child(char *const argv[], int out, int err)
{
	dup2(out, 1);
	dup2(err, 2);
	/* No user configuration, no geometry checks: the image is ours to trust or refuse. */
	setenv("MTOOLSRC", "/dev/null", 1);
	setenv("MTOOLS_SKIP_CHECK", "1", 1);
	execvp(argv[0], argv);
	dprintf(2, "%s: %s", argv[0], strerror(errno));
	_exit(127);
}

static int
slurp(int fd, char **buf, size_t *len, size_t max)
{
	struct stat st;
	ssize_t n;

	if (fstat(fd, &st) != 0 || (size_t)st.st_size > max) {
		return -EFBIG;
	}
	if ((*buf = malloc((size_t)st.st_size + 1)) == NULL) {
		return RPG_E_NOMEM;
	}
	n = st.st_size > 0 ? pread(fd, *buf, (size_t)st.st_size, 0) : 0;
	if (n < 0) {
		free(*buf);
		return -errno;
	}
	(*buf)[n] = '\0';
	*len = (size_t)n;
	return 0;
}

/* Run an mtools command; 0 if it exited 0 (o filled), 1 if it failed (o->err says why), <0 on a system error. */
static int
mt_run(char *const argv[], struct mt_out *o)
{
	int out = memfd_create("rpg-mtools-out", MFD_CLOEXEC);
	int err = memfd_create("rpg-mtools-err", MFD_CLOEXEC);
	int status, rc = 0;
	ssize_t n;
	pid_t pid;

	memset(o, 0, sizeof(*o));
	if (out < 0 || err < 0 || (pid = fork()) < 0) {
		rc = -errno;
		goto out;
	}
	if (pid == 0) {
		child(argv, out, err);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	n = pread(err, o->err, sizeof(o->err) - 1, 0);
	o->err[n > 0 ? n : 0] = '\0';
	o->err[strcspn(o->err, "\n")] = '\0';
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		rc = 1;
		goto out;
	}
	rc = slurp(out, &o->out, &o->outlen, MT_MAX_OUT);
out:
	if (out >= 0) {
		close(out);
	}
	if (err >= 0) {
		close(err);
	}
	return rc;
}

/* Run argv (mtools with "-i SPEC" already in it) and turn a failure into rpg_fail naming path. */
static int
mt_do(struct rpg_ctx *ctx, struct espimg *e, const char *path, char *const argv[],
    struct mt_out *o)
{
	int rc = mt_run(argv, o);

	if (rc < 0) {
		return rpg_fail(ctx, rc, "%s: %s: %s: %s", e->image, path, argv[0], rpg_strerror(rc));
	}
	if (rc == 1) {
		return rpg_fail(ctx, strstr(o->err, "not found") != NULL ? RPG_E_NOTFOUND : RPG_E_FORMAT,
		    "%s: %s: %s", e->image, path, o->err[0] != '\0' ? o->err : "mtools failed");
	}
	return 0;
}

static void
fat_path(const char *path, char *out, size_t size)
{
	snprintf(out, size, "::/%s", path);
}

static int
esp_read(struct rpg_ctx *ctx, void *priv, const char *path, char **data, size_t *len)
{
	struct espimg *e = priv;
	char fp[MT_PATH];
	char *argv[] = { "mtype", "-i", e->spec, fp, NULL };
	struct mt_out o;
	int rc;

	if (!valid_path(path)) {
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: bad ESP path", e->image, path);
	}
	fat_path(path, fp, sizeof(fp));
	if ((rc = mt_do(ctx, e, path, argv, &o)) != 0) {
		return rc;
	}
	*data = o.out;
	*len = o.outlen;
	return 0;
}

static int
exists(struct espimg *e, const char *path)
{
	char fp[MT_PATH];
	char *argv[] = { "mdir", "-b", "-i", e->spec, fp, NULL };
	struct mt_out o;
	int rc;

	fat_path(path, fp, sizeof(fp));
	rc = mt_run(argv, &o);
	free(o.out);
	return rc == 0;
}

/* mmd every missing directory above path. */
static int
make_parents(struct rpg_ctx *ctx, struct espimg *e, const char *path)
{
	char dir[1100], fp[MT_PATH];
	char *argv[] = { "mmd", "-i", e->spec, fp, NULL };
	struct mt_out o;
	char *s;
	int rc;

	snprintf(dir, sizeof(dir), "%s", path);
	for (s = strchr(dir, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (!exists(e, dir)) {
			fat_path(dir, fp, sizeof(fp));
			if ((rc = mt_do(ctx, e, dir, argv, &o)) != 0) {
				return rc;
			}
			free(o.out);
		}
		*s = '/';
	}
	return 0;
}

static int
host_tmp(struct rpg_ctx *ctx, struct espimg *e, const void *data, size_t len, char *tmp,
    size_t size)
{
	const char *dir = getenv("TMPDIR");
	const char *p = data;
	ssize_t n;
	int fd;

	snprintf(tmp, size, "%s/rpg-esp.XXXXXX", dir != NULL && *dir != '\0' ? dir : "/tmp");
	if ((fd = mkstemp(tmp)) < 0) {
		return rpg_fail(ctx, -errno, "%s: %s", e->image, tmp);
	}
	while (len > 0 && (n = write(fd, p, len)) > 0) {
		p += n;
		len -= (size_t)n;
	}
	close(fd);
	if (len != 0) {
		unlink(tmp);
		return rpg_fail(ctx, -EIO, "%s: %s: short write", e->image, tmp);
	}
	return 0;
}

static int
esp_write(struct rpg_ctx *ctx, void *priv, const char *path, const void *data, size_t len)
{
	struct espimg *e = priv;
	char fp[MT_PATH], tmp[MT_PATH];
	char *argv[] = { "mcopy", "-o", "-i", e->spec, tmp, fp, NULL };
	struct mt_out o;
	int rc;

	if (!valid_path(path) || path[0] == '\0' || path[strlen(path) - 1] == '/') {
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: bad ESP path", e->image, path);
	}
	if ((rc = make_parents(ctx, e, path)) != 0) {
		return rc;
	}
	if ((rc = host_tmp(ctx, e, data, len, tmp, sizeof(tmp))) != 0) {
		return rc;
	}
	fat_path(path, fp, sizeof(fp));
	rc = mt_do(ctx, e, path, argv, &o);
	unlink(tmp);
	free(o.out);
	return rc;
}

static int
esp_rename(struct rpg_ctx *ctx, void *priv, const char *from, const char *to)
{
	struct espimg *e = priv;
	char f[MT_PATH], t[MT_PATH];
	char *argv[] = { "mmove", "-D", "o", "-i", e->spec, f, t, NULL };
	struct mt_out o;
	int rc;

	if (!valid_path(from) || !valid_path(to)) {
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s -> %s: bad ESP path", e->image, from, to);
	}
	if (!exists(e, from)) {
		return rpg_fail(ctx, RPG_E_NOTFOUND, "%s: %s: no such file", e->image, from);
	}
	if ((rc = make_parents(ctx, e, to)) != 0) {
		return rc;
	}
	fat_path(from, f, sizeof(f));
	fat_path(to, t, sizeof(t));
	rc = mt_do(ctx, e, from, argv, &o);
	free(o.out);
	return rc;
}

static int
esp_remove(struct rpg_ctx *ctx, void *priv, const char *path)
{
	struct espimg *e = priv;
	char fp[MT_PATH];
	char *argv[] = { "mdel", "-i", e->spec, fp, NULL };
	struct mt_out o;
	int rc;

	if (!valid_path(path)) {
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: bad ESP path", e->image, path);
	}
	fat_path(path, fp, sizeof(fp));
	rc = mt_do(ctx, e, path, argv, &o);
	free(o.out);
	return rc;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Turn mdir -b lines ("::/DIR/NAME" or "::/DIR/NAME/") into base names. */
static int
parse_list(struct rpg_ctx *ctx, struct espimg *e, char *text, char ***names, size_t *n)
{
	char **v = NULL, **nv, *line, *save = NULL, *base, *end;
	size_t cap = 0, k = 0;

	for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		end = line + strlen(line);
		base = end > line && end[-1] == '/' ? end - 1 : end;
		while (base > line && base[-1] != '/') {
			base--;
		}
		if (k == cap) {
			cap = cap ? 2 * cap : 16;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL) {
				rpg_esp_names_free(v, k);
				return rpg_fail(ctx, RPG_E_NOMEM, "%s: listing", e->image);
			}
			v = nv;
		}
		if ((v[k] = strdup(base)) == NULL) {
			rpg_esp_names_free(v, k);
			return rpg_fail(ctx, RPG_E_NOMEM, "%s: listing", e->image);
		}
		k++;
	}
	if (k > 0) {
		qsort(v, k, sizeof(*v), by_name);
	}
	*names = v;
	*n = k;
	return 0;
}

static int
esp_list(struct rpg_ctx *ctx, void *priv, const char *dir, char ***names, size_t *n)
{
	struct espimg *e = priv;
	char fp[MT_PATH];
	char *argv[] = { "mdir", "-b", "-i", e->spec, fp, NULL };
	struct mt_out o;
	int rc;

	if (!valid_path(dir)) {
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: bad ESP path", e->image, dir);
	}
	fat_path(dir, fp, sizeof(fp));
	if ((rc = mt_do(ctx, e, dir[0] ? dir : "/", argv, &o)) != 0) {
		return rc;
	}
	rc = parse_list(ctx, e, o.out, names, n);
	free(o.out);
	return rc;
}

static int
esp_sync(struct rpg_ctx *ctx, void *priv)
{
	struct espimg *e = priv;
	int fd = open(e->image, O_RDWR | O_CLOEXEC);

	if (fd < 0 || fsync(fd) != 0) {
		int rc = -errno;

		if (fd >= 0) {
			close(fd);
		}
		return rpg_fail(ctx, rc, "%s: fsync: %s", e->image, strerror(-rc));
	}
	close(fd);
	return 0;
}

static void
esp_close(void *priv)
{
	struct espimg *e = priv;

	if (e != NULL) {
		free(e->image);
		free(e);
	}
}

static const struct rpg_esp_ops espimg_ops = {
	.read = esp_read,
	.write = esp_write,
	.rename = esp_rename,
	.remove = esp_remove,
	.list = esp_list,
	.sync = esp_sync,
	.close = esp_close,
};

/* Read the first sectors and find the ESP's byte offset. */
static int
find_esp(struct rpg_ctx *ctx, const char *path, uint64_t *offset)
{
	static uint8_t head[GPT_HEAD_BYTES];
	struct gpt_disk d;
	struct stat st;
	ssize_t n;
	int fd, rc, i;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		return rpg_fail(ctx, -errno, "%s: %s", path, strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: not a disk image file", path);
	}
	n = pread(fd, head, sizeof(head), 0);
	close(fd);
	if (n < 0) {
		return rpg_fail(ctx, -errno, "%s: read: %s", path, strerror(errno));
	}
	if ((rc = gpt_read(head, (size_t)n, (uint64_t)st.st_size, &d)) != GPT_OK) {
		return rpg_fail(ctx, RPG_E_FORMAT, "%s: %s", path, gpt_strerror(rc));
	}
	if ((i = gpt_find(&d, &gpt_type_esp)) < 0) {
		return rpg_fail(ctx, RPG_E_NOTFOUND, "%s: no EFI System Partition", path);
	}
	*offset = d.parts[i].first_lba * GPT_SECTOR;
	return 0;
}

int
rpg_espimg_open(struct rpg_ctx *ctx, const char *path, struct rpg_esp *esp)
{
	struct espimg *e;
	uint64_t off;
	int rc;

	if ((rc = find_esp(ctx, path, &off)) != 0) {
		return rc;
	}
	if ((e = calloc(1, sizeof(*e))) == NULL || (e->image = strdup(path)) == NULL) {
		free(e);
		return rpg_fail(ctx, RPG_E_NOMEM, "%s", path);
	}
	if (snprintf(e->spec, sizeof(e->spec), "%s@@%llu", path, (unsigned long long)off) >=
	    (int)sizeof(e->spec)) {
		esp_close(e);
		return rpg_fail(ctx, RPG_E_USAGE, "%s: path too long", path);
	}
	esp->ops = &espimg_ops;
	esp->priv = e;
	return 0;
}

void
rpg_esp_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(names[i]);
	}
	free(names);
}
