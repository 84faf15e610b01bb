/* qemu.c - the one place that knows how to run QEMU for Rustux */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "qemu.h"
#include "util.h"

#define OVMF_CODE	"/usr/share/OVMF/OVMF_CODE_4M.fd"
#define OVMF_VARS	"/usr/share/OVMF/OVMF_VARS_4M.fd"
#define ARGV_MAX	40

static void
add(char **argv, int *n, const char *a)
{
	if (*n < ARGV_MAX - 1)
		argv[(*n)++] = (char *)a;
	argv[*n] = NULL;
}

/* Wait for pid until the deadline; kill it when it passes. */
static int
wait_child(pid_t pid, unsigned timeout)
{
	struct timespec tick = { 0, 50 * 1000 * 1000 };
	time_t deadline = time(NULL) + (time_t)timeout;
	int status;

	for (;;) {
		pid_t r = waitpid(pid, &status, timeout ? WNOHANG : 0);

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		if (r < 0 && errno != EINTR)
			return -1;
		if (timeout && time(NULL) >= deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return QEMU_TIMED_OUT;
		}
		if (timeout)
			nanosleep(&tick, NULL);
	}
}

int
qemu_run(const struct qemu_boot *b)
{
	char code[RK_PATH_MAX + 64], vars[RK_PATH_MAX + 64], disk[RK_PATH_MAX + 64];
	char serial[RK_PATH_MAX + 16], machine[64];
	char *argv[ARGV_MAX];
	int n = 0;
	pid_t pid;

	if (!rk_exists(OVMF_CODE))
		return rk_err(OVMF_CODE, "missing (apt-get install ovmf)");
	if (!rk_exists(b->vars) && rk_copy_file(OVMF_VARS, b->vars) != 0)
		return -1;
	snprintf(code, sizeof(code), "if=pflash,format=raw,readonly=on,file=%s", OVMF_CODE);
	snprintf(vars, sizeof(vars), "if=pflash,format=raw,file=%s", b->vars);
	snprintf(disk, sizeof(disk), "format=raw,file=%s", b->disk);
	add(argv, &n, "qemu-system-x86_64");
	add(argv, &n, "-machine");
	snprintf(machine, sizeof(machine), "q35,accel=%s", b->accel != NULL ? b->accel : "tcg");
	add(argv, &n, machine);
	add(argv, &n, "-m");
	add(argv, &n, b->memory != NULL ? b->memory : "512M");
	add(argv, &n, "-drive");
	add(argv, &n, code);
	add(argv, &n, "-drive");
	add(argv, &n, vars);
	add(argv, &n, "-drive");
	add(argv, &n, disk);
	add(argv, &n, "-device");
	add(argv, &n, "isa-debug-exit,iobase=0xf4,iosize=0x04");
	add(argv, &n, "-display");
	add(argv, &n, "none");
	add(argv, &n, "-no-reboot");
	add(argv, &n, "-net");
	add(argv, &n, "none");
	add(argv, &n, "-serial");
	if (b->serial_log != NULL) {
		snprintf(serial, sizeof(serial), "file:%s", b->serial_log);
		add(argv, &n, serial);
		add(argv, &n, "-monitor");
		add(argv, &n, "none");
	} else {
		add(argv, &n, "mon:stdio");
	}
	if (b->gdb) {
		add(argv, &n, "-s");
		add(argv, &n, "-S");
		fprintf(stderr, "rustux-kernel: gdb stub on :1234 (gdb -ex 'target remote :1234')\n");
	}
	if (b->verbose) {
		for (int i = 0; i < n; i++)
			fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
		fputc('\n', stderr);
	}
	fflush(NULL);
	if ((pid = fork()) < 0)
		return rk_err("qemu", "fork: %s", strerror(errno));
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "rustux-kernel: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return wait_child(pid, b->timeout);
}
