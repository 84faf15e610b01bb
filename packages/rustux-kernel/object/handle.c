/* handle.c - kernel: handle tables with rights and generation-checked values */
/* SPDX-License-Identifier: MIT */
#include "lib/kalloc.h"
#include "lib/string.h"
#include "object/handle.h"

#define GEN_BITS	15
#define GEN_MASK	((1u << GEN_BITS) - 1)
#define INDEX_BITS	16
#define INDEX_MASK	((1u << INDEX_BITS) - 1)

/* value = gen << 17 | index << 1 | 1: odd, so never RX_HANDLE_INVALID. */
static rx_handle_t
encode(uint32_t index, uint32_t gen)
{
	return (rx_handle_t)((gen & GEN_MASK) << (INDEX_BITS + 1) | index << 1 | 1u);
}

/* The live slot h names, or NULL for junk, stale or closed values. */
static struct handle_slot *
slot_of(const struct handle_table *t, rx_handle_t h)
{
	uint32_t index = (h >> 1) & INDEX_MASK, gen = h >> (INDEX_BITS + 1);
	struct handle_slot *s;

	if ((h & 1u) == 0 || index >= t->cap)
		return NULL;
	s = &t->slots[index];
	if (s->obj == NULL || s->gen != gen)
		return NULL;
	return s;
}

void
handle_table_init(struct handle_table *t, uint32_t max)
{
	memset(t, 0, sizeof(*t));
	t->max = max == 0 || max > HANDLE_TABLE_MAX ? HANDLE_TABLE_MAX : max;
}

void
handle_table_destroy(struct handle_table *t)
{
	uint32_t i;

	for (i = 0; i < t->cap; i++)
		object_unref(t->slots[i].obj);
	kfree(t->slots);
	memset(t, 0, sizeof(*t));
}

/* Doubles the slot array (up to max) and threads the new slots onto the free list. */
static rx_status_t
grow(struct handle_table *t)
{
	uint32_t ncap, i;
	struct handle_slot *ns;

	if (t->cap >= t->max)
		return RX_ERR_NO_RESOURCES;
	ncap = t->cap == 0 ? 16 : t->cap * 2;
	if (ncap > t->max)
		ncap = t->max;
	if ((ns = kzalloc(ncap * sizeof(*ns))) == NULL)
		return RX_ERR_NO_MEMORY;
	if (t->cap > 0)
		memcpy(ns, t->slots, t->cap * sizeof(*ns));
	for (i = ncap; i > t->cap; i--) {
		ns[i - 1].next_free = t->free_head;
		t->free_head = i;
	}
	kfree(t->slots);
	t->slots = ns;
	t->cap = ncap;
	return RX_OK;
}

rx_status_t
handle_alloc(struct handle_table *t, struct object *obj, rx_rights_t rights, rx_handle_t *out)
{
	struct handle_slot *s;
	uint32_t index;
	rx_status_t st;

	if (t->free_head == 0 && (st = grow(t)) != RX_OK)
		return st;
	index = t->free_head - 1;
	s = &t->slots[index];
	t->free_head = s->next_free;
	s->next_free = 0;
	s->obj = obj;
	s->rights = rights & ~RX_RIGHT_SAME_RIGHTS;
	object_ref(obj);
	t->count++;
	*out = encode(index, s->gen);
	return RX_OK;
}

/* Empties a live slot, bumps its generation and returns the reference it held. */
static struct object *
release_slot(struct handle_table *t, struct handle_slot *s)
{
	struct object *obj = s->obj;

	s->obj = NULL;
	s->rights = 0;
	s->gen = (s->gen + 1) & GEN_MASK;
	s->next_free = t->free_head;
	t->free_head = (uint32_t)(s - t->slots) + 1;
	t->count--;
	return obj;
}

rx_status_t
handle_close(struct handle_table *t, rx_handle_t h)
{
	struct handle_slot *s;

	if ((s = slot_of(t, h)) == NULL)
		return RX_ERR_BAD_HANDLE;
	object_unref(release_slot(t, s));
	return RX_OK;
}

rx_status_t
handle_get(struct handle_table *t, rx_handle_t h, rx_obj_type_t type, rx_rights_t rights,
    struct object **out)
{
	struct handle_slot *s;

	if ((s = slot_of(t, h)) == NULL)
		return RX_ERR_BAD_HANDLE;
	if (type != RX_OBJ_NONE && s->obj->type != type)
		return RX_ERR_WRONG_TYPE;
	if ((s->rights & rights) != rights)
		return RX_ERR_ACCESS_DENIED;
	if (out != NULL) {
		object_ref(s->obj);
		*out = s->obj;
	}
	return RX_OK;
}

rx_rights_t
handle_rights(const struct handle_table *t, rx_handle_t h)
{
	struct handle_slot *s = slot_of(t, h);

	return s == NULL ? 0 : s->rights;
}

/* The rights a duplicate of s gets, or fails with INVALID_ARGS for a non-subset. */
static rx_status_t
reduced_rights(const struct handle_slot *s, rx_rights_t want, rx_rights_t *out)
{
	if (want == RX_RIGHT_SAME_RIGHTS) {
		*out = s->rights;
		return RX_OK;
	}
	if ((want & ~s->rights) != 0)
		return RX_ERR_INVALID_ARGS;
	*out = want;
	return RX_OK;
}

rx_status_t
handle_duplicate(struct handle_table *t, rx_handle_t h, rx_rights_t rights, rx_handle_t *out)
{
	struct handle_slot *s;
	rx_rights_t r;
	rx_status_t st;

	if ((s = slot_of(t, h)) == NULL)
		return RX_ERR_BAD_HANDLE;
	if ((s->rights & RX_RIGHT_DUPLICATE) == 0)
		return RX_ERR_ACCESS_DENIED;
	if ((st = reduced_rights(s, rights, &r)) != RX_OK)
		return st;
	return handle_alloc(t, s->obj, r, out);
}

rx_status_t
handle_replace(struct handle_table *t, rx_handle_t h, rx_rights_t rights, rx_handle_t *out)
{
	struct handle_slot *s;
	struct object *obj;
	rx_rights_t r;
	rx_status_t st;

	if ((s = slot_of(t, h)) == NULL)
		return RX_ERR_BAD_HANDLE;
	if ((st = reduced_rights(s, rights, &r)) != RX_OK)
		return st;
	obj = s->obj;
	/* Allocate first (the slot array may move), then release the old slot. */
	if ((st = handle_alloc(t, obj, r, out)) != RX_OK)
		return st;
	object_unref(release_slot(t, slot_of(t, h)));
	return RX_OK;
}

rx_status_t
handle_take(struct handle_table *t, rx_handle_t h, struct object **obj, rx_rights_t *rights)
{
	struct handle_slot *s;

	if ((s = slot_of(t, h)) == NULL)
		return RX_ERR_BAD_HANDLE;
	if ((s->rights & RX_RIGHT_TRANSFER) == 0)
		return RX_ERR_ACCESS_DENIED;
	*rights = s->rights;
	*obj = release_slot(t, s);
	return RX_OK;
}
