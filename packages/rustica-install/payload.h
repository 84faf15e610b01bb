/* payload.h - rustica-install: the verified files an installation writes */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTICA_INSTALL_PAYLOAD_H
#define RUSTICA_INSTALL_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

#define PL_MAX_FILES 32

struct pl_file {
	char esp_path[256];	/* where it goes on the ESP ("EFI/BOOT/BOOTX64.EFI") */
	char source[1500];	/* where it came from, for messages */
	uint8_t *data;
	uint64_t size;
	int64_t mtime;
};

struct payload {
	struct pl_file files[PL_MAX_FILES];
	unsigned n;
	char kernel_version[32];	/* "0.1.0-1", for loader.conf */
	int64_t epoch;			/* timestamps of directories */
};

/*
 * Load and verify everything from dir: the loader from rustux-boot-*.rpg
 * (every boot/efi/ file), the kernel from rustux-kernel-*.rpg
 * (boot/kernel.elf -> EFI/Rustux/slot-a/kernel.elf), each package's
 * manifest signature checked with the trusted keys (keyfile, or every
 * /etc/rpg/keys/NAME.pub when NULL) and every payload byte against the
 * manifest's SHA-256; and the initrd (initrd, or dir/initrd when NULL)
 * against the minisign signature next to it (INITRD.minisig). 0 or -1 with
 * a message naming the file in err.
 */
int payload_load(struct payload *p, const char *dir, const char *initrd, const char *keyfile,
    char *err, size_t errlen);
void payload_free(struct payload *p);

/* Sign file with a minisign secret key into file.minisig. 0 or -1. */
int payload_sign(const char *seckey, const char *file, char *err, size_t errlen);

#endif
