/* fd.c - kernel: descriptor tables with lowest-free allocation and dup/dup2/dup3 semantics */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "abi/linux/fcntl.h"
#include "lib/kalloc.h"
#include "lib/string.h"
#include "object/fd.h"

_Static_assert(FD_CLOEXEC_FLAG == LX_FD_CLOEXEC, "FD_CLOEXEC");

void
fd_table_init(struct fd_table *t, int max)
{
	memset(t, 0, sizeof(*t));
	t->max = max <= 0 || max > FD_TABLE_MAX ? FD_TABLE_MAX : max;
}

void
fd_table_set_max(struct fd_table *t, int max)
{
	t->max = max < 0 ? 0 : max > FD_TABLE_MAX ? FD_TABLE_MAX : max;
}

void
fd_table_destroy(struct fd_table *t)
{
	int i;

	for (i = 0; i < t->cap; i++)
		object_unref(t->slots[i].obj);
	kfree(t->slots);
	t->slots = NULL;
	t->cap = 0;
}

/* Makes slots 0..need-1 exist (need <= max, or a clone of a table lowered below its size). */
static int
reserve(struct fd_table *t, int need)
{
	struct fd_slot *ns;
	int ncap, lim = t->max > need ? t->max : need;

	if (need <= t->cap)
		return 0;
	ncap = t->cap == 0 ? 16 : t->cap;
	while (ncap < need)
		ncap *= 2;
	if (ncap > lim)
		ncap = lim;
	if ((ns = kzalloc((size_t)ncap * sizeof(*ns))) == NULL)
		return -LX_ENOMEM;
	if (t->cap > 0)
		memcpy(ns, t->slots, (size_t)t->cap * sizeof(*ns));
	kfree(t->slots);
	t->slots = ns;
	t->cap = ncap;
	return 0;
}

int
fd_table_clone(struct fd_table *dst, const struct fd_table *src)
{
	int i, r;

	dst->max = src->max;
	if ((r = reserve(dst, src->cap)) != 0)
		return r;
	for (i = 0; i < src->cap; i++) {
		dst->slots[i] = src->slots[i];
		if (dst->slots[i].obj != NULL)
			object_ref(dst->slots[i].obj);
	}
	return 0;
}

/* Empties a slot and drops its reference. */
static void
clear_slot(struct fd_table *t, int fd)
{
	struct object *obj = t->slots[fd].obj;

	t->slots[fd].obj = NULL;
	t->slots[fd].flags = 0;
	object_unref(obj);
}

void
fd_close_on_exec(struct fd_table *t)
{
	int i;

	for (i = 0; i < t->cap; i++)
		if (t->slots[i].obj != NULL && (t->slots[i].flags & FD_CLOEXEC_FLAG))
			clear_slot(t, i);
}

static int
is_open(const struct fd_table *t, int fd)
{
	return fd >= 0 && fd < t->cap && t->slots[fd].obj != NULL;
}

/* Puts obj at fd (a free, reserved slot) with a new reference. */
static void
install(struct fd_table *t, int fd, struct object *obj, uint32_t flags)
{
	object_ref(obj);
	t->slots[fd].obj = obj;
	t->slots[fd].flags = flags & FD_CLOEXEC_FLAG;
}

int
fd_alloc(struct fd_table *t, struct object *obj, uint32_t flags, int min)
{
	int fd, r;

	if (min < 0 || (min > 0 && min >= t->max))
		return -LX_EINVAL;	/* a limit of 0 leaves open, dup... EMFILE */
	for (fd = min; fd < t->cap && t->slots[fd].obj != NULL; fd++)
		continue;
	if (fd >= t->max)
		return -LX_EMFILE;
	if ((r = reserve(t, fd + 1)) != 0)
		return r;
	install(t, fd, obj, flags);
	return fd;
}

int
fd_get(struct fd_table *t, int fd, struct object **out)
{
	if (!is_open(t, fd))
		return -LX_EBADF;
	object_ref(t->slots[fd].obj);
	*out = t->slots[fd].obj;
	return 0;
}

int
fd_close(struct fd_table *t, int fd)
{
	if (!is_open(t, fd))
		return -LX_EBADF;
	clear_slot(t, fd);
	return 0;
}

int
fd_dupfd(struct fd_table *t, int fd, int min, uint32_t flags)
{
	if (!is_open(t, fd))
		return -LX_EBADF;
	if (min >= t->max)
		return -LX_EINVAL;	/* F_DUPFD at or above RLIMIT_NOFILE, even 0 */
	return fd_alloc(t, t->slots[fd].obj, flags, min);
}

int
fd_dup(struct fd_table *t, int fd)
{
	if (!is_open(t, fd))
		return -LX_EBADF;
	return fd_alloc(t, t->slots[fd].obj, 0, 0);
}

/* Shared by dup2 and dup3: oldfd is open and differs from newfd. */
static int
dup_onto(struct fd_table *t, int oldfd, int newfd, uint32_t flags)
{
	struct object *obj;
	int r;

	if (newfd < 0 || newfd >= t->max)
		return -LX_EBADF;
	if ((r = reserve(t, newfd + 1)) != 0)
		return r;
	obj = t->slots[oldfd].obj;
	/* Reference first: closing newfd may drop the last other reference. */
	object_ref(obj);
	if (t->slots[newfd].obj != NULL)
		clear_slot(t, newfd);
	install(t, newfd, obj, flags);
	object_unref(obj);
	return newfd;
}

int
fd_dup2(struct fd_table *t, int oldfd, int newfd)
{
	if (!is_open(t, oldfd))
		return -LX_EBADF;
	if (oldfd == newfd)
		return newfd;
	return dup_onto(t, oldfd, newfd, 0);
}

int
fd_dup3(struct fd_table *t, int oldfd, int newfd, int flags)
{
	if ((flags & ~LX_O_CLOEXEC) != 0)
		return -LX_EINVAL;
	if (!is_open(t, oldfd))
		return -LX_EBADF;
	if (oldfd == newfd)
		return -LX_EINVAL;
	return dup_onto(t, oldfd, newfd, flags & LX_O_CLOEXEC ? FD_CLOEXEC_FLAG : 0);
}

int
fd_get_flags(const struct fd_table *t, int fd)
{
	if (!is_open(t, fd))
		return -LX_EBADF;
	return (int)t->slots[fd].flags;
}

int
fd_set_flags(struct fd_table *t, int fd, uint32_t flags)
{
	if (!is_open(t, fd))
		return -LX_EBADF;
	t->slots[fd].flags = flags & FD_CLOEXEC_FLAG;
	return 0;
}

int
fd_count(const struct fd_table *t)
{
	int i, n = 0;

	for (i = 0; i < t->cap; i++)
		n += t->slots[i].obj != NULL;
	return n;
}
