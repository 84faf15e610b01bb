/* object.h - kernel: the reference-counted header every kernel object starts with */
/* SPDX-License-Identifier: MIT */
/*
 * A kernel object (process, thread, VMO, channel, open file, pipe, ...)
 * embeds a struct object as its first member. Handles (object/handle.h)
 * and descriptors (object/fd.h) each hold one reference; the object's
 * destroy op runs when the last reference goes. The count is atomic, so
 * object_ref/object_unref need no lock.
 */
#ifndef RUSTUX_OBJECT_OBJECT_H
#define RUSTUX_OBJECT_OBJECT_H

#include <stdint.h>

#include "abi/types.h"

struct object;

struct object_ops {
	/* Frees the object; called once, by the last object_unref. */
	void	(*destroy)(struct object *obj);
};

struct object {
	rx_obj_type_t		 type;		/* RX_OBJ_* */
	uint32_t		 refs;		/* atomic */
	rx_koid_t		 koid;		/* unique for the kernel's lifetime */
	const struct object_ops	*ops;
};

/* Initialises obj with one reference (the caller's) and a fresh koid. */
void	object_init(struct object *obj, rx_obj_type_t type, const struct object_ops *ops);
/* Takes another reference. */
void	object_ref(struct object *obj);
/* Drops a reference; the last one calls ops->destroy. NULL is ignored. */
void	object_unref(struct object *obj);
/* The type's name as in objtypes.def ("CHANNEL"), "NONE" for 0, else "UNKNOWN". */
const char *object_type_name(rx_obj_type_t type);

/* The containing struct of a member pointer (like container_of). */
#define OBJECT_CONTAINER(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - __builtin_offsetof(type, member)))

#endif
