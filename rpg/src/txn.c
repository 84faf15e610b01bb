/* txn.c - rpg: verified package files and atomic, crash-safe transactions */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "err.h"
#include "fsutil.h"
#include "journal.h"
#include "txn.h"

#define MAX_DEVS 8

struct item {
	enum rpg_journal_op op;
	char *name;
	struct rpg_pkgfile *p;		/* install only */
};

/* One fd per file system written to, for one syncfs() each. */
struct devset {
	int fd[MAX_DEVS];
	dev_t dev[MAX_DEVS];
	size_t n;
};

struct rpg_txn {
	struct rpg_db *db;
	struct item *items;
	size_t nitems;
	struct rpg_journal *j;
	rpg_progress_fn progress;
	void *parg;
	uint64_t done, total;
	struct devset devs;		/* file systems the payload went to */
};

/* The directory of the last path written, reused while entries share it. */
struct dircache {
	char path[PATH_MAX];
	int fd;
	int noted;		/* its file system is in the devset already */
	int fresh;		/* made by this transaction: 1, 0, or -1 not known yet */
};

static int planned(const struct rpg_journal *j, const char *dir);

/*
 * 1 if a file or link on path's way (path or a parent) is still to be moved
 * aside for a directory: until then that name is the old version's, and
 * the directory below it is not the transaction's.
 */
static int
aside_pending(const struct rpg_journal *j, int rootfd, const char *path)
{
	struct rpg_ctx quiet;
	char name[NAME_MAX + 1];
	const char *base;
	struct stat st;
	size_t i, n;
	int fd, gone;

	for (i = 0; i < j->nasides; i++) {
		n = strlen(j->asides[i]);
		if (strncmp(path, j->asides[i], n) != 0 || (path[n] != '\0' && path[n] != '/'))
			continue;
		rpg_ctx_init(&quiet);
		if (rpg_fs_openparent(&quiet, rootfd, j->asides[i], 0, &fd, &base) < 0)
			return 1;
		rpg_journal_aside_name(j, i, name, sizeof(name));
		gone = fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    fstatat(fd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
		close(fd);
		if (!gone)
			return 1;
	}
	return 0;
}

/*
 * 1 if the cached directory is one the transaction j creates. Its files
 * are written under their final names: nothing else is in it and an undo
 * removes it whole. (The commit's rename of the staging name then finds
 * none; recovery still renames one, as an older rpg staged them too.)
 */
static int
dir_fresh(struct dircache *dc, const struct rpg_journal *j, int rootfd)
{
	if (j == NULL)
		return 0;
	if (dc->fresh < 0)
		dc->fresh = dc->path[0] != '\0' && planned(j, dc->path) &&
		    !aside_pending(j, rootfd, dc->path);
	return dc->fresh;
}

/* ---- package files ---- */

int
rpg_pkg_open(struct rpg_ctx *ctx, const char *path, const struct rpg_pubkey *keys,
    size_t nkeys, struct rpg_pkgfile **out)
{
	struct rpg_areader *ar = NULL;
	struct rpg_pkgfile *p;
	char *mj = NULL, *sig = NULL;
	size_t mlen, slen;
	int r;

	p = calloc(1, sizeof(*p));
	if (p == NULL || (p->what = strdup(path)) == NULL) {
		free(p);
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	}
	p->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (p->fd < 0) {
		r = rpg_fail(ctx, -errno, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if ((r = rpg_areader_open(ctx, p->fd, path, &ar)) < 0)
		goto fail;
	if ((r = rpg_areader_manifest(ctx, ar, &mj, &mlen, &sig, &slen)) < 0)
		goto fail;
	if ((r = rpg_verify(ctx, path, keys, nkeys, mj, mlen, sig, slen)) < 0)
		goto fail;
	if ((r = rpg_manifest_parse(ctx, path, mj, mlen, &p->m)) < 0)
		goto fail;
	rpg_sha256(mj, mlen, p->mhash);
	free(mj);
	free(sig);
	rpg_areader_close(ar);
	*out = p;
	return 0;
fail:
	free(mj);
	free(sig);
	if (ar != NULL)
		rpg_areader_close(ar);
	rpg_pkg_close(p);
	return r;
}

void
rpg_pkg_close(struct rpg_pkgfile *p)
{
	if (p == NULL)
		return;
	if (p->fd >= 0)
		close(p->fd);
	rpg_manifest_free(p->m);
	free(p->what);
	free(p);
}

/* ---- streaming the payload ---- */

/* Open (cached) the directory holding path; create it when create is set. */
static int
dir_for(struct rpg_ctx *ctx, int rootfd, struct dircache *dc, const char *path, int create,
    const char **base)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');

	*base = slash != NULL ? slash + 1 : path;
	rpg_fs_dirname(path, dir, sizeof(dir));
	if (dc->fd >= 0 && strcmp(dc->path, dir) == 0)
		return 0;
	if (dc->fd >= 0)
		close(dc->fd);
	dc->fd = -1;
	if (rpg_fs_opendir(ctx, rootfd, dir, create, 0755, &dc->fd) < 0)
		return ctx->err.code;
	dc->noted = 0;
	dc->fresh = -1;
	snprintf(dc->path, sizeof(dc->path), "%s", dir);
	return 0;
}

/* Normalise an archive path: drop "./" prefixes and a trailing '/'. */
static void
norm_path(const char *in, char *out, size_t size)
{
	size_t n;

	while (in[0] == '.' && in[1] == '/')
		in += 2;
	snprintf(out, size, "%s", in);
	n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		out[--n] = '\0';
}

/*
 * The payload streams through two threads: this one reads the archive,
 * checks every entry against the signed manifest and hashes the data;
 * a writer thread creates the files. They meet in a ring of PIPE_SLOTS
 * jobs. A file is closed (and gets its special bits) only after its last
 * chunk has been hashed and matched, as before. Errors come out in archive
 * order: when the reader fails at entry k, the writer first finishes what
 * came before k, and its error, about an earlier entry, wins.
 */
#define PIPE_SLOTS 32
#define PIPE_CHUNK (1u << 17)

enum job_kind {
	JOB_DATA = 1,		/* a chunk of a file: first opens it, last closes it */
	JOB_SYMLINK,
	JOB_DIR,
	JOB_END
};

struct job {
	enum job_kind kind;
	const struct rpg_file *f;
	size_t fi;
	int first, last;
	size_t len;
	char *buf;		/* PIPE_CHUNK bytes */
};

struct pipe {
	pthread_mutex_t mu;
	pthread_cond_t cv_put;		/* a slot was freed or the writer failed */
	pthread_cond_t cv_get;		/* a job was queued */
	struct job slot[PIPE_SLOTS];
	size_t head, tail;		/* jobs queued and taken, counting up */
	int failed;			/* the writer stopped; its error is in wctx */
	int threaded;			/* 0: jobs run inline (no thread could start) */
	pthread_t th;
};

struct stream {
	struct rpg_ctx *ctx;
	struct rpg_pkgfile *p;
	struct rpg_areader *ar;
	int rootfd;
	const struct rpg_journal *j;	/* NULL: extract with final names */
	size_t pi;
	struct rpg_txn *t;		/* progress and sync, may be NULL */
	/* the writer's own */
	struct rpg_ctx wctx;		/* its error slot */
	struct dircache dc;
	int fd;				/* the file being written, -1 */
	struct pipe pp;
};

/* Check an archive entry against its manifest entry. */
static int
check_entry(struct stream *s, const struct rpg_entry *e, const char *path,
    const struct rpg_file *f)
{
	struct rpg_ctx *ctx = s->ctx;
	const char *pkg = s->p->m->name;

	if (e->type == RPG_ET_HARDLINK)
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: hard links are refused", pkg, path);
	if (e->type == RPG_ET_OTHER)
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: device nodes, fifos and sockets are refused",
		    pkg, path);
	if (f == NULL)
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: not listed in the signed manifest", pkg, path);
	if ((f->type == RPG_FT_FILE && e->type != RPG_ET_FILE) ||
	    (f->type == RPG_FT_DIR && e->type != RPG_ET_DIR) ||
	    (f->type == RPG_FT_SYMLINK && e->type != RPG_ET_SYMLINK))
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: type differs from the signed manifest",
		    pkg, path);
	if (f->type != RPG_FT_SYMLINK && (e->mode & 07777) != f->mode)
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: mode %04o differs from the signed manifest's %04o",
		    pkg, path, e->mode & 07777, f->mode);
	if (f->type == RPG_FT_FILE && (e->size < 0 || (uint64_t)e->size != f->size))
		return rpg_fail(ctx, RPG_E_HASH, "%s: %s: size %lld differs from the signed manifest's %llu",
		    pkg, path, (long long)e->size, (unsigned long long)f->size);
	if (f->type == RPG_FT_SYMLINK) {
		if (e->link == NULL || strcmp(e->link, f->target) != 0)
			return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: link target differs from the signed manifest",
			    pkg, path);
		if (!rpg_fs_link_inside(path, f->target))
			return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: symbolic link leads out of the root",
			    pkg, path);
	}
	return 0;
}

