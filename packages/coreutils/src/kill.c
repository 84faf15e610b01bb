/* kill.c - send a signal to processes */
/* SPDX-License-Identifier: MIT */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/util.h"

static const struct {
	const char *name;
	int num;
} sigs[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT }, { "ILL", SIGILL },
	{ "TRAP", SIGTRAP }, { "ABRT", SIGABRT }, { "BUS", SIGBUS }, { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM }, { "CHLD", SIGCHLD },
	{ "CONT", SIGCONT }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU }, { "XFSZ", SIGXFSZ },
	{ "VTALRM", SIGVTALRM }, { "PROF", SIGPROF }, { "SYS", SIGSYS },
};

#define NSIGS (int)(sizeof(sigs) / sizeof(sigs[0]))

static int
sig_number(const char *s)
{
	char *end;
	long n;
	int i;

	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	n = strtol(s, &end, 10);
	if (*s && *end == '\0')
		return n >= 0 && n < 65 ? (int)n : -1;
	for (i = 0; i < NSIGS; i++)
		if (strcasecmp(s, sigs[i].name) == 0)
			return sigs[i].num;
	return -1;
}

static int
list(const char *arg)
{
	int i, n;

	if (arg) {
		n = atoi(arg) & 127;
		for (i = 0; i < NSIGS; i++)
			if (sigs[i].num == n) {
				printf("%s\n", sigs[i].name);
				return 0;
			}
		msg("unknown signal '%s'", arg);
		return 1;
	}
	for (i = 0; i < NSIGS; i++)
		printf("%2d) SIG%-8s%s", sigs[i].num, sigs[i].name, i % 4 == 3 ? "\n" : " ");
	putchar('\n');
	return 0;
}

int
kill_main(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, r = 0;
	char *end;
	long pid;

	if (argc > 1 && strcmp(argv[1], "-l") == 0)
		return list(argc > 2 ? argv[2] : NULL);
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		sig = sig_number(argv[2]);
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "--") != 0 &&
	    !(argv[1][1] >= '0' && argv[1][1] <= '9' && argc == 2)) {
		sig = sig_number(argv[1] + 1);
		i = 2;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (sig < 0) {
		msg("invalid signal '%s'", argv[i - 1]);
		return 1;
	}
	if (i == argc)
		return usage_error();
	for (; i < argc; i++) {
		pid = strtol(argv[i], &end, 10);
		if (*argv[i] == '\0' || *end != '\0') {
			msg("invalid process id '%s'", argv[i]);
			r = 1;
			continue;
		}
		if (kill((pid_t)pid, sig) < 0)
			r = fail("signal process", argv[i]);
	}
	return r;
}
