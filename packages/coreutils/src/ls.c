/* ls.c - list directory contents */
/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/util.h"

static int opt_a, opt_A, opt_l, opt_h, opt_R, opt_d, opt_1, opt_t, opt_S, opt_r;
static int status;

struct ent {
	char *name;
	struct stat st;
};

/* Name order, or newest first (-t), or largest first (-S); -r reverses. */
static int
by_order(const void *pa, const void *pb)
{
	const struct ent *a = pa, *b = pb;
	int r = 0;

	if (opt_t) {
		if (a->st.st_mtim.tv_sec != b->st.st_mtim.tv_sec)
			r = a->st.st_mtim.tv_sec > b->st.st_mtim.tv_sec ? -1 : 1;
		else if (a->st.st_mtim.tv_nsec != b->st.st_mtim.tv_nsec)
			r = a->st.st_mtim.tv_nsec > b->st.st_mtim.tv_nsec ? -1 : 1;
	} else if (opt_S && a->st.st_size != b->st.st_size)
		r = a->st.st_size > b->st.st_size ? -1 : 1;
	if (r == 0)
		r = strcmp(a->name, b->name);
	return opt_r ? -r : r;
}

static void
long_line(const char *dir, const struct ent *e)
{
	char mode[11], tbuf[32], sz[24], path[PATH_MAX], target[PATH_MAX];
	struct passwd *pw = getpwuid(e->st.st_uid);
	struct group *gr = getgrgid(e->st.st_gid);
	time_t now = time(NULL);
	struct tm *tm = localtime(&e->st.st_mtime);
	ssize_t n;
	const char *fmt = "%b %e %H:%M";

	if (e->st.st_mtime > now || now - e->st.st_mtime > 182L * 24 * 3600)
		fmt = "%b %e  %Y";
	if (tm == NULL || strftime(tbuf, sizeof(tbuf), fmt, tm) == 0)
		snprintf(tbuf, sizeof(tbuf), "?");
	if (S_ISCHR(e->st.st_mode) || S_ISBLK(e->st.st_mode))
		snprintf(sz, sizeof(sz), "%u, %u", (unsigned)(e->st.st_rdev >> 8) & 0xfff,
		    (unsigned)(e->st.st_rdev & 0xff));
	else if (opt_h)
		human_size(sz, (unsigned long long)e->st.st_size);
	else
		snprintf(sz, sizeof(sz), "%lld", (long long)e->st.st_size);
	printf("%s %2lu ", mode_string(mode, e->st.st_mode), (unsigned long)e->st.st_nlink);
	if (pw)
		printf("%-8s ", pw->pw_name);
	else
		printf("%-8u ", (unsigned)e->st.st_uid);
	if (gr)
		printf("%-8s ", gr->gr_name);
	else
		printf("%-8u ", (unsigned)e->st.st_gid);
	printf("%8s %s %s", sz, tbuf, e->name);
	if (S_ISLNK(e->st.st_mode)) {
		if (dir)
			path_join(path, sizeof(path), dir, e->name);
		else
			snprintf(path, sizeof(path), "%s", e->name);
		if ((n = readlink(path, target, sizeof(target) - 1)) >= 0) {
			target[n] = '\0';
			printf(" -> %s", target);
		}
	}
	putchar('\n');
}