static void
stage_name(struct stream *s, size_t fi, const char *base, char *buf, size_t size)
{
	if (s->j != NULL && !dir_fresh(&s->dc, s->j, s->rootfd))
		rpg_journal_stage_name(s->j, s->pi, fi, buf, size);
	else
		snprintf(buf, size, "%s", base);
}

/* Remember the file system of fd so it gets one syncfs() (devs may be NULL). */
static void
note_fs(struct devset *d, int fd)
{
	struct stat st;
	size_t i;

	if (d == NULL || fstat(fd, &st) < 0)
		return;
	for (i = 0; i < d->n; i++)
		if (d->dev[i] == st.st_dev)
			return;
	if (d->n < MAX_DEVS && (d->fd[d->n] = fcntl(fd, F_DUPFD_CLOEXEC, 0)) >= 0)
		d->dev[d->n++] = st.st_dev;
}

/* syncfs() every file system in d; 0 or -errno. */
static int
sync_devs(const struct devset *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (syncfs(d->fd[i]) < 0)
			return -errno;
	return 0;
}

static void
close_devs(struct devset *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		close(d->fd[i]);
	d->n = 0;
}

/* ---- the writer's side ---- */

/* Open the directory of path for the writer and note its file system once. */
static int
wdir(struct stream *s, const char *path, const char **base)
{
	int r;

	if ((r = dir_for(&s->wctx, s->rootfd, &s->dc, path, s->j == NULL, base)) < 0)
		return r;
	if (!s->dc.noted) {
		note_fs(s->t != NULL ? &s->t->devs : NULL, s->dc.fd);
		s->dc.noted = 1;
	}
	return 0;
}

static int
write_chunk(struct stream *s, const struct job *jb)
{
	struct rpg_ctx *ctx = &s->wctx;
	const struct rpg_file *f = jb->f;
	const char *pkg = s->p->m->name, *base;
	char name[NAME_MAX + 1];
	struct timespec ts[2];
	int r;

	if (jb->first) {
		if ((r = wdir(s, f->path, &base)) < 0)
			return r;
		stage_name(s, jb->fi, base, name, sizeof(name));
		/* umask is 0 during a transaction; special bits only once the data is verified. */
		s->fd = openat(s->dc.fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    f->mode & 0777);
		if (s->fd < 0)
			return rpg_fail(ctx, -errno, "%s: %s: %s", pkg, f->path, strerror(errno));
	}
	if (jb->len > 0 && (r = rpg_fs_write_all(s->fd, jb->buf, jb->len)) < 0)
		return rpg_fail(ctx, r, "%s: %s: %s", pkg, f->path, strerror(-r));
	if (!jb->last)
		return 0;
	ts[0].tv_sec = ts[1].tv_sec = s->p->m->build_date;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	r = 0;
	if (((f->mode & 07000) != 0 || s->j == NULL) && fchmod(s->fd, f->mode) < 0)
		r = -errno;
	if (r == 0 && futimens(s->fd, ts) < 0)
		r = -errno;
	if (close(s->fd) < 0 && r == 0)
		r = -errno;
	s->fd = -1;
	if (r < 0)
		return rpg_fail(ctx, r, "%s: %s: %s", pkg, f->path, strerror(-r));
	return 0;
}

static int
write_symlink(struct stream *s, const struct job *jb)
{
	char name[NAME_MAX + 1];
	const char *base;
	int r;

	if ((r = wdir(s, jb->f->path, &base)) < 0)
		return r;
	stage_name(s, jb->fi, base, name, sizeof(name));
	if (symlinkat(jb->f->target, s->dc.fd, name) < 0)
		return rpg_fail(&s->wctx, -errno, "%s: %s: %s", s->p->m->name, jb->f->path,
		    strerror(errno));
	return 0;
}

/* Directories already exist in a transaction (made from the journal); extraction makes them. */
static int
write_dir(struct stream *s, const struct job *jb)
{
	int fd, r;

	if (s->j != NULL)
		return 0;
	if ((r = rpg_fs_opendir(&s->wctx, s->rootfd, jb->f->path, RPG_FS_CREATE, 0755, &fd)) < 0)
		return r;
	if (fchmod(fd, jb->f->mode) < 0)
		r = rpg_fail(&s->wctx, -errno, "%s: %s: %s", s->p->m->name, jb->f->path,
		    strerror(errno));
	close(fd);
	return r;
}

