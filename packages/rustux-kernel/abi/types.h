/* types.h - native ABI scalar types, statuses, rights and object types */
/* SPDX-License-Identifier: MIT */
/*
 * What user space compiles against: <stdint.h> only. The enumerations are
 * generated from the .def X-macro tables next to this file.
 */
#ifndef RUSTUX_ABI_TYPES_H
#define RUSTUX_ABI_TYPES_H

#include <stdint.h>

typedef uint32_t rx_handle_t;
typedef int32_t rx_status_t;
typedef uint32_t rx_rights_t;
typedef uint32_t rx_obj_type_t;
typedef uint64_t rx_koid_t;

#define RX_HANDLE_INVALID	((rx_handle_t)0)
#define RX_OK			0

#define RX_STATUS(value, name, doc)	RX_ERR_##name = (value),
enum rx_status_values {
#include "status.def"
};
#undef RX_STATUS

#define RX_RIGHT(name, bit, doc)	RX_RIGHT_##name = (bit),
enum rx_rights_values {
	RX_RIGHT_NONE = 0,
#include "rights.def"
};
#undef RX_RIGHT

/* In handle_duplicate/replace: keep the rights the handle has. */
#define RX_RIGHT_SAME_RIGHTS	((rx_rights_t)1u << 31)

#define RX_OBJ(name, value, doc)	RX_OBJ_##name = (value),
enum rx_obj_type_values {
	RX_OBJ_NONE = 0,
#include "objtypes.def"
};
#undef RX_OBJ

#endif
