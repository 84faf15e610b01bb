/* standalone.c - a random-mutation driver for the fuzz targets when libFuzzer is absent */
/* SPDX-License-Identifier: MIT */
/*
 * usage: fuzz_X [-max_total_time=S] [-seed=N] CORPUS_DIR|FILE...
 * Loads the seeds, then for S seconds mutates a random seed (byte flips,
 * inserts, deletes, truncation, splices) and calls the target; a crash or
 * abort() ends the run with the input saved as ./crash-standalone.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

#define MAX_SEEDS 256
#define MAX_LEN (1u << 20)

static uint8_t *seeds[MAX_SEEDS];
static size_t seed_len[MAX_SEEDS];
static int nseeds;

static void
load(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	size_t n;

	if (f == NULL || nseeds == MAX_SEEDS)
		goto out;
	buf = malloc(MAX_LEN);
	n = fread(buf, 1, MAX_LEN, f);
	seeds[nseeds] = buf;
	seed_len[nseeds++] = n;
out:
	if (f != NULL)
		fclose(f);
}

static void
load_arg(const char *arg)
{
	DIR *d = opendir(arg);
	struct dirent *e;
	char path[4096];

	if (d == NULL) {
		load(arg);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", arg, e->d_name);
		load(path);
	}
	closedir(d);
}

static size_t
mutate(uint8_t *buf, size_t len)
{
	int rounds = 1 + rand() % 8;

	while (rounds--) {
		size_t pos = len ? (size_t)rand() % len : 0;

		switch (rand() % 6) {
		case 0: if (len) buf[pos] ^= (uint8_t)(1u << (rand() % 8)); break;
		case 1: if (len) buf[pos] = (uint8_t)rand(); break;
		case 2:
			if (len + 1 < MAX_LEN) {
				memmove(buf + pos + 1, buf + pos, len - pos);
				buf[pos] = (uint8_t)rand();
				len++;
			}
			break;
		case 3:
			if (len) {
				memmove(buf + pos, buf + pos + 1, len - pos - 1);
				len--;
			}
			break;
		case 4: len = pos; break;
		default:
			if (len >= 8) {
				static const uint8_t edge[] = { 0, 0xff, 0x7f, 0x80, '\n', ' ', '#', '0' };

				buf[pos] = edge[rand() % 8];
			}
			break;
		}
	}
	return len;
}

int
main(int argc, char **argv)
{
	unsigned secs = 10, seed = 1;
	static uint8_t buf[MAX_LEN];
	unsigned long runs = 0;
	time_t end;

	for (int i = 1; i < argc; i++) {
		if (sscanf(argv[i], "-max_total_time=%u", &secs) == 1)
			continue;
		if (sscanf(argv[i], "-seed=%u", &seed) == 1)
			continue;
		if (argv[i][0] != '-')
			load_arg(argv[i]);
	}
	srand(seed);
	if (nseeds == 0) {
		seeds[0] = calloc(1, 1);
		nseeds = 1;
	}
	end = time(NULL) + secs;
	while (time(NULL) < end) {
		for (int k = 0; k < 1000; k++, runs++) {
			int s = rand() % nseeds;
			size_t len = seed_len[s];

			memcpy(buf, seeds[s], len);
			len = mutate(buf, len);
			LLVMFuzzerTestOneInput(buf, len);
		}
	}
	printf("standalone fuzz: %lu runs in %u s, no crash\n", runs, secs);
	for (int i = 0; i < nseeds; i++)
		free(seeds[i]);
	return 0;
}