static int
run_job(struct stream *s, const struct job *jb)
{
	switch (jb->kind) {
	case JOB_DATA:
		return write_chunk(s, jb);
	case JOB_SYMLINK:
		return write_symlink(s, jb);
	case JOB_DIR:
		return write_dir(s, jb);
	default:
		return 0;
	}
}

static void *
writer_main(void *arg)
{
	struct stream *s = arg;
	struct pipe *pp = &s->pp;
	struct job *jb;
	int r;

	for (;;) {
		pthread_mutex_lock(&pp->mu);
		while (pp->head == pp->tail)
			pthread_cond_wait(&pp->cv_get, &pp->mu);
		jb = &pp->slot[pp->tail % PIPE_SLOTS];
		pthread_mutex_unlock(&pp->mu);
		if (jb->kind == JOB_END)
			return NULL;
		r = run_job(s, jb);
		pthread_mutex_lock(&pp->mu);
		pp->tail++;
		if (r < 0)
			pp->failed = 1;
		pthread_cond_signal(&pp->cv_put);
		pthread_mutex_unlock(&pp->mu);
		if (r < 0)
			return NULL;
	}
}

/* ---- the ring ---- */

static int
pipe_start(struct stream *s)
{
	struct pipe *pp = &s->pp;
	size_t i;

	pthread_mutex_init(&pp->mu, NULL);
	pthread_cond_init(&pp->cv_put, NULL);
	pthread_cond_init(&pp->cv_get, NULL);
	for (i = 0; i < PIPE_SLOTS; i++)
		if ((pp->slot[i].buf = malloc(PIPE_CHUNK)) == NULL)
			return rpg_fail(s->ctx, RPG_E_NOMEM, "out of memory");
	pp->threaded = pthread_create(&pp->th, NULL, writer_main, s) == 0;
	return 0;
}

/* The next free slot, or NULL when the writer has failed. */
static struct job *
pipe_slot(struct stream *s)
{
	struct pipe *pp = &s->pp;
	struct job *jb = NULL;

	pthread_mutex_lock(&pp->mu);
	while (!pp->failed && pp->head - pp->tail == PIPE_SLOTS)
		pthread_cond_wait(&pp->cv_put, &pp->mu);
	if (!pp->failed)
		jb = &pp->slot[pp->head % PIPE_SLOTS];
	pthread_mutex_unlock(&pp->mu);
	return jb;
}

/* Queue the slot pipe_slot gave (or run it here without a thread). */
static void
pipe_put(struct stream *s)
{
	struct pipe *pp = &s->pp;

	if (!pp->threaded) {
		if (run_job(s, &pp->slot[pp->head % PIPE_SLOTS]) < 0)
			pp->failed = 1;
		pp->head++;
		pp->tail++;
		return;
	}
	pthread_mutex_lock(&pp->mu);
	pp->head++;
	pthread_cond_signal(&pp->cv_get);
	pthread_mutex_unlock(&pp->mu);
}

/*
 * Let the writer finish what was queued and stop it; r is the reader's
 * result. The writer's error wins: it is about an earlier entry.
 */
static int
pipe_finish(struct stream *s, int r)
{
	struct pipe *pp = &s->pp;
	struct job *jb;
	size_t i;

	if (pp->threaded) {
		if ((jb = pipe_slot(s)) != NULL) {
			jb->kind = JOB_END;
			pipe_put(s);
		}
		pthread_join(pp->th, NULL);
	}
	pthread_mutex_destroy(&pp->mu);
	pthread_cond_destroy(&pp->cv_put);
	pthread_cond_destroy(&pp->cv_get);
	for (i = 0; i < PIPE_SLOTS; i++)
		free(pp->slot[i].buf);
	if (s->fd >= 0)
		close(s->fd);
	if (s->dc.fd >= 0)
		close(s->dc.fd);
	if (pp->failed) {
		s->ctx->err = s->wctx.err;
		return s->wctx.err.code;
	}
	return r;
}

/* ---- the reader's side ---- */

/* The writer failed: a placeholder code, replaced by its error in pipe_finish. */
#define WRITER_FAILED (-EPIPE)

static void
progress(struct stream *s, size_t n)
{
	if (s->t != NULL && s->t->progress != NULL) {
		s->t->done += (uint64_t)n;
		s->t->progress(s->t->parg, s->p->m->name, s->t->done, s->t->total);
	}
}

/* Read, hash and queue one file's data; the last chunk only once the hash matched. */
static int
read_file(struct stream *s, const struct rpg_file *f, size_t fi)
{
	struct rpg_ctx *ctx = s->ctx;
	const char *pkg = s->p->m->name;
	uint8_t sum[RPG_SHA256_LEN];
	struct rpg_sha256 h;
	uint64_t total = 0;
	struct job *jb;
	ssize_t n;
	int first = 1;

	if (rpg_sha256_init(&h) < 0)
		return rpg_fail(ctx, RPG_E_NOMEM, "%s: %s: hash: out of memory", pkg, f->path);
	for (;;) {
		if ((jb = pipe_slot(s)) == NULL) {
			rpg_sha256_abort(&h);
			return WRITER_FAILED;
		}
		n = total < f->size ? rpg_areader_read(ctx, s->ar, jb->buf, PIPE_CHUNK) : 0;
		if (n < 0) {
			rpg_sha256_abort(&h);
			return (int)n == ctx->err.code ? (int)n : rpg_fail(ctx, (int)n,
			    "%s: %s: archive truncated or corrupt", pkg, f->path);
		}
		total += (uint64_t)n;
		rpg_sha256_update(&h, jb->buf, (size_t)n);
		*jb = (struct job){ .kind = JOB_DATA, .f = f, .fi = fi, .first = first,
		    .last = total >= f->size, .len = (size_t)n, .buf = jb->buf };
		if (jb->last) {
			rpg_sha256_final(&h, sum);
			if (total != f->size || memcmp(sum, f->sha256, sizeof(sum)) != 0)
				return rpg_fail(ctx, RPG_E_HASH, "%s: %s: %s differs from the signed manifest",
				    pkg, f->path, total != f->size ? "size" : "sha256");
		}
		pipe_put(s);
		progress(s, (size_t)n);
		if (total >= f->size)
			return 0;
		first = 0;
	}
}

