/* object.c - kernel: reference counting, koids and type names of kernel objects */
/* SPDX-License-Identifier: MIT */
#include "lib/string.h"
#include "object/object.h"

static rx_koid_t next_koid = 1024;	/* low koids stay free for fixed objects */

void
object_init(struct object *obj, rx_obj_type_t type, const struct object_ops *ops)
{
	obj->type = type;
	obj->refs = 1;
	obj->ops = ops;
	obj->koid = __atomic_fetch_add(&next_koid, 1, __ATOMIC_RELAXED);
}

void
object_ref(struct object *obj)
{
	__atomic_fetch_add(&obj->refs, 1, __ATOMIC_RELAXED);
}

void
object_unref(struct object *obj)
{
	if (obj == NULL)
		return;
	/* Release pairs with the acquire below: the destroyer sees all writes. */
	if (__atomic_fetch_sub(&obj->refs, 1, __ATOMIC_RELEASE) != 1)
		return;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (obj->ops != NULL && obj->ops->destroy != NULL)
		obj->ops->destroy(obj);
}

#define RX_OBJ(name, value, doc)	[value] = #name,
static const char *const type_names[] = {
	[0] = "NONE",
#include "abi/objtypes.def"
};
#undef RX_OBJ

const char *
object_type_name(rx_obj_type_t type)
{
	if (type >= sizeof(type_names) / sizeof(type_names[0]) || type_names[type] == NULL)
		return "UNKNOWN";
	return type_names[type];
}
