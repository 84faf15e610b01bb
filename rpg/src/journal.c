/* journal.c - rpg: the transaction journal, ROOT/var/lib/rpg/journal */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "err.h"
#include "fsutil.h"
#include "journal.h"

#define JOURNAL_MAX (64u << 20)

struct rpg_journal *
rpg_journal_new(void)
{
	struct rpg_journal *j;
	uint8_t rnd[8];
	size_t i;

	j = calloc(1, sizeof(*j));
	if (j == NULL)
		return NULL;
	if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd)) {
		uint64_t v = (uint64_t)getpid() * 0x9e3779b97f4a7c15ull;

		memcpy(rnd, &v, sizeof(rnd));
	}
	for (i = 0; i < sizeof(rnd); i++)
		snprintf(j->txid + 2 * i, 3, "%02x", rnd[i]);
	j->state = RPG_JOURNAL_PREPARE;
	return j;
}

int
rpg_journal_add_pkg(struct rpg_ctx *ctx, struct rpg_journal *j, enum rpg_journal_op op,
    const char *name)
{
	struct rpg_journal_pkg *p;

	p = realloc(j->pkgs, (j->npkgs + 1) * sizeof(*p));
	if (p == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	j->pkgs = p;
	p[j->npkgs].op = op;
	if ((p[j->npkgs].name = strdup(name)) == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	j->npkgs++;
	return 0;
}

int
rpg_journal_add_dir(struct rpg_ctx *ctx, struct rpg_journal *j, const char *path)
{
	char **d;

	d = realloc(j->dirs, (j->ndirs + 1) * sizeof(*d));
	if (d == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	j->dirs = d;
	if ((d[j->ndirs] = strdup(path)) == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	j->ndirs++;
	return 0;
}

int
rpg_journal_add_aside(struct rpg_ctx *ctx, struct rpg_journal *j, const char *path)
{
	char **a;

	a = realloc(j->asides, (j->nasides + 1) * sizeof(*a));
	if (a == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	j->asides = a;
	if ((a[j->nasides] = strdup(path)) == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	j->nasides++;
	return 0;
}

long
rpg_journal_aside_index(const struct rpg_journal *j, const char *path)
{
	size_t i;

	for (i = 0; i < j->nasides; i++)
		if (strcmp(j->asides[i], path) == 0)
			return (long)i;
	return -1;
}

int
rpg_journal_write(struct rpg_ctx *ctx, int dbfd, const struct rpg_journal *j)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f;
	int r;

	f = open_memstream(&buf, &len);
	if (f == NULL)
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	fprintf(f, "rpg-journal 1\ntxid %s\nstate %s\n", j->txid,
	    j->state == RPG_JOURNAL_COMMIT ? "commit" : "prepare");
	for (i = 0; i < j->npkgs; i++)
		fprintf(f, "%s %s\n", j->pkgs[i].op == RPG_JOP_REMOVE ? "remove" : "install",
		    j->pkgs[i].name);
	for (i = 0; i < j->ndirs; i++)
		fprintf(f, "dir %s\n", j->dirs[i]);
	for (i = 0; i < j->nasides; i++)
		fprintf(f, "aside %s\n", j->asides[i]);
	fprintf(f, "end\n");
	if (fclose(f) != 0) {
		free(buf);
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	}
	r = rpg_fs_write_atomic(ctx, dbfd, "journal", buf, len, 0644);
	free(buf);
	return r;
}

/* Apply one "key value" line to j. */
static int
parse_line(struct rpg_ctx *ctx, struct rpg_journal *j, char *line)
{
	char *v = strchr(line, ' ');

	if (v == NULL)
		return strcmp(line, "end") == 0 ? 1 : -1;
	*v++ = '\0';
	if (strcmp(line, "rpg-journal") == 0)
		return strcmp(v, "1") == 0 ? 0 : -1;
	if (strcmp(line, "txid") == 0) {
		if (strlen(v) != 16)
			return -1;
		memcpy(j->txid, v, 17);
		return 0;
	}
	if (strcmp(line, "state") == 0) {
		if (strcmp(v, "commit") == 0)
			j->state = RPG_JOURNAL_COMMIT;
		else if (strcmp(v, "prepare") == 0)
			j->state = RPG_JOURNAL_PREPARE;
		else
			return -1;
		return 0;
	}
	if (strcmp(line, "install") == 0)
		return rpg_journal_add_pkg(ctx, j, RPG_JOP_INSTALL, v);
	if (strcmp(line, "remove") == 0)
		return rpg_journal_add_pkg(ctx, j, RPG_JOP_REMOVE, v);
	if (strcmp(line, "dir") == 0)
		return rpg_journal_add_dir(ctx, j, v);
	if (strcmp(line, "aside") == 0)
		return rpg_journal_add_aside(ctx, j, v);
	return -1;
}

int
rpg_journal_read(struct rpg_ctx *ctx, int dbfd, struct rpg_journal **out)
{
	struct rpg_journal *j;
	char *buf, *line, *save = NULL;
	int r, end = 0;

	*out = NULL;
	r = rpg_fs_read(ctx, dbfd, "journal", JOURNAL_MAX, &buf, NULL);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return r;
	j = calloc(1, sizeof(*j));
	if (j == NULL) {
		free(buf);
		return rpg_fail(ctx, RPG_E_NOMEM, "out of memory");
	}
	for (line = strtok_r(buf, "\n", &save); line != NULL && !end;
	    line = strtok_r(NULL, "\n", &save)) {
		r = parse_line(ctx, j, line);
		if (r == -1)
			r = rpg_fail(ctx, RPG_E_FORMAT, "var/lib/rpg/journal: bad line \"%.80s\"", line);
		if (r < 0)
			break;
		end = r == 1;
		r = 0;
	}
	free(buf);
	if (r == 0 && (!end || j->txid[0] == '\0' || j->state == 0))
		r = rpg_fail(ctx, RPG_E_FORMAT, "var/lib/rpg/journal: incomplete");
	if (r < 0) {
		rpg_journal_free(j);
		return r;
	}
	*out = j;
	return 0;
}

int
rpg_journal_remove(struct rpg_ctx *ctx, int dbfd)
{
	int r;

	if (unlinkat(dbfd, "journal", 0) < 0 && errno != ENOENT)
		return rpg_fail(ctx, -errno, "var/lib/rpg/journal: %s", strerror(errno));
	if ((r = rpg_fs_fsync_dir(dbfd)) < 0)
		return rpg_fail(ctx, r, "var/lib/rpg: fsync: %s", strerror(-r));
	return 0;
}

void
rpg_journal_free(struct rpg_journal *j)
{
	size_t i;

	if (j == NULL)
		return;
	for (i = 0; i < j->npkgs; i++)
		free(j->pkgs[i].name);
	free(j->pkgs);
	for (i = 0; i < j->ndirs; i++)
		free(j->dirs[i]);
	free(j->dirs);
	for (i = 0; i < j->nasides; i++)
		free(j->asides[i]);
	free(j->asides);
	free(j);
}

void
rpg_journal_stage_name(const struct rpg_journal *j, size_t pi, size_t fi, char *buf,
    size_t size)
{
	snprintf(buf, size, ".rpg-%s-%zu-%zu", j->txid, pi, fi);
}

void
rpg_journal_aside_name(const struct rpg_journal *j, size_t n, char *buf, size_t size)
{
	snprintf(buf, size, ".rpg-%s-a-%zu", j->txid, n);
}

void
rpg_journal_crashpoint(const char *step)
{
	const char *at = getenv("RPG_CRASH_AT");

	if (at != NULL && strcmp(at, step) == 0)
		kill(getpid(), SIGKILL);
}

void
rpg_journal_crashpoint_n(const char *step, size_t n)
{
	char buf[128];

	if (getenv("RPG_CRASH_AT") == NULL)
		return;
	snprintf(buf, sizeof(buf), "%s-%zu", step, n);
	rpg_journal_crashpoint(buf);
}