/* Queue a symbolic link or a directory. */
static int
queue_other(struct stream *s, const struct rpg_file *f, size_t fi)
{
	struct job *jb;

	if ((jb = pipe_slot(s)) == NULL)
		return WRITER_FAILED;
	*jb = (struct job){ .kind = f->type == RPG_FT_SYMLINK ? JOB_SYMLINK : JOB_DIR, .f = f,
	    .fi = fi, .buf = jb->buf };
	pipe_put(s);
	return 0;
}

static int
stream_entries(struct stream *s, uint8_t *seen)
{
	struct rpg_ctx *ctx = s->ctx;
	const struct rpg_manifest *m = s->p->m;
	const struct rpg_file *f;
	struct rpg_entry e;
	char path[PATH_MAX];
	size_t fi;
	int r;

	while ((r = rpg_areader_next(ctx, s->ar, &e)) > 0) {
		norm_path(e.path, path, sizeof(path));
		f = rpg_manifest_find(m, path);
		if ((r = check_entry(s, &e, path, f)) < 0)
			return r;
		fi = (size_t)(f - m->files);
		if (seen[fi])
			return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: duplicate archive entry", m->name, path);
		seen[fi] = 1;
		if (f->type == RPG_FT_FILE)
			r = read_file(s, f, fi);
		else
			r = queue_other(s, f, fi);
		if (r < 0)
			return r;
		if (s->j != NULL)
			rpg_journal_crashpoint_n("staged", fi);
	}
	if (r < 0)
		return ctx->err.code == r ? r : rpg_fail(ctx, r, "%s: %s: archive truncated or corrupt",
		    m->name, s->p->what);
	for (fi = 0; fi < m->nfiles; fi++)
		if (!seen[fi])
			return rpg_fail(ctx, RPG_E_FORMAT, "%s: %s: missing from the payload (truncated?)",
			    m->name, m->files[fi].path);
	return 0;
}

/* Stream p's payload under rootfd: staging names when j != NULL, else final names. */
static int
stream_payload(struct rpg_ctx *ctx, struct rpg_pkgfile *p, int rootfd,
    const struct rpg_journal *j, size_t pi, struct rpg_txn *t)
{
	struct stream *s;
	uint8_t mh[RPG_SHA256_LEN], *seen = NULL;
	char *mj = NULL, *sig = NULL;
	size_t mlen, slen;
	int r;

	if (lseek(p->fd, 0, SEEK_SET) < 0)
		return rpg_fail(ctx, -errno, "%s: %s", p->what, strerror(errno));
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	*s = (struct stream){ .ctx = ctx, .p = p, .rootfd = rootfd, .j = j, .pi = pi, .t = t,
	    .wctx = *ctx, .fd = -1 };
	s->dc.fd = -1;
	if ((r = rpg_areader_open(ctx, p->fd, p->what, &s->ar)) < 0)
		goto out;
	if ((r = rpg_areader_manifest(ctx, s->ar, &mj, &mlen, &sig, &slen)) < 0)
		goto out;
	rpg_sha256(mj, mlen, mh);
	if (memcmp(mh, p->mhash, sizeof(mh)) != 0) {
		r = rpg_fail(ctx, RPG_E_BADSIG, "%s: %s: changed while being installed",
		    p->m->name, p->what);
		goto out;
	}
	if ((seen = calloc(p->m->nfiles + 1, 1)) == NULL) {
		r = rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
		goto out;
	}
	if ((r = pipe_start(s)) == 0)
		r = stream_entries(s, seen);
	r = pipe_finish(s, r);
out:
	free(seen);
	free(mj);
	free(sig);
	if (s->ar != NULL)
		rpg_areader_close(s->ar);
	free(s);
	return r;
}

int
rpg_pkg_extract(struct rpg_ctx *ctx, struct rpg_pkgfile *p, int dirfd)
{
	return stream_payload(ctx, p, dirfd, NULL, 0, NULL);
}

/* ---- transactions ---- */

int
rpg_txn_new(struct rpg_ctx *ctx, struct rpg_db *db, struct rpg_txn **out)
{
	struct rpg_txn *t;

	t = calloc(1, sizeof(*t));
	if (t == NULL || (t->j = rpg_journal_new()) == NULL) {
		free(t);
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	}
	t->db = db;
	*out = t;
	return 0;
}

static struct item *
find_item(const struct rpg_txn *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nitems; i++)
		if (strcmp(t->items[i].name, name) == 0)
			return &t->items[i];
	return NULL;
}

static int
add_item(struct rpg_ctx *ctx, struct rpg_txn *t, enum rpg_journal_op op, const char *name,
    struct rpg_pkgfile *p)
{
	struct item *it;