static int
term_width(void)
{
	struct winsize ws;

	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static void
columns(const struct ent *v, size_t n)
{
	size_t i, r, rows, cols, w = 0, l;

	for (i = 0; i < n; i++)
		if ((l = strlen(v[i].name)) > w)
			w = l;
	w += 2;
	cols = (size_t)term_width() / w;
	if (cols == 0)
		cols = 1;
	rows = (n + cols - 1) / cols;
	for (r = 0; r < rows; r++) {
		for (i = r; i < n; i += rows) {
			if (i + rows < n)
				printf("%-*s", (int)w, v[i].name);
			else
				printf("%s", v[i].name);
		}
		putchar('\n');
	}
}

static void
show(const char *dir, struct ent *v, size_t n)
{
	size_t i;

	qsort(v, n, sizeof(*v), by_order);
	if (opt_l) {
		for (i = 0; i < n; i++)
			long_line(dir, &v[i]);
	} else if (opt_1 || !isatty(1)) {
		for (i = 0; i < n; i++)
			printf("%s\n", v[i].name);
	} else if (n > 0)
		columns(v, n);
}

static void
free_ents(struct ent *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static int
list_dir(const char *path, int header)
{
	char sub[PATH_MAX];
	struct ent *v = NULL, *tmp;
	size_t n = 0, cap = 0, i;
	unsigned long long blocks = 0;
	struct dirent *d;
	DIR *dir;

	if ((dir = opendir(path)) == NULL) {
		status = fail("open directory", path);
		return 1;
	}
	if (header)
		printf("%s:\n", path);
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.' && !opt_a && !(opt_A && strcmp(d->d_name, ".") &&
		    strcmp(d->d_name, "..")))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((tmp = realloc(v, cap * sizeof(*v))) == NULL)
				break;
			v = tmp;
		}
		v[n].name = strdup(d->d_name);
		if (!path_join(sub, sizeof(sub), path, d->d_name) || lstat(sub, &v[n].st) < 0)
			memset(&v[n].st, 0, sizeof(v[n].st));
		blocks += (unsigned long long)v[n].st.st_blocks;
		n++;
	}
	closedir(dir);
	if (opt_l)
		printf("total %llu\n", blocks / 2);
	show(path, v, n);
	for (i = 0; opt_R && i < n; i++) {
		if (!S_ISDIR(v[i].st.st_mode) || strcmp(v[i].name, ".") == 0 ||
		    strcmp(v[i].name, "..") == 0)
			continue;
		if (path_join(sub, sizeof(sub), path, v[i].name)) {
			putchar('\n');
			list_dir(sub, 1);
		}
	}
	free_ents(v, n);
	return 0;
}

int
ls_main(int argc, char **argv)
{
	struct ent *files, *dirs;
	size_t nf = 0, nd = 0, i;
	struct stat st;
	int c, k;

	while ((c = getopt(argc, argv, "1aAdlhRFtSr")) != -1) {
		switch (c) {
		case '1': opt_1 = 1; break;
		case 'a': opt_a = 1; break;
		case 'A': opt_A = 1; break;
		case 'd': opt_d = 1; break;
		case 'l': opt_l = 1; break;
		case 'h': opt_h = 1; break;
		case 'R': opt_R = 1; break;
		case 'F': break;
		case 't': opt_t = 1; break;
		case 'S': opt_S = 1; break;
		case 'r': opt_r = 1; break;
		default: return usage_error();
		}
	}
	if (optind == argc)
		argv[--optind] = ".";
	files = calloc((size_t)(argc - optind), sizeof(*files));
	dirs = calloc((size_t)(argc - optind), sizeof(*dirs));
	if (files == NULL || dirs == NULL)
		return 2;
	for (k = optind; k < argc; k++) {
		if ((opt_l ? lstat(argv[k], &st) : stat(argv[k], &st)) < 0 &&
		    lstat(argv[k], &st) < 0) {
			status = 2;
			msg("cannot access '%s': %s", argv[k], strerror(errno));
			continue;
		}
		if (S_ISDIR(st.st_mode) && !opt_d) {
			dirs[nd].name = strdup(argv[k]);
			dirs[nd++].st = st;
		} else {
			files[nf].name = strdup(argv[k]);
			files[nf++].st = st;
		}
	}
	show(NULL, files, nf);
	qsort(dirs, nd, sizeof(*dirs), by_order);
	for (i = 0; i < nd; i++) {
		if (i > 0 || nf > 0)
			putchar('\n');
		list_dir(dirs[i].name, nf + nd > 1 || opt_R);
	}
	free_ents(files, nf);
	free_ents(dirs, nd);
	return status;
}
