/* exec_load.h - kernel: execve's loader: the program file, its address space and initial stack */
/* SPDX-License-Identifier: MIT */
/*
 * execve opens the program with exec_file_open, looks at its first bytes
 * (#! or ELF), and builds the new image with exec_load_image. Files of a
 * file system that keeps whole pages (ramfs) are not read at all: their
 * pages are mapped copy-on-write into the new address space, as a page
 * cache would, so every exec of one program shares its text. Other files
 * are read whole into memory and copied.
 */
#ifndef RUSTUX_PROC_EXEC_LOAD_H
#define RUSTUX_PROC_EXEC_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "fs/vfs.h"
#include "proc/uvm.h"

struct exec_file {
	struct vnode	*vn;		/* referenced */
	const uint8_t	*head;		/* the file's first bytes */
	size_t		 have;		/* how many are at head */
	uint8_t		*copy;		/* the whole file, when its pages cannot be mapped */
	size_t		 copy_pages;
};

/*
 * Opens path for exec: a regular file with an execute bit, at most
 * EXEC_MAX_FILE bytes, at least 4. 0, or -LX_EACCES, -LX_ENOEXEC,
 * -LX_ENOMEM, or the walk's error.
 */
int	exec_file_open(const char *path, struct exec_file *x);
void	exec_file_close(struct exec_file *x);

/*
 * The new address space of the static ELF in x, with argv, envp and the
 * auxiliary vector on its stack: *out, its entry point and initial %rsp.
 * 0, -LX_ENOEXEC (not a loadable ELF) or -LX_ENOMEM.
 */
int	exec_load_image(struct exec_file *x, const char *path, char *const *argv,
	    char *const *envp, struct aspace **out, uint64_t *entry, uint64_t *rsp);

#endif