	if (find_item(t, name) != NULL)
		return rpg_fail(ctx, RPG_E_CONFLICT, "%s: named twice in one transaction", name);
	it = realloc(t->items, (t->nitems + 1) * sizeof(*it));
	if (it == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	t->items = it;
	it += t->nitems;
	it->op = op;
	it->p = p;
	if ((it->name = strdup(name)) == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	t->nitems++;
	return rpg_journal_add_pkg(ctx, t->j, op, name);
}

int
rpg_txn_add_install(struct rpg_ctx *ctx, struct rpg_txn *t, struct rpg_pkgfile *p)
{
	int r = add_item(ctx, t, RPG_JOP_INSTALL, p->m->name, p);

	if (r < 0)
		rpg_pkg_close(p);
	return r;
}

int
rpg_txn_add_remove(struct rpg_ctx *ctx, struct rpg_txn *t, const char *name)
{
	if (rpg_db_find(t->db, name) == NULL)
		return rpg_fail(ctx, RPG_E_NOTFOUND, "%s: not installed", name);
	return add_item(ctx, t, RPG_JOP_REMOVE, name, NULL);
}

void
rpg_txn_set_progress(struct rpg_txn *t, rpg_progress_fn fn, void *arg)
{
	t->progress = fn;
	t->parg = arg;
}

void
rpg_txn_free(struct rpg_txn *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nitems; i++) {
		free(t->items[i].name);
		rpg_pkg_close(t->items[i].p);
	}
	close_devs(&t->devs);
	free(t->items);
	rpg_journal_free(t->j);
	free(t);
}

/* ---- planning: everything is checked before anything is written ---- */

/* 1 if path is listed by an installed package that the transaction does not touch. */
static const struct rpg_manifest *
untouched_owner(const struct rpg_txn *t, const char *path, const struct rpg_file **f)
{
	size_t i;

	for (i = 0; i < t->db->npkgs; i++) {
		if (find_item(t, t->db->pkgs[i]->name) != NULL)
			continue;
		if ((*f = rpg_manifest_find(t->db->pkgs[i], path)) != NULL)
			return t->db->pkgs[i];
	}
	return NULL;
}

/*
 * 1 if path is a symbolic link in the root that rpg follows to a directory
 * (relative, staying inside: merged-usr's lib -> usr/lib); a package's
 * directory entry is then satisfied by the link, as with dpkg.
 */
static int
dir_via_link(const struct rpg_ctx *ctx, int rootfd, const char *path)
{
	struct rpg_ctx quiet = *ctx;
	int fd;

	if (rpg_fs_opendir(&quiet, rootfd, path, 0, 0, &fd) < 0)
		return 0;
	close(fd);
	return 1;
}

/* 1 if some other item's new manifest lists path as a non-directory. */
static int
txn_other_owner(const struct rpg_txn *t, size_t self, const char *path, const char **who)
{
	const struct rpg_file *f;
	size_t i;

	for (i = 0; i < t->nitems; i++) {
		if (i == self || t->items[i].p == NULL)
			continue;
		f = rpg_manifest_find(t->items[i].p->m, path);
		if (f != NULL) {
			*who = t->items[i].name;
			return f->type == RPG_FT_DIR ? 0 : 1;
		}
	}
	return 0;
}

/* The installed version's entry for path, of an item of t, or NULL. */
static const struct rpg_file *
old_entry(const struct rpg_txn *t, const char *path)
{
	const struct rpg_manifest *old;
	const struct rpg_file *of;
	size_t i;

	for (i = 0; i < t->nitems; i++) {
		old = rpg_db_find(t->db, t->items[i].name);
		if (old != NULL && (of = rpg_manifest_find(old, path)) != NULL)
			return of;
	}
	return NULL;
}

/* lstat path in the root; 0, or -1 when it cannot be reached. */
static int
lstat_in(const struct rpg_txn *t, const char *path, struct stat *st)
{
	struct rpg_ctx quiet;
	const char *base;
	int fd, r;

	rpg_ctx_init(&quiet);
	if (rpg_fs_openparent(&quiet, t->db->rootfd, path, 0, &fd, &base) < 0)
		return -1;
	r = fstatat(fd, base, st, AT_SYMLINK_NOFOLLOW);
	close(fd);
	return r;
}

static int planned(const struct rpg_journal *j, const char *dir);

/*
 * The directory path of a new version is a file or link of the old one:
 * plan to move that aside in the prepare phase and make the directory in
 * its place (journal lines "aside" and "dir"). 1 when planned, 0 when
 * this is not such a change.
 */
static int
plan_swap(struct rpg_ctx *ctx, struct rpg_txn *t, const char *path)
{
	const struct rpg_file *of = old_entry(t, path), *uf;
	struct stat st;
	int r;

	if (of == NULL || of->type == RPG_FT_DIR || untouched_owner(t, path, &uf) != NULL ||
	    planned(t->j, path) || lstat_in(t, path, &st) < 0 || S_ISDIR(st.st_mode))
		return 0;
	if ((r = rpg_journal_add_aside(ctx, t->j, path)) < 0 ||
	    (r = rpg_journal_add_dir(ctx, t->j, path)) < 0)
		return r;
	return 1;
}

/*
 * 1 if everything in the directory path on disk is listed by an old version
 * in t, so that an upgrade that turns path into a file loses nothing.
 */
static int
subtree_old(const struct rpg_txn *t, const char *path, int depth)
{
	const struct rpg_file *of;
	struct rpg_ctx quiet;
	char sub[PATH_MAX];
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd, ok = 1;

	rpg_ctx_init(&quiet);
	if (depth > 64 || rpg_fs_opendir(&quiet, t->db->rootfd, path, 0, 0, &fd) < 0)
		return 0;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return 0;
	}
	while (ok && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name) >= sizeof(sub) ||
		    (of = old_entry(t, sub)) == NULL ||
		    fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			ok = 0;
		else if (S_ISDIR(st.st_mode))
			ok = of->type == RPG_FT_DIR && subtree_old(t, sub, depth + 1);
	}
	closedir(d);
	return ok;
}

/* 1 if dir was planned for creation already. */
static int
planned(const struct rpg_journal *j, const char *dir)
{
	size_t i;

	for (i = j->ndirs; i > 0; i--)
		if (strcmp(j->dirs[i - 1], dir) == 0)
			return 1;
	return 0;
}

/*
 * Make sure directory dir exists or is planned: an existing real directory,
 * or a missing one that gets a journal line. A link or file there is refused.
 */
static int
plan_dir(struct rpg_ctx *ctx, struct rpg_txn *t, const struct rpg_manifest *m, const char *dir)
{
	const struct rpg_file *f;
	char parent[PATH_MAX];
	size_t i;
	int fd, r;

	if (dir[0] == '\0' || planned(t->j, dir))
		return 0;
	if (strchr(dir, '\n') != NULL)
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: bad path", m->name);
	f = rpg_manifest_find(m, dir);
	if (f != NULL && f->type != RPG_FT_DIR)
		return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: payload would write through its own %s",
		    m->name, dir, f->type == RPG_FT_SYMLINK ? "symbolic link" : "file");
	for (i = 0; i < t->nitems; i++)
		if (t->items[i].p != NULL && (f = rpg_manifest_find(t->items[i].p->m, dir)) != NULL &&
		    f->type != RPG_FT_DIR)
			return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: is a %s in package %s", m->name, dir,
			    f->type == RPG_FT_SYMLINK ? "symbolic link" : "file", t->items[i].name);
	if ((r = plan_swap(ctx, t, dir)) != 0)
		return r < 0 ? r : 0;
	rpg_fs_dirname(dir, parent, sizeof(parent));
	if (parent[0] != '\0' && planned(t->j, parent))
		return rpg_journal_add_dir(ctx, t->j, dir);	/* below a new directory */
	r = rpg_fs_opendir(ctx, t->db->rootfd, dir, 0, 0, &fd);
	if (r == 0) {
		close(fd);
		return 0;
	}
	if (r != -ENOENT)
		return rpg_fail(ctx, r, "%s: %s: %s", m->name, dir, r == RPG_E_UNSAFE ?
		    "path goes through a symbolic link" : rpg_strerror(r));
	ctx->err.code = 0;
	if ((r = plan_dir(ctx, t, m, parent)) < 0)
		return r;
	return rpg_journal_add_dir(ctx, t->j, dir);
}

