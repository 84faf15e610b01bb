/* mman.h - Linux x86_64 mmap protections and flags */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_ABI_LINUX_MMAN_H
#define RUSTUX_ABI_LINUX_MMAN_H

#define LX_PROT_NONE	0x0
#define LX_PROT_READ	0x1
#define LX_PROT_WRITE	0x2
#define LX_PROT_EXEC	0x4

#define LX_MAP_SHARED		0x01
#define LX_MAP_PRIVATE		0x02
#define LX_MAP_FIXED		0x10
#define LX_MAP_ANONYMOUS	0x20
#define LX_MAP_GROWSDOWN	0x0100
#define LX_MAP_DENYWRITE	0x0800
#define LX_MAP_EXECUTABLE	0x1000
#define LX_MAP_LOCKED		0x2000
#define LX_MAP_NORESERVE	0x4000
#define LX_MAP_POPULATE		0x8000
#define LX_MAP_NONBLOCK		0x10000
#define LX_MAP_STACK		0x20000
#define LX_MAP_FIXED_NOREPLACE	0x100000

#define LX_MREMAP_MAYMOVE	1
#define LX_MREMAP_FIXED		2

#endif
