/* main.c - rustica-install: write a verified Rustica system onto a disk */
/* SPDX-License-Identifier: MIT */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fat32.h"
#include "gpt.h"
#include "loaderconf.h"
#include "payload.h"

#define DEFAULT_FROM "/var/cache/rpg/install"
#define DEFAULT_CMDLINE "console=ttyS0,115200 console=tty0"
#define ESP_MAX_MIB 512u
#define MIB (1ull << 20)
#define FAT_SERIAL 0x52555354u		/* "RUST": fixed, so installs are reproducible */
#define FAT_LABEL "RUSTICA"
#define MAX_DISKS 64
#ifndef BLKGETSIZE64
#define BLKGETSIZE64 _IOR(0x12, 114, size_t)	/* <linux/fs.h>, kept out of the build */
#endif

struct opts {
	const char *from, *initrd, *key, *target, *cmdline;
	int yes, list;
};

struct disk {
	char path[300];
	uint64_t bytes;
};

/* ESP directories, parents first. */
static const char *const esp_dirs[] = {
	"EFI", "EFI/BOOT", "EFI/Rustux", "EFI/Rustux/slot-a", "EFI/Rustux/slot-b",
};

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: rustica-install [--list] [DISK...]\n"
	    "       rustica-install [--from DIR] [--initrd FILE] [--key PUB] [--cmdline TEXT]\n"
	    "                       [--yes] [TARGET]\n"
	    "       rustica-install --sign KEY.sec FILE\n"
	    "With no TARGET: rustica.install= from /proc/cmdline, else ask.\n"
	    "DIR (default " DEFAULT_FROM ") holds rustux-boot-*.rpg,\n"
	    "rustux-kernel-*.rpg, initrd and initrd.minisig (--initrd FILE: FILE and\n"
	    "FILE.minisig). Keys: --key PUB, else /etc/rpg/keys/NAME.pub.\n");
}

/* Size of an open disk: a regular file's length, or the block device's. */
static int
disk_size(int fd, uint64_t *bytes)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return -1;
	if (S_ISREG(st.st_mode)) {
		*bytes = (uint64_t)st.st_size;
		return 0;
	}
#ifdef BLKGETSIZE64
	if (S_ISBLK(st.st_mode))
		return ioctl(fd, BLKGETSIZE64, bytes);
#endif
	errno = ENOTBLK;
	return -1;
}

static int
probe(const char *path, struct disk *d)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = disk_size(fd, &d->bytes);
	close(fd);
	snprintf(d->path, sizeof(d->path), "%s", path);
	return rc;
}

/* Whole disks from /sys/block, else /dev/vd? and /dev/sd?. */
static int
find_disks(struct disk *out, int max)
{
	static const char *const skip[] = { "loop", "ram", "zram", "sr", "fd", "dm-", "md" };
	DIR *d = opendir("/sys/block");
	struct dirent *de;
	char path[300];
	int n = 0;
	size_t i;

	if (d != NULL) {
		while ((de = readdir(d)) != NULL && n < max) {
			int bad = de->d_name[0] == '.';

			for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
				bad |= strncmp(de->d_name, skip[i], strlen(skip[i])) == 0;
			snprintf(path, sizeof(path), "/dev/%s", de->d_name);
			if (!bad && probe(path, &out[n]) == 0)
				n++;
		}
		closedir(d);
		return n;
	}
	for (i = 0; i < 2 * 26 && n < max; i++) {
		snprintf(path, sizeof(path), "/dev/%cd%c", i < 26 ? 'v' : 's', (int)('a' + i % 26));
		if (probe(path, &out[n]) == 0)
			n++;
	}
	return n;
}

static void
print_disks(const struct disk *d, int n)
{
	int i;

	if (n == 0)
		printf("no disks found\n");
	for (i = 0; i < n; i++)
		printf("%-20s %10llu MiB\n", d[i].path, (unsigned long long)(d[i].bytes / MIB));
}

/* rustica.install=PATH from /proc/cmdline into buf, or -1. */
static int
cmdline_target(char *buf, size_t len)
{
	char line[4096], *p, *end;
	const char *src = getenv("RUSTICA_INSTALL_CMDLINE_FILE");	/* tests */
	FILE *f = fopen(src ? src : "/proc/cmdline", "r");
	size_t n;

	if (f == NULL)
		return -1;
	n = fread(line, 1, sizeof(line) - 1, f);
	fclose(f);
	line[n] = '\0';
	for (p = line; (p = strstr(p, "rustica.install=")) != NULL; p++) {
		if (p != line && !isspace((unsigned char)p[-1]))
			continue;
		p += strlen("rustica.install=");
		for (end = p; *end && !isspace((unsigned char)*end); end++)
			;
		if (end == p || (size_t)(end - p) >= len)
			return -1;
		memcpy(buf, p, (size_t)(end - p));
		buf[end - p] = '\0';
		return 0;
	}
	return -1;
}

