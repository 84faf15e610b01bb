/* initstack.c - Linux personality: build the SysV initial stack image for execve */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/auxv.h"
#include "abi/linux/errno.h"
#include "lib/string.h"
#include "linux/initstack.h"

/* A downward writer from end (user address top), at most avail bytes. */
struct sp {
	uint8_t		*end;
	size_t		 avail;
	uint64_t	 top;
	size_t		 used;		/* bytes taken from the top */
};

static uint64_t
sp_addr(const struct sp *s)
{
	return s->top - s->used;
}

/* Reserves n bytes below the current point; returns their buffer address or NULL. */
static uint8_t *
sp_take(struct sp *s, size_t n)
{
	if (n > s->avail - s->used)
		return NULL;
	s->used += n;
	return s->end - s->used;
}

/* Pushes a string with its NUL; returns its user address, 0 when full. */
static uint64_t
push_str(struct sp *s, const char *str)
{
	size_t n = strlen(str) + 1;
	uint8_t *p;

	if ((p = sp_take(s, n)) == NULL)
		return 0;
	memcpy(p, str, n);
	return sp_addr(s);
}

static size_t
count(const char *const *v)
{
	size_t n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return n;
}

/* Stores a 64-bit value at buffer position p (no alignment assumed). */
static void
put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

/* The auxv pairs in Linux's order; returns how many. */
static size_t
build_auxv(const struct initstack_args *a, uint64_t random, uint64_t execfn, uint64_t platform,
    uint64_t auxv[][2])
{
	size_t n = 0;

#define AUX(type, value) do { auxv[n][0] = (type); auxv[n][1] = (value); n++; } while (0)
	AUX(LX_AT_HWCAP, a->hwcap);
	AUX(LX_AT_PAGESZ, a->pagesz);
	AUX(LX_AT_CLKTCK, a->clktck);
	AUX(LX_AT_PHDR, a->phdr);
	AUX(LX_AT_PHENT, a->phent);
	AUX(LX_AT_PHNUM, a->phnum);
	AUX(LX_AT_BASE, a->base);
	AUX(LX_AT_FLAGS, 0);
	AUX(LX_AT_ENTRY, a->entry);
	AUX(LX_AT_UID, a->uid);
	AUX(LX_AT_EUID, a->euid);
	AUX(LX_AT_GID, a->gid);
	AUX(LX_AT_EGID, a->egid);
	AUX(LX_AT_SECURE, a->secure);
	AUX(LX_AT_RANDOM, random);
	AUX(LX_AT_EXECFN, execfn);
	AUX(LX_AT_PLATFORM, platform);
	AUX(LX_AT_NULL, 0);
#undef AUX
	return n;
}

/* Pushes the strings of v (last first, so they ascend); fills addr[] with their addresses. */
static int
push_strings(struct sp *s, const char *const *v, size_t n, uint64_t *addr)
{
	size_t i;

	for (i = n; i-- > 0; )
		if ((addr[i] = push_str(s, v[i])) == 0)
			return -LX_E2BIG;
	return 0;
}

/* Writes argc, the two vectors and auxv at the 16-byte aligned bottom. */
static int
push_vectors(struct sp *s, size_t argc, size_t envc, const uint64_t *ptrs, uint64_t auxv[][2],
    size_t nauxv, uint64_t *rsp)
{
	size_t words = 1 + argc + 1 + envc + 1 + 2 * nauxv, i, w = 0;
	uint64_t bottom = (sp_addr(s) - words * 8) & ~15ull;
	uint8_t *p;

	if (bottom > sp_addr(s) || sp_addr(s) - bottom > s->avail - s->used)
		return -LX_E2BIG;
	p = sp_take(s, (size_t)(sp_addr(s) - bottom));
	put64(p + 8 * w++, argc);
	for (i = 0; i < argc; i++)
		put64(p + 8 * w++, ptrs[i]);
	put64(p + 8 * w++, 0);
	for (i = 0; i < envc; i++)
		put64(p + 8 * w++, ptrs[argc + i]);
	put64(p + 8 * w++, 0);
	for (i = 0; i < nauxv; i++) {
		put64(p + 8 * w++, auxv[i][0]);
		put64(p + 8 * w++, auxv[i][1]);
	}
	*rsp = bottom;
	return 0;
}

int
initstack_build(const struct initstack_args *a, uint8_t *buf, size_t size, uint64_t top,
    uint64_t *rsp)
{
	struct sp s = { buf + size, size, top, 0 };
	size_t argc = count(a->argv), envc = count(a->envp), scratch;
	uint64_t auxv[INITSTACK_AUXV_MAX][2], random, execfn, platform, *ptrs;
	uint8_t *p;
	int r;

	if (top % 16 != 0 || top < size || (uintptr_t)buf % 8 != 0)
		return -LX_EINVAL;
	/* The string addresses wait in the buffer's bottom until the vectors are written. */
	scratch = (argc + envc) * sizeof(uint64_t);
	if (argc > size / 16 || envc > size / 16 || scratch > size / 2)
		return -LX_E2BIG;
	s.avail = size - scratch;
	ptrs = (uint64_t *)(void *)buf;
	if ((p = sp_take(&s, 8)) == NULL)
		return -LX_E2BIG;
	memset(p, 0, 8);
	if ((execfn = push_str(&s, a->execfn)) == 0)
		return -LX_E2BIG;
	if ((r = push_strings(&s, a->envp, envc, ptrs + argc)) != 0 ||
	    (r = push_strings(&s, a->argv, argc, ptrs)) != 0)
		return r;
	if ((platform = push_str(&s, a->platform)) == 0 || (p = sp_take(&s, 16)) == NULL)
		return -LX_E2BIG;
	memcpy(p, a->random, 16);
	random = sp_addr(&s);
	return push_vectors(&s, argc, envc, ptrs, auxv,
	    build_auxv(a, random, execfn, platform, auxv), rsp);
}
