/* devfs.c - kernel: the device number -> driver registry and the built-in null/zero/full/urandom */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "fs/devfs.h"
#include "lib/string.h"

static const struct dev_driver *drivers[DEVFS_MAX_DRIVERS];
static void (*random_fill)(void *buf, size_t n);

int
devfs_register(const struct dev_driver *d)
{
	int i, free_slot = -1;

	for (i = 0; i < DEVFS_MAX_DRIVERS; i++) {
		if (drivers[i] == d)
			return 0;
		if (drivers[i] != NULL && drivers[i]->rdev == d->rdev)
			return -LX_EEXIST;
		if (drivers[i] == NULL && free_slot < 0)
			free_slot = i;
	}
	if (free_slot < 0)
		return -LX_ENOSPC;
	drivers[free_slot] = d;
	return 0;
}

const struct dev_driver *
devfs_driver(uint64_t rdev)
{
	int i;

	for (i = 0; i < DEVFS_MAX_DRIVERS; i++)
		if (drivers[i] != NULL && drivers[i]->rdev == rdev)
			return drivers[i];
	return NULL;
}

void
devfs_set_random(void (*fill)(void *buf, size_t n))
{
	random_fill = fill;
}

static long
null_read(void *ctx, void *buf, size_t n, uint32_t fflags)
{
	(void)ctx, (void)buf, (void)n, (void)fflags;
	return 0;
}

static long
sink_write(void *ctx, const void *buf, size_t n, uint32_t fflags)
{
	(void)ctx, (void)buf, (void)fflags;
	return (long)n;
}

static long
zero_read(void *ctx, void *buf, size_t n, uint32_t fflags)
{
	(void)ctx, (void)fflags;
	memset(buf, 0, n);
	return (long)n;
}

static long
full_write(void *ctx, const void *buf, size_t n, uint32_t fflags)
{
	(void)ctx, (void)buf, (void)n, (void)fflags;
	return -LX_ENOSPC;
}

/* Without a registered source: splitmix64 (not secret; the kernel must set one). */
static void
weak_fill(void *buf, size_t n)
{
	static uint64_t state = 0x9e3779b97f4a7c15ull;
	unsigned char *p = buf;
	uint64_t z;
	size_t i;

	for (i = 0; i < n; i++) {
		z = (state += 0x9e3779b97f4a7c15ull);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		p[i] = (unsigned char)(z ^ (z >> 31));
	}
}

static long
urandom_read(void *ctx, void *buf, size_t n, uint32_t fflags)
{
	(void)ctx, (void)fflags;
	(random_fill != NULL ? random_fill : weak_fill)(buf, n);
	return (long)n;
}

static const struct dev_driver builtin[] = {
	{ "null", DEV_MKDEV(1, 3), null_read, sink_write, NULL, 1, NULL },
	{ "zero", DEV_MKDEV(1, 5), zero_read, sink_write, NULL, 1, NULL },
	{ "full", DEV_MKDEV(1, 7), zero_read, full_write, NULL, 1, NULL },
	{ "random", DEV_MKDEV(1, 8), urandom_read, sink_write, NULL, 1, NULL },
	{ "urandom", DEV_MKDEV(1, 9), urandom_read, sink_write, NULL, 1, NULL },
};

/* The /dev nodes: name, Linux device number, permissions. */
static const struct {
	const char	*name;
	uint64_t	 rdev;
	uint32_t	 perm;
} nodes[] = {
	{ "console", DEV_MKDEV(5, 1), 0600 },
	{ "tty", DEV_MKDEV(5, 0), 0666 },
	{ "ttyS0", DEV_MKDEV(4, 64), 0660 },
	{ "null", DEV_MKDEV(1, 3), 0666 },
	{ "zero", DEV_MKDEV(1, 5), 0666 },
	{ "full", DEV_MKDEV(1, 7), 0666 },
	{ "random", DEV_MKDEV(1, 8), 0666 },
	{ "urandom", DEV_MKDEV(1, 9), 0666 },
};

static const struct {
	const char	*name;
	const char	*target;
} links[] = {
	{ "fd", "/proc/self/fd" },
	{ "stdin", "/proc/self/fd/0" },
	{ "stdout", "/proc/self/fd/1" },
	{ "stderr", "/proc/self/fd/2" },
};

/* Joins dir and name into buf (LX_PATH_MAX); -LX_ENAMETOOLONG. */
static int
join(char *buf, const char *dir, const char *name)
{
	size_t d = strlen(dir), n = strlen(name);

	if (d + 1 + n + 1 > 256)
		return -LX_ENAMETOOLONG;
	memcpy(buf, dir, d);
	buf[d] = '/';
	memcpy(buf + d + 1, name, n + 1);
	return 0;
}

int
devfs_populate(const struct vfs_ctx *ctx, const char *path)
{
	char buf[256];
	size_t i;
	int r;

	for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		if ((r = devfs_register(&builtin[i])) != 0)
			return r;
	for (i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		if ((r = join(buf, path, nodes[i].name)) != 0)
			return r;
		r = vfs_mknod(ctx, NULL, buf, LX_S_IFCHR | nodes[i].perm, nodes[i].rdev);
		if (r != 0 && r != -LX_EEXIST)
			return r;
	}
	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		if ((r = join(buf, path, links[i].name)) != 0)
			return r;
		r = vfs_symlink(ctx, links[i].target, NULL, buf);
		if (r != 0 && r != -LX_EEXIST)
			return r;
	}
	return 0;
}
