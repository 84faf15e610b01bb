/* blktest.c - check-install-virtio part 1: sector I/O through /dev/vda as PID 1 (static musl) */
/* SPDX-License-Identifier: MIT */
/*
 * The host attaches a 256 MiB raw virtio disk with a GPT whose partition 1
 * starts at LBA 2048. Prints "BLKTEST ok|not ok NAME" lines, leaves a
 * marker at byte 3 MiB for the host to find, and exits 0 (power off).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define DISK_BYTES	(256ull << 20)
#define PART1_START	(2048ull * 512)
#define MARKER		"RUSTUX-BLKTEST-MARKER"

static int failures;
static unsigned char big[200 * 1024], back[200 * 1024];

static void
check(int ok, const char *name)
{
	printf("BLKTEST %s %s\n", ok ? "ok" : "not ok", name);
	fflush(stdout);
	if (!ok)
		failures++;
}

static void
fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 31 + seed + (i >> 9));
}

static int
full_pread(int fd, void *buf, size_t n, off_t off)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = pread(fd, (char *)buf + done, n - done, off + (off_t)done);

		if (r <= 0)
			return -1;
		done += (size_t)r;
	}
	return 0;
}

static int
full_pwrite(int fd, const void *buf, size_t n, off_t off)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = pwrite(fd, (const char *)buf + done, n - done, off + (off_t)done);

		if (r <= 0)
			return -1;
		done += (size_t)r;
	}
	return 0;
}

static void
whole_disk(int fd)
{
	struct stat st;
	uint64_t size = 0;
	int ssz = 0;
	unsigned long sectors = 0;
	char small[1000], got[1000];

	check(fstat(fd, &st) == 0 && S_ISBLK(st.st_mode) && st.st_rdev != 0, "fstat_is_blk");
	check(ioctl(fd, 0x80081272, &size) == 0 && size == DISK_BYTES, "blkgetsize64");
	check(ioctl(fd, 0x1268, &ssz) == 0 && ssz == 512, "blksszget");
	check(ioctl(fd, 0x1260, &sectors) == 0 && sectors == DISK_BYTES / 512, "blkgetsize");
	check(ioctl(fd, 0x1261, 0) == 0, "blkflsbuf");
	check(ioctl(fd, 0x5401, &ssz) < 0 && errno == ENOTTY, "other_ioctl_enotty");
	check(lseek(fd, 0, SEEK_END) == (off_t)DISK_BYTES, "lseek_end");
	fill(big, sizeof(big), 7);
	check(full_pwrite(fd, big, sizeof(big), 1 << 20) == 0, "pwrite_200k");
	memset(back, 0, sizeof(back));
	check(full_pread(fd, back, sizeof(back), 1 << 20) == 0 &&
	    memcmp(big, back, sizeof(big)) == 0, "pread_200k_matches");
	memset(small, 'x', sizeof(small));
	check(full_pwrite(fd, small, sizeof(small), (1 << 20) + 100) == 0, "pwrite_unaligned");
	check(full_pread(fd, got, sizeof(got), (1 << 20) + 100) == 0 &&
	    memcmp(got, small, sizeof(small)) == 0 && full_pread(fd, back, 100, 1 << 20) == 0 &&
	    memcmp(back, big, 100) == 0, "unaligned_keeps_neighbours");
	check(lseek(fd, 3 << 20, SEEK_SET) == 3 << 20 &&
	    write(fd, MARKER, sizeof(MARKER)) == (ssize_t)sizeof(MARKER) &&
	    lseek(fd, 0, SEEK_CUR) == (3 << 20) + (off_t)sizeof(MARKER), "write_advances_offset");
	check(pread(fd, got, 10, (off_t)DISK_BYTES) == 0, "read_at_end_is_eof");
	check(fsync(fd) == 0, "fsync");
}

static void
partition(int whole)
{
	int fd = open("/dev/vda1", O_RDWR);
	uint64_t size = 0;
	char a[512], b[512];

	check(fd >= 0, "open_vda1");
	if (fd < 0)
		return;
	check(ioctl(fd, 0x80081272, &size) == 0 && size > 0 && size < DISK_BYTES, "vda1_size");
	memset(a, 'P', sizeof(a));
	check(pwrite(fd, a, sizeof(a), 512) == 512 &&
	    pread(whole, b, sizeof(b), (off_t)PART1_START + 512) == 512 &&
	    memcmp(a, b, sizeof(a)) == 0, "vda1_maps_to_its_lba");
	close(fd);
}

int
main(void)
{
	int fd = open("/dev/vda", O_RDWR);

	printf("BLKTEST start\n");
	check(fd >= 0, "open_vda");
	if (fd < 0) {
		printf("BLKTEST open: %s\n", strerror(errno));
		return 1;
	}
	whole_disk(fd);
	partition(fd);
	close(fd);
	printf("BLKTEST done %d failures\n", failures);
	return failures != 0;
}
