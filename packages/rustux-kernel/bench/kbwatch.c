/* kbwatch.c - host helper: run a QEMU command, time when a marker reaches its serial log */
/* SPDX-License-Identifier: MIT */
/*
 *   kbwatch LOG MARKER CMD [ARG...]
 * Starts CMD, polls LOG every millisecond and prints "first_output_ms N"
 * (host wall time from starting CMD to MARKER appearing in LOG, or -1) and
 * "status S" (CMD's exit status) once CMD has ended.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LOG_MAX	(4 * 1024 * 1024)

static long long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* 1 when the file holds the marker; the whole file is read each time (logs are small). */
static int
log_has(const char *path, const char *marker, char *buf)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, len = 0;

	if (fd < 0)
		return 0;
	while (len < LOG_MAX - 1 && (n = read(fd, buf + len, (size_t)(LOG_MAX - 1 - len))) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	for (ssize_t i = 0; i < len; i++) {	/* the log may hold NUL bytes */
		if (buf[i] == '\0')
			buf[i] = ' ';
	}
	return strstr(buf, marker) != NULL;
}

int
main(int argc, char **argv)
{
	struct timespec ms = { 0, 1000000 };
	long long t0, first = -1;
	char *buf;
	int status;
	pid_t pid;

	if (argc < 4) {
		fprintf(stderr, "usage: kbwatch LOG MARKER CMD [ARG...]\n");
		return 2;
	}
	buf = malloc(LOG_MAX);
	if (buf == NULL)
		return 2;
	unlink(argv[1]);
	t0 = now_us();
	pid = fork();
	if (pid < 0)
		return 2;
	if (pid == 0) {
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		_exit(127);
	}
	while (waitpid(pid, &status, WNOHANG) == 0) {
		if (first < 0 && log_has(argv[1], argv[2], buf))
			first = now_us() - t0;
		nanosleep(&ms, NULL);
	}
	if (first < 0 && log_has(argv[1], argv[2], buf))
		first = now_us() - t0;	/* appeared between the last poll and the end */
	printf("first_output_ms %lld\n", first < 0 ? -1 : first / 1000);
	printf("status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	free(buf);
	return 0;
}