/* An existing non-directory at path may only be one the transaction replaces. */
static int
plan_target(struct rpg_ctx *ctx, struct rpg_txn *t, const struct rpg_manifest *m,
    const struct rpg_file *f)
{
	const struct rpg_manifest *old;
	const struct rpg_file *of;
	struct stat st;
	size_t i;
	int fd, r;

	if (planned(t->j, f->path))
		return 0;
	{
		char dir[PATH_MAX];

		rpg_fs_dirname(f->path, dir, sizeof(dir));
		if (dir[0] != '\0' && planned(t->j, dir))
			return 0;	/* a new directory holds nothing yet */
	}
	{
		const char *base;

		if ((r = rpg_fs_openparent(ctx, t->db->rootfd, f->path, 0, &fd, &base)) < 0) {
			if (r == -ENOENT) {
				ctx->err.code = 0;
				return 0;	/* the parent is being created */
			}
			return rpg_fail(ctx, r, "%s: %s: %s", m->name, f->path, r == RPG_E_UNSAFE ?
			    "path goes through a symbolic link" : rpg_strerror(r));
		}
		r = fstatat(fd, base, &st, AT_SYMLINK_NOFOLLOW);
		close(fd);
	}
	if (r < 0)
		return 0;
	/* A type change within an upgrade: file or link -> directory, directory -> file or link. */
	if (f->type == RPG_FT_DIR && !S_ISDIR(st.st_mode) && (r = plan_swap(ctx, t, f->path)) != 0)
		return r < 0 ? r : 0;
	if (f->type != RPG_FT_DIR && S_ISDIR(st.st_mode) && (of = old_entry(t, f->path)) != NULL &&
	    of->type == RPG_FT_DIR) {
		if (!subtree_old(t, f->path, 0))
			return rpg_fail(ctx, RPG_E_CONFLICT, "%s: %s: directory holds files of no "
			    "version being replaced", m->name, f->path);
		return 0;
	}
	if (f->type == RPG_FT_DIR && S_ISLNK(st.st_mode) && dir_via_link(ctx, t->db->rootfd, f->path))
		return 0;
	if (S_ISDIR(st.st_mode) || f->type == RPG_FT_DIR)
		return S_ISDIR(st.st_mode) == (f->type == RPG_FT_DIR) ? 0 :
		    rpg_fail(ctx, RPG_E_CONFLICT, "%s: %s: exists in the file system as another type",
		    m->name, f->path);
	for (i = 0; i < t->nitems; i++) {
		old = rpg_db_find(t->db, t->items[i].name);
		if (old != NULL && (of = rpg_manifest_find(old, f->path)) != NULL &&
		    of->type != RPG_FT_DIR)
			return 0;
	}
	return rpg_fail(ctx, RPG_E_CONFLICT, "%s: %s: exists in the file system", m->name, f->path);
}

static int
plan_item(struct rpg_ctx *ctx, struct rpg_txn *t, size_t self)
{
	const struct rpg_manifest *m = t->items[self].p->m, *owner;
	const struct rpg_file *f, *of;
	char dir[PATH_MAX], lastdir[PATH_MAX] = "";
	const char *who;
	size_t i;
	int r;

	if (m->type == RPG_TYPE_KERNEL)
		return rpg_fail(ctx, RPG_E_INTERNAL, "%s: kernel packages go to boot slots", m->name);
	for (i = 0; i < m->nfiles; i++) {
		f = &m->files[i];
		if (strchr(f->path, '\n') != NULL)
			return rpg_fail(ctx, RPG_E_UNSAFE, "%s: bad path", m->name);
		owner = untouched_owner(t, f->path, &of);
		if (owner != NULL && (of->type != RPG_FT_DIR || f->type != RPG_FT_DIR) &&
		    !(f->type == RPG_FT_DIR && of->type == RPG_FT_SYMLINK &&
		    dir_via_link(ctx, t->db->rootfd, f->path)))
			return rpg_fail(ctx, RPG_E_CONFLICT, "%s: %s: conflicts with installed package %s",
			    m->name, f->path, owner->name);
		if (f->type != RPG_FT_DIR && txn_other_owner(t, self, f->path, &who))
			return rpg_fail(ctx, RPG_E_CONFLICT, "%s: %s: also in package %s",
			    m->name, f->path, who);
		if (f->type == RPG_FT_SYMLINK && !rpg_fs_link_inside(f->path, f->target))
			return rpg_fail(ctx, RPG_E_UNSAFE, "%s: %s: symbolic link leads out of the root",
			    m->name, f->path);
		rpg_fs_dirname(f->path, dir, sizeof(dir));
		if (strcmp(dir, lastdir) != 0) {
			if ((r = plan_dir(ctx, t, m, dir)) < 0)
				return r;
			snprintf(lastdir, sizeof(lastdir), "%s", dir);
		}
		if ((r = plan_target(ctx, t, m, f)) < 0)
			return r;
		if (f->type == RPG_FT_DIR && (r = plan_dir(ctx, t, m, f->path)) < 0)
			return r;
	}
	t->total += m->installed_size;
	return 0;
}

/* Create the planned directories, parents first, with their manifest modes. */
static int
make_dirs(struct rpg_ctx *ctx, struct rpg_txn *t)
{
	const struct rpg_file *f;
	char aside[NAME_MAX + 1];
	const char *base;
	unsigned mode;
	size_t i, k;
	long a;
	int fd, r;

	for (i = 0; i < t->j->ndirs; i++) {
		mode = 0755;
		for (k = 0; k < t->nitems; k++)
			if (t->items[k].p != NULL &&
			    (f = rpg_manifest_find(t->items[k].p->m, t->j->dirs[i])) != NULL)
				mode = f->mode;
		if ((r = rpg_fs_openparent(ctx, t->db->rootfd, t->j->dirs[i], 0, &fd, &base)) < 0)
			return r;
		if ((a = rpg_journal_aside_index(t->j, t->j->dirs[i])) >= 0) {
			rpg_journal_aside_name(t->j, (size_t)a, aside, sizeof(aside));
			if (renameat(fd, base, fd, aside) < 0 && errno != ENOENT)
				r = rpg_fail(ctx, -errno, "%s: %s", t->j->dirs[i], strerror(errno));
			rpg_journal_crashpoint("aside");
		}
		if (r == 0 && (mkdirat(fd, base, 0700) < 0 && errno != EEXIST))
			r = rpg_fail(ctx, -errno, "%s: %s", t->j->dirs[i], strerror(errno));
		if (r == 0 && fchmodat(fd, base, mode, 0) < 0)
			r = rpg_fail(ctx, -errno, "%s: %s", t->j->dirs[i], strerror(errno));
		close(fd);
		if (r < 0)
			return r;
	}
	return 0;
}

/* ---- commit (redo) and undo, shared by the normal path and recovery ---- */

