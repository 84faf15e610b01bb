/* init.h - PID 1's pure parts (command line, inittab) and the self-test runner */
/* SPDX-License-Identifier: MIT */
#ifndef INIT_H
#define INIT_H

#include <stddef.h>
#include <sys/types.h>

/* cmdline.c: the value of KEY=VALUE among the space-separated words of a
 * kernel command line, into out; 1 if found, 0 if not. A bare KEY gives "". */
int cmdline_get(const char *cmdline, const char *key, char *out, size_t n);
/* cmdline.c: whether NAME is in the comma-separated selection ("all" selects all). */
int selection_has(const char *selection, const char *name);

/* inittab.c: "ACTION:TTY:COMMAND" lines; # comments; ACTION is respawn or once. */
#define INITTAB_MAX 8
#define INITTAB_ARGS 16

enum action { A_RESPAWN, A_ONCE };

struct entry {
	enum action action;
	char tty[64];
	char cmd[256];		/* argv[0] may start with '-': a login shell */
	pid_t pid;
	long started;		/* seconds, for respawn throttling */
};

/* Parses text into v (at most max); returns the count, or -(line) on a bad line. */
int inittab_parse(const char *text, struct entry *v, int max);
/* A command split into words: argv[0] "-sh" for "-/bin/sh" (a login shell). */
struct cmdv {
	char buf[256], path[256], argv0[258];
	char *argv[INITTAB_ARGS];
};

/* Splits e->cmd into c; 0, or -1 if it is empty. */
int entry_argv(const struct entry *e, struct cmdv *c);

/* selftest.c: runs DIR/NAME.sh for each selected NAME, sorted; prints
 * "TEST name ... PASS|FAIL" lines and "N passed, N failed"; returns the failures. */
int selftest_run(const char *dir, const char *selection, int timeout_s);

#endif
