/* handle.h - kernel: a process's handle table (handles, rights, generations) */
/* SPDX-License-Identifier: MIT */
/*
 * A handle is a process-local name for (object, rights). Its value encodes
 * a slot index and the slot's generation: closing a handle bumps the
 * generation, so a stale or forged value fails with BAD_HANDLE instead of
 * reaching whatever object reuses the slot. Values are odd, never 0
 * (RX_HANDLE_INVALID). Each live handle holds one object reference.
 *
 * Locking: the owning process's handle lock must be held around every
 * call; the table itself takes no lock.
 */
#ifndef RUSTUX_OBJECT_HANDLE_H
#define RUSTUX_OBJECT_HANDLE_H

#include <stdint.h>

#include "abi/types.h"
#include "object/object.h"

#define HANDLE_TABLE_MAX	65536	/* slots per process (16 index bits) */

struct handle_slot {
	struct object	*obj;		/* NULL: free */
	rx_rights_t	 rights;
	uint32_t	 gen;		/* 15 bits used */
	uint32_t	 next_free;	/* free list link, index + 1 (0 = end) */
};

struct handle_table {
	struct handle_slot	*slots;
	uint32_t		 cap;		/* slots allocated */
	uint32_t		 count;		/* live handles */
	uint32_t		 free_head;	/* index + 1 of the first free slot, 0 = none */
	uint32_t		 max;		/* limit, <= HANDLE_TABLE_MAX */
};

/* An empty table holding at most max handles (0 means HANDLE_TABLE_MAX). */
void		handle_table_init(struct handle_table *t, uint32_t max);
/* Closes every handle (dropping their references) and frees the slots. */
void		handle_table_destroy(struct handle_table *t);

/*
 * Makes a handle to obj with rights; the table takes its own reference.
 * Returns RX_OK and *out, NO_RESOURCES when the table is full, NO_MEMORY.
 */
rx_status_t	handle_alloc(struct handle_table *t, struct object *obj, rx_rights_t rights,
		    rx_handle_t *out);
/* Closes h, dropping its reference. Returns RX_OK or BAD_HANDLE. */
rx_status_t	handle_close(struct handle_table *t, rx_handle_t h);

/*
 * The one lookup every handler uses (STYLE B5): BAD_HANDLE, then
 * WRONG_TYPE (unless type is RX_OBJ_NONE), then ACCESS_DENIED (unless all
 * of `rights` are held). On RX_OK *out holds a new reference the caller
 * drops with object_unref; out may be NULL to only check.
 */
rx_status_t	handle_get(struct handle_table *t, rx_handle_t h, rx_obj_type_t type,
		    rx_rights_t rights, struct object **out);
/* The rights of h, or 0 when h is not live. */
rx_rights_t	handle_rights(const struct handle_table *t, rx_handle_t h);

/*
 * A second handle to h's object with `rights` (a subset of h's, or
 * RX_RIGHT_SAME_RIGHTS). Needs RX_RIGHT_DUPLICATE on h. Returns RX_OK,
 * BAD_HANDLE, ACCESS_DENIED, INVALID_ARGS (not a subset), NO_RESOURCES.
 */
rx_status_t	handle_duplicate(struct handle_table *t, rx_handle_t h, rx_rights_t rights,
		    rx_handle_t *out);
/* Like handle_duplicate, but h is closed in the same step and needs no
 * DUPLICATE right; on failure h is left as it was. */
rx_status_t	handle_replace(struct handle_table *t, rx_handle_t h, rx_rights_t rights,
		    rx_handle_t *out);
/*
 * Takes h out of the table (for a channel transfer): *obj gets the
 * handle's reference and *rights its rights. Needs RX_RIGHT_TRANSFER.
 * Returns RX_OK, BAD_HANDLE or ACCESS_DENIED.
 */
rx_status_t	handle_take(struct handle_table *t, rx_handle_t h, struct object **obj,
		    rx_rights_t *rights);

#endif