/* The new manifest of journal package i: in memory, or staged in the db (NULL if committed). */
static struct rpg_manifest *
new_manifest(struct rpg_ctx *ctx, struct rpg_db *db, const struct rpg_journal *j, size_t i,
    struct rpg_manifest **mem, int *owned)
{
	struct rpg_manifest *m = NULL;

	*owned = 0;
	if (j->pkgs[i].op != RPG_JOP_INSTALL)
		return NULL;
	if (mem != NULL && mem[i] != NULL)
		return mem[i];
	if (rpg_db_load_staged(ctx, db, j->pkgs[i].name, &m) < 0) {
		ctx->err.code = 0;
		return NULL;
	}
	*owned = 1;
	return m;
}

struct state {
	struct devset devs;		/* file systems renamed in */
	struct rpg_db *db;
	const struct rpg_journal *j;
	struct rpg_manifest **news;	/* per journal package; NULL when none/committed */
	int *owned;
	int live;			/* this process staged the files (not a recovery) */
};

/* The entry of m for path, when it is a directory or dir_only is not set. */
static const struct rpg_file *
find_typed(const struct rpg_manifest *m, const char *path, int dir_only)
{
	const struct rpg_file *f = rpg_manifest_find(m, path);

	return f != NULL && (!dir_only || f->type == RPG_FT_DIR) ? f : NULL;
}

/*
 * 1 if path is kept by the state after the transaction (dir_only: kept as
 * a directory, so a directory that becomes a file is removed first).
 */
static int
kept(const struct state *s, const char *path, int dir_only)
{
	size_t i, k;
	int touched;

	for (i = 0; i < s->j->npkgs; i++)
		if (s->news[i] != NULL && find_typed(s->news[i], path, dir_only) != NULL)
			return 1;
	for (i = 0; i < s->db->npkgs; i++) {
		touched = 0;
		for (k = 0; k < s->j->npkgs; k++)
			if (strcmp(s->j->pkgs[k].name, s->db->pkgs[i]->name) == 0 &&
			    (s->j->pkgs[k].op == RPG_JOP_REMOVE || s->news[k] != NULL))
				touched = 1;
		if (!touched && find_typed(s->db->pkgs[i], path, dir_only) != NULL)
			return 1;
	}
	return 0;
}

static int
rename_in(struct rpg_ctx *ctx, struct state *s, size_t pi, struct dircache *dc, size_t *count)
{
	const struct rpg_manifest *m = s->news[pi];
	char stage[NAME_MAX + 1];
	const char *base;
	size_t fi;
	int r;

	for (fi = 0; fi < m->nfiles; fi++) {
		if (m->files[fi].type == RPG_FT_DIR)
			continue;
		if ((r = dir_for(ctx, s->db->rootfd, dc, m->files[fi].path, 0, &base)) < 0)
			return r;
		if (!dc->noted) {
			note_fs(&s->devs, dc->fd);
			dc->noted = 1;
		}
		rpg_journal_stage_name(s->j, pi, fi, stage, sizeof(stage));
		/* In a fresh directory the file has its final name already. */
		if (!(s->live && dir_fresh(dc, s->j, s->db->rootfd)) &&
		    renameat(dc->fd, stage, dc->fd, base) < 0 && errno != ENOENT)
			return rpg_fail(ctx, -errno, "%s: %s: %s", m->name, m->files[fi].path,
			    strerror(errno));
		rpg_journal_crashpoint_n("renamed", ++*count);
	}
	return 0;
}

/* Remove what old lists and nothing keeps: files and links first, then directories, deepest first. */
static void
remove_dropped(struct rpg_ctx *ctx, struct state *s, const struct rpg_manifest *old,
    struct dircache *dc)
{
	const struct rpg_file *f;
	const char *base;
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = old->nfiles; i > 0; i--) {
			f = &old->files[i - 1];
			if ((f->type == RPG_FT_DIR) != (pass == 1) || kept(s, f->path, pass == 1))
				continue;
			if (dir_for(ctx, s->db->rootfd, dc, f->path, 0, &base) < 0) {
				ctx->err.code = 0;
				continue;
			}
			unlinkat(dc->fd, base, pass == 1 ? AT_REMOVEDIR : 0);
		}
	}
}

/*
 * The files and links moved aside for directories: put back (undo, when
 * the directory is gone) or delete (redo).
 */
static void
drop_asides(struct rpg_ctx *ctx, struct state *s, int restore)
{
	char name[NAME_MAX + 1];
	const char *base;
	struct stat st;
	size_t i;
	int fd;

	for (i = 0; i < s->j->nasides; i++) {
		if (rpg_fs_openparent(ctx, s->db->rootfd, s->j->asides[i], 0, &fd, &base) < 0) {
			ctx->err.code = 0;
			continue;
		}
		rpg_journal_aside_name(s->j, i, name, sizeof(name));
		if (!restore)
			unlinkat(fd, name, 0);
		else if (fstatat(fd, base, &st, AT_SYMLINK_NOFOLLOW) < 0 && errno == ENOENT)
			renameat(fd, name, fd, base);
		close(fd);
	}
}

static int
redo(struct rpg_ctx *ctx, struct state *s)
{
	struct dircache dc = { .fd = -1 };
	const struct rpg_manifest *old;
	size_t i, count = 0;
	int r = 0;

	/*
	 * Dropped files first: a directory that becomes a file must be gone
	 * before the file is renamed in. Then the renames, then what was
	 * moved aside for a file that became a directory.
	 */
	for (i = 0; i < s->j->npkgs && r == 0; i++) {
		if (s->j->pkgs[i].op == RPG_JOP_INSTALL && s->news[i] == NULL)
			continue;	/* committed before a crash */
		old = rpg_db_find(s->db, s->j->pkgs[i].name);
		if (old != NULL)
			remove_dropped(ctx, s, old, &dc);
	}
	if (dc.fd >= 0)
		close(dc.fd);
	dc.fd = -1;
	rpg_journal_crashpoint("removed");
	for (i = 0; i < s->j->npkgs && r == 0; i++)
		if (s->news[i] != NULL)
			r = rename_in(ctx, s, i, &dc, &count);
	if (dc.fd >= 0)
		close(dc.fd);
	rpg_journal_crashpoint("renamed");
	drop_asides(ctx, s, 0);
	note_fs(&s->devs, s->db->rootfd);
	if (r == 0 && (r = sync_devs(&s->devs)) < 0)
		r = rpg_fail(ctx, r, "%s: syncfs: %s", ctx->root, strerror(-r));
	close_devs(&s->devs);
	for (i = 0; i < s->j->npkgs && r == 0; i++) {
		if (s->j->pkgs[i].op == RPG_JOP_REMOVE)
			r = rpg_db_drop_manifest(ctx, s->db, s->j->pkgs[i].name);
		else
			r = rpg_db_commit_manifest(ctx, s->db, s->j->pkgs[i].name);
		rpg_journal_crashpoint_n("db", i);
	}
	if (r == 0)
		r = rpg_db_sync(ctx, s->db);
	return r;
}

