/* initrd.h - rustica-mkimage: pack a sysroot into the initrd (newc cpio) */
/* SPDX-License-Identifier: MIT */
#ifndef MKIMAGE_INITRD_H
#define MKIMAGE_INITRD_H

#include <stdint.h>

/*
 * Write an uncompressed SVR4 "newc" cpio archive of everything under
 * sysroot except its top-level boot/ (that lives on the ESP) and rpg's
 * downloaded packages (the .rpg files in var/cache/rpg) to out.
 * Entries are sorted bytewise by path, parents before children, owner
 * 0:0, inode numbers counted from 1, one link each, mtimes clamped to
 * epoch; file types other than regular, directory and symlink are
 * refused. 0 or mk_fail.
 */
int mk_initrd_write(const char *sysroot, const char *out, int64_t epoch);

#endif