static int
ask_line(const char *prompt, char *buf, size_t len)
{
	printf("%s", prompt);
	fflush(stdout);
	if (fgets(buf, (int)len, stdin) == NULL)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

/* Interactive: list, choose, confirm by typing the name again. */
static int
ask_target(char *buf, size_t len)
{
	struct disk disks[MAX_DISKS];
	char again[300];
	int n = find_disks(disks, MAX_DISKS);

	printf("Disks:\n");
	print_disks(disks, n);
	if (ask_line("Install Rustica onto which disk (full path)? ", buf, len) != 0 || !*buf)
		return -1;
	printf("EVERYTHING on %s will be erased.\n", buf);
	if (ask_line("Type the disk's name again to confirm: ", again, sizeof(again)) != 0 ||
	    strcmp(again, buf) != 0) {
		fprintf(stderr, "rustica-install: not confirmed; nothing written\n");
		return -1;
	}
	return 0;
}

/* pread or pwrite all of len bytes at off (EINTR retried): 0, or -1 with errno set. */
static int
disk_io(int fd, void *buf, size_t len, uint64_t off, int write)
{
	uint8_t *p = buf;

	while (len > 0) {
		ssize_t n = write ? pwrite(fd, p, len, (off_t)off) : pread(fd, p, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			errno = EIO;	/* the disk ended early */
		if (n <= 0)
			return -1;
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

static int
write_at(int fd, const void *buf, size_t len, uint64_t off)
{
	return disk_io(fd, (void *)buf, len, off, 1);
}

static int
read_at(int fd, void *buf, size_t len, uint64_t off)
{
	return disk_io(fd, buf, len, off, 0);
}

/* Step 1 on the disk: zero both GPTs, so a half-written disk never looks installed. */
static int
wipe_tables(int fd, uint64_t bytes)
{
	static const uint8_t zero[GPT_HEAD_BYTES];

	if (write_at(fd, zero, GPT_HEAD_BYTES, 0) != 0 ||
	    write_at(fd, zero, GPT_TAIL_BYTES, bytes - GPT_TAIL_BYTES) != 0)
		return -1;
	return fsync(fd);
}

static int
make_loaderconf(const struct payload *p, const char *cmdline, char *buf, size_t cap, size_t *len)
{
	struct loaderconf c;

	lc_init(&c);
	c.default_slot = 'a';
	c.fallback_slot = 'a';
	snprintf(c.cmdline, sizeof(c.cmdline), "%s", cmdline);
	snprintf(c.slot[0].version, sizeof(c.slot[0].version), "%s", p->kernel_version);
	c.slot[0].state = LC_STATE_CONFIRMED;
	c.slot[0].tries = 0;
	return lc_write(&c, buf, cap, len);
}

struct written {
	const uint8_t *data;
	uint64_t size, where;
	const char *name;
};

/* Step 2: the ESP, then every file read back and compared byte for byte. */
static int
write_esp(int fd, const char *target, uint64_t off, uint64_t size, const struct payload *p,
    const char *conf, size_t conflen)
{
	struct written w[PL_MAX_FILES + 1];
	char err[256];
	struct fat32 *f;
	unsigned i, nw = 0;
	uint8_t *back;

	f = fat32_format(fd, off, size, (uint32_t)(off / GPT_SECTOR), FAT_SERIAL, FAT_LABEL,
	    p->epoch, err, sizeof(err));
	if (f == NULL) {
		fprintf(stderr, "rustica-install: %s: ESP: %s\n", target, err);
		return -1;
	}
	for (i = 0; i < sizeof(esp_dirs) / sizeof(esp_dirs[0]); i++)
		if (fat32_mkdir(f, esp_dirs[i], p->epoch) != 0)
			goto fatbad;
	for (i = 0; i < p->n; i++) {
		w[nw] = (struct written){ p->files[i].data, p->files[i].size, 0,
		    p->files[i].esp_path };
		if (fat32_write(f, p->files[i].esp_path, p->files[i].data, p->files[i].size,
		    p->files[i].mtime, &w[nw].where) != 0)
			goto fatbad;
		nw++;
	}
	w[nw] = (struct written){ (const uint8_t *)conf, conflen, 0, "EFI/Rustux/loader.conf" };
	if (fat32_write(f, w[nw].name, conf, conflen, p->epoch, &w[nw].where) != 0)
		goto fatbad;
	nw++;
	if (fat32_close(f, err, sizeof(err)) != 0) {
		fprintf(stderr, "rustica-install: %s: ESP: %s\n", target, err);
		return -1;
	}
	if (fsync(fd) != 0) {
		fprintf(stderr, "rustica-install: %s: fsync: %s\n", target, strerror(errno));
		return -1;
	}
	for (i = 0; i < nw; i++) {
		back = malloc(w[i].size ? w[i].size : 1);
		if (back == NULL || read_at(fd, back, w[i].size, w[i].where) != 0) {
			fprintf(stderr, "rustica-install: %s: cannot read back %s\n", target, w[i].name);
			free(back);
			return -1;
		}
		if (getenv("RUSTICA_INSTALL_FAULT") && strcmp(getenv("RUSTICA_INSTALL_FAULT"),
		    w[i].name) == 0 && w[i].size > 0)
			back[0] ^= 1;	/* tests: simulate a disk that returns other bytes */
		if (memcmp(back, w[i].data, w[i].size) != 0) {
			fprintf(stderr, "rustica-install: %s: %s reads back different from what "
			    "was written\n", target, w[i].name);
			free(back);
			return -1;
		}
		free(back);
		printf("  %-32s %10llu bytes, read back OK\n", w[i].name,
		    (unsigned long long)w[i].size);
	}
	return 0;
fatbad:
	fprintf(stderr, "rustica-install: %s: ESP: %s\n", target, fat32_error(f));
	fat32_abort(f);
	return -1;
}

/* Deterministic GUID: the first 16 bytes of a cheap mix of role and seed (CRC32 rounds). */
static void
guid_for(const char *role, const char *seed, struct gpt_guid *g)
{
	uint8_t h[16];
	uint32_t c = 0;
	int i;

	for (i = 0; i < 4; i++) {
		c = gpt_crc32(c, role, strlen(role));
		c = gpt_crc32(c, seed, strlen(seed));
		c = gpt_crc32(c, &i, sizeof(i));
		memcpy(h + 4 * i, &c, 4);
	}
	gpt_guid_from_hash(h, g);
}

/* Step 3, last: the partition table (backup first, then primary), read back and parsed. */
static int
write_gpt(int fd, const char *target, uint64_t bytes, uint64_t esp_off, uint64_t esp_size,
    const char *seed)
{
	static uint8_t head[GPT_HEAD_BYTES], tail[GPT_TAIL_BYTES], back[GPT_HEAD_BYTES];
	struct gpt_disk d, r;
	int rc;

	memset(&d, 0, sizeof(d));
	d.sectors = bytes / GPT_SECTOR;
	guid_for("disk", seed, &d.uuid);
	d.nparts = 1;
	d.parts[0].type = gpt_type_esp;
	guid_for("esp", seed, &d.parts[0].uuid);
	d.parts[0].first_lba = esp_off / GPT_SECTOR;
	d.parts[0].last_lba = (esp_off + esp_size) / GPT_SECTOR - 1;
	snprintf(d.parts[0].name, sizeof(d.parts[0].name), "EFI System Partition");
	rc = gpt_write(&d, head, tail);
	if (rc != 0) {
		fprintf(stderr, "rustica-install: %s: GPT: %s\n", target, gpt_strerror(rc));
		return -1;
	}
	if (write_at(fd, tail, GPT_TAIL_BYTES, d.sectors * GPT_SECTOR - GPT_TAIL_BYTES) != 0 ||
	    fsync(fd) != 0 || write_at(fd, head, GPT_HEAD_BYTES, 0) != 0 || fsync(fd) != 0 ||
	    read_at(fd, back, GPT_HEAD_BYTES, 0) != 0) {
		fprintf(stderr, "rustica-install: %s: writing the GPT: %s\n", target,
		    strerror(errno));
		return -1;
	}
	rc = gpt_read(back, sizeof(back), bytes, &r);
	if (rc != 0 || r.nparts != 1 || r.parts[0].first_lba != d.parts[0].first_lba) {
		fprintf(stderr, "rustica-install: %s: GPT reads back wrong: %s\n", target,
		    gpt_strerror(rc));
		return -1;
	}
	return 0;
}

static int
install(const struct opts *o, const char *target)
{
	struct payload p;
	char err[1024], conf[LC_TEXT_MAX];
	size_t conflen;
	uint64_t bytes, esp_off = MIB, esp_size;
	int fd, rc;

	printf("rustica-install: verifying payloads in %s\n", o->from);
	if (payload_load(&p, o->from, o->initrd, o->key, err, sizeof(err)) != 0) {
		fprintf(stderr, "rustica-install: %s\nrustica-install: %s: nothing written\n",
		    err, target);
		return 1;
	}
	printf("rustica-install: payloads verified: kernel %s, %u files\n", p.kernel_version, p.n);
	if (make_loaderconf(&p, o->cmdline, conf, sizeof(conf), &conflen) != LC_OK) {
		fprintf(stderr, "rustica-install: loader.conf: command line too long\n");
		payload_free(&p);
		return 1;
	}
	fd = open(target, O_RDWR | O_CLOEXEC);
	if (fd < 0 || disk_size(fd, &bytes) != 0) {
		fprintf(stderr, "rustica-install: %s: %s; nothing written\n", target, strerror(errno));
		payload_free(&p);
		return 1;
	}
	bytes -= bytes % GPT_SECTOR;
	if (bytes < 40 * MIB) {
		fprintf(stderr, "rustica-install: %s: %llu MiB is too small (40 MiB at least); "
		    "nothing written\n", target, (unsigned long long)(bytes / MIB));
		goto fail_clean;
	}
	esp_size = (bytes - MIB - GPT_TAIL_BYTES) / MIB * MIB;	/* whole MiB before the backup GPT */
	if (esp_size > ESP_MAX_MIB * MIB)
		esp_size = ESP_MAX_MIB * MIB;
	printf("rustica-install: writing %s (%llu MiB, ESP %llu MiB)\n", target,
	    (unsigned long long)(bytes / MIB), (unsigned long long)(esp_size / MIB));
	if (wipe_tables(fd, bytes) != 0) {
		fprintf(stderr, "rustica-install: %s: wiping the partition tables: %s\n", target,
		    strerror(errno));
		goto fail_dirty;
	}
	rc = write_esp(fd, target, esp_off, esp_size, &p, conf, conflen);
	if (rc == 0)
		rc = write_gpt(fd, target, bytes, esp_off, esp_size, p.kernel_version);
	if (rc != 0)
		goto fail_dirty;
	close(fd);
	payload_free(&p);
	printf("rustica-install: %s: done; it boots slot a (kernel %s)\n", target,
	    p.kernel_version);
	return 0;
fail_dirty:
	fprintf(stderr, "rustica-install: %s: INCOMPLETE: the disk has no partition table and "
	    "will not boot; run the installer again\n", target);
fail_clean:
	close(fd);
	payload_free(&p);
	return 1;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "key", required_argument, NULL, 'k' },
		{ "initrd", required_argument, NULL, 'i' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "sign", required_argument, NULL, 's' },
		{ "yes", no_argument, NULL, 'y' },
		{ "list", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { DEFAULT_FROM, NULL, NULL, NULL, DEFAULT_CMDLINE, 0, 0 };
	const char *sign = NULL;
	char target[300], err[1024];
	int c, i;

	while ((c = getopt_long(argc, argv, "f:i:k:c:s:ylh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': o.from = optarg; break;
		case 'k': o.key = optarg; break;
		case 'i': o.initrd = optarg; break;
		case 'c': o.cmdline = optarg; break;
		case 's': sign = optarg; break;
		case 'y': o.yes = 1; break;
		case 'l': o.list = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (sign != NULL) {
		if (optind + 1 != argc) {
			usage(stderr);
			return 2;
		}
		if (payload_sign(sign, argv[optind], err, sizeof(err)) != 0) {
			fprintf(stderr, "rustica-install: %s\n", err);
			return 1;
		}
		return 0;
	}
	if (o.list) {
		struct disk disks[MAX_DISKS];
		int n = 0;

		for (i = optind; i < argc && n < MAX_DISKS; i++)
			if (probe(argv[i], &disks[n]) == 0)
				n++;
			else
				fprintf(stderr, "rustica-install: %s: %s\n", argv[i], strerror(errno));
		if (optind == argc)
			n = find_disks(disks, MAX_DISKS);
		print_disks(disks, n);
		return 0;
	}
	if (optind + 1 < argc) {
		usage(stderr);
		return 2;
	}
	if (optind + 1 == argc) {
		snprintf(target, sizeof(target), "%s", argv[optind]);
		if (!o.yes) {
			char again[300];

			printf("EVERYTHING on %s will be erased.\n", target);
			if (ask_line("Type the disk's name again to confirm: ", again,
			    sizeof(again)) != 0 || strcmp(again, target) != 0) {
				fprintf(stderr, "rustica-install: not confirmed; nothing written\n");
				return 1;
			}
		}
	} else if (cmdline_target(target, sizeof(target)) == 0) {
		printf("rustica-install: target %s from the kernel command line\n", target);
	} else if (ask_target(target, sizeof(target)) != 0) {
		return 1;
	}
	return install(&o, target);
}