static void
undo(struct rpg_ctx *ctx, struct state *s)
{
	struct dircache dc = { .fd = -1 };
	const struct rpg_manifest *m;
	char stage[NAME_MAX + 1];
	const char *base;
	size_t i, fi;

	for (i = 0; i < s->j->npkgs; i++) {
		if ((m = s->news[i]) == NULL)
			continue;
		for (fi = 0; fi < m->nfiles; fi++) {
			if (m->files[fi].type == RPG_FT_DIR)
				continue;
			if (dir_for(ctx, s->db->rootfd, &dc, m->files[fi].path, 0, &base) < 0) {
				ctx->err.code = 0;
				continue;
			}
			rpg_journal_stage_name(s->j, i, fi, stage, sizeof(stage));
			unlinkat(dc.fd, stage, 0);
			if (dir_fresh(&dc, s->j, s->db->rootfd))
				unlinkat(dc.fd, base, 0);
		}
	}
	if (dc.fd >= 0)
		close(dc.fd);
	for (i = s->j->ndirs; i > 0; i--) {
		int fd;

		if (rpg_fs_openparent(ctx, s->db->rootfd, s->j->dirs[i - 1], 0, &fd, &base) < 0) {
			ctx->err.code = 0;
			continue;
		}
		unlinkat(fd, base, AT_REMOVEDIR);
		close(fd);
	}
	drop_asides(ctx, s, 1);
	syncfs(s->db->rootfd);
}

/* Finish or undo journal j; news may hold in-memory manifests (NULL: load them). */
static int
settle(struct rpg_ctx *ctx, struct rpg_db *db, const struct rpg_journal *j,
    struct rpg_manifest **mem)
{
	struct state s = { .db = db, .j = j, .live = mem != NULL };
	struct rpg_err saved = ctx->err;
	size_t i;
	int r = 0;

	s.news = calloc(j->npkgs + 1, sizeof(*s.news));
	s.owned = calloc(j->npkgs + 1, sizeof(*s.owned));
	if (s.news == NULL || s.owned == NULL) {
		free(s.news);
		free(s.owned);
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	}
	for (i = 0; i < j->npkgs; i++)
		s.news[i] = new_manifest(ctx, db, j, i, mem, &s.owned[i]);
	if (j->state == RPG_JOURNAL_COMMIT) {
		r = redo(ctx, &s);
	} else {
		undo(ctx, &s);
		ctx->err = saved;
	}
	for (i = 0; i < j->npkgs; i++)
		if (s.owned[i])
			rpg_manifest_free(s.news[i]);
	free(s.news);
	free(s.owned);
	if (r < 0)
		return r;
	if ((r = rpg_db_clear_staged(ctx, db)) < 0 || (r = rpg_journal_remove(ctx, db->dbfd)) < 0)
		return r;
	rpg_journal_crashpoint("done");
	return rpg_db_reload(ctx, db);
}

int
rpg_txn_recover(struct rpg_ctx *ctx, struct rpg_db *db)
{
	struct rpg_journal *j;
	int r;

	if (db->dbfd < 0)
		return 0;
	if ((r = rpg_journal_read(ctx, db->dbfd, &j)) < 0)
		return r;
	if (j == NULL)
		return rpg_db_clear_staged(ctx, db);
	r = settle(ctx, db, j, NULL);
	if (r == 0)
		r = 1;
	rpg_journal_free(j);
	return r;
}

/* Stage every payload and make it durable. */
static int
stage_all(struct rpg_ctx *ctx, struct rpg_txn *t)
{
	size_t i;
	int r;

	note_fs(&t->devs, t->db->rootfd);
	for (i = 0; i < t->nitems; i++) {
		if (t->items[i].p == NULL)
			continue;
		if ((r = stream_payload(ctx, t->items[i].p, t->db->rootfd, t->j, i, t)) < 0)
			return r;
	}
	rpg_journal_crashpoint("staged");
	if ((r = sync_devs(&t->devs)) < 0)
		return rpg_fail(ctx, r, "%s: syncfs: %s", ctx->root, strerror(-r));
	return 0;
}

static int txn_run(struct rpg_ctx *ctx, struct rpg_txn *t);

/*
 * Staged files are created with their final permission bits, so the
 * process umask must not trim them: it is 0 for the transaction only.
 */
int
rpg_txn_run(struct rpg_ctx *ctx, struct rpg_txn *t)
{
	mode_t old = umask(0);
	int r = txn_run(ctx, t);

	umask(old);
	return r;
}

static int
txn_run(struct rpg_ctx *ctx, struct rpg_txn *t)
{
	struct rpg_manifest **mem;
	size_t i;
	int r;

	for (i = 0; i < t->nitems; i++)
		if (t->items[i].p != NULL && (r = plan_item(ctx, t, i)) < 0)
			return r;
	mem = calloc(t->nitems + 1, sizeof(*mem));
	if (mem == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	for (i = 0; i < t->nitems; i++)
		mem[i] = t->items[i].p != NULL ? t->items[i].p->m : NULL;
	if ((r = rpg_db_clear_staged(ctx, t->db)) < 0)
		goto out;
	for (i = 0; i < t->nitems; i++)
		if (mem[i] != NULL && (r = rpg_db_stage_manifest(ctx, t->db, mem[i])) < 0)
			goto out;
	if ((r = rpg_journal_write(ctx, t->db->dbfd, t->j)) < 0)
		goto out;
	rpg_journal_crashpoint("prepared");
	if ((r = make_dirs(ctx, t)) < 0 || (r = stage_all(ctx, t)) < 0) {
		struct rpg_err why = ctx->err;

		settle(ctx, t->db, t->j, mem);
		ctx->err = why;
		goto out;
	}
	t->j->state = RPG_JOURNAL_COMMIT;
	if ((r = rpg_journal_write(ctx, t->db->dbfd, t->j)) < 0) {
		struct rpg_err why = ctx->err;

		t->j->state = RPG_JOURNAL_PREPARE;
		settle(ctx, t->db, t->j, mem);
		ctx->err = why;
		goto out;
	}
	rpg_journal_crashpoint("committed");
	r = settle(ctx, t->db, t->j, mem);
out:
	free(mem);
	return r;
}
