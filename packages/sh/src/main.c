/* main.c - sh: options, start-up, the read-parse-execute loop */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

struct shell sh;

extern char **environ;

static const char usage[] =
    "usage: sh [-einxu] [-c COMMAND [NAME [ARG]...] | SCRIPT [ARG]...]\n"
    "A POSIX-style shell. With no SCRIPT it reads commands from standard input;\n"
    "on a terminal it is interactive, with line editing and history.\n"
    "  -c COMMAND  run COMMAND; NAME becomes $0, ARGs $1...\n"
    "  -e -x -u    errexit, xtrace, nounset (as set -e/-x/-u)\n"
    "  -n          read commands but do not run them (syntax check)\n"
    "  -i          interactive even when standard input is not a terminal\n"
    "  -l          login shell: read /etc/profile first\n";

void
sh_error(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	if (sh.interactive || sh.line == 0)
		fprintf(stderr, "%s: ", sh.name);
	else
		fprintf(stderr, "%s: line %d: ", sh.name, sh.line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
sh_exit(int status)
{
	sh.status = status;
	run_exit_trap();
	jobs_hangup();
	fflush(stdout);
	exit(status & 0xff);
}

static void
job_control_init(void)
{
	pid_t pg;

	sh.tty_fd = 0;
	while ((pg = tcgetpgrp(sh.tty_fd)) >= 0 && pg != getpgrp())
		kill(-getpgrp(), SIGTTIN);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	if (getpid() != getpgrp())
		setpgid(0, 0);
	sh.shell_pgid = getpgrp();
	tcsetpgrp(sh.tty_fd, sh.shell_pgid);
}

static char *
prompt(const char *var, const char *dflt)
{
	const char *p = var_get(var);
	char *s;

	if (p == NULL)
		return xstrdup(dflt);
	s = expand_word(p);
	return s ? s : xstrdup(p);
}

/*
 * Reads and runs commands from fd 0 a line at a time: a line that leaves a
 * command unfinished (open quote, if without fi, ...) asks for the next one.
 */
static int
input_loop(void)
{
	struct str buf = { 0 };
	struct parser p;
	struct arena *a;
	struct node *cmds[256];
	enum parse_status ps;
	char *line, *pr;
	int n, i;

	for (;;) {
		if (sh.interactive) {
			reap_jobs(1);
			fflush(stdout);
		}
		pr = sh.interactive ? prompt(buf.len ? "PS2" : "PS1", buf.len ? "> " : "$ ") : NULL;
		line = le_readline(0, pr ? pr : "");
		free(pr);
		if (line == NULL) {
			if (buf.len) {
				sh_error("syntax error: unexpected end of file");
				sh_exit(2);
			}
			break;
		}
		str_adds(&buf, line);
		free(line);
		a = arena_new();
		parser_init(&p, buf.s, buf.len, a);
		n = 0;
		while (n < 256 && (ps = parse_command(&p, &cmds[n])) == P_OK)
			n++;
		if (ps == P_INCOMPLETE) {
			arena_free(a);
			continue;
		}
		if (ps == P_ERROR) {
			sh_error("%s", p.err);
			sh.status = 2;
			arena_free(a);
			free(str_take(&buf));
			if (!sh.interactive)
				sh_exit(2);
			continue;
		}
		free(str_take(&buf));
		for (i = 0; i < n && !sh.exiting && (!sh.opt_n || sh.interactive); i++)
			exec_node(cmds[i], 0);
		sh.breaking = sh.continuing = sh.returning = 0;
		if (!p.has_func)
			arena_free(a);
	}
	return sh.status;
}

static void
init_vars(char *argv0)
{
	char buf[4096], pid[32];

	var_import(environ);
	if (var_get("PATH") == NULL)
		var_set("PATH", "/bin:/sbin:/usr/bin:/usr/sbin", V_EXPORT);
	if (getcwd(buf, sizeof(buf)))
		var_set("PWD", buf, V_EXPORT);
	snprintf(pid, sizeof(pid), "%ld", (long)getppid());
	var_set("PPID", pid, 0);
	var_set("PS2", "> ", 0);
	var_set("PS4", "+ ", 0);
	if (var_get("PS1") == NULL)
		var_set("PS1", geteuid() == 0 ? "# " : "$ ", 0);
	(void)argv0;
}

int
main(int argc, char **argv)
{
	const char *cmd = NULL;
	int i, force_i = 0, login = argv[0][0] == '-';
	char *p;

	struct sigaction old;

	sh.name = "sh";
	sh.pid = getpid();
	if (sigaction(SIGTSTP, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		sh.tstp_ignored = 1;
	for (i = 1; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			return 0;
		}
		for (p = argv[i] + 1; *p; p++) {
			if (*p == 'c')
				cmd = "";
			else if (*p == 'i')
				force_i = 1;
			else if (*p == 'l')
				login = 1;
			else if (*p == 's')
				;
			else if (set_option(NULL, *p, argv[i][0] == '-') < 0) {
				fputs(usage, stderr);
				return 2;
			}
		}
	}
	init_vars(argv[0]);
	if (cmd) {
		if (i >= argc) {
			sh_error("-c: option requires an argument");
			return 2;
		}
		cmd = argv[i++];
	}
	/* $0 and the positional parameters */
	if (cmd) {
		sh.argv = argv + i - (i < argc ? 0 : 1);
		if (i < argc) {
			sh.argv = argv + i;
			sh.argc = argc - i - 1;
		} else {
			sh.argv = argv + i - 1;
			sh.argv[0] = argv[0];
			sh.argc = 0;
		}
		sh.argv[0] = i < argc ? argv[i] : argv[0];
		return exec_string(cmd, strlen(cmd), "sh"), sh_exit(sh.status), 0;
	}
	if (i < argc) {
		sh.argv = argv + i;
		sh.argc = argc - i - 1;
		sh.name = argv[i];
		exec_string(NULL, 0, argv[i]);
		sh_exit(sh.status);
	}
	sh.argv = argv;
	sh.argv[1] = NULL;
	sh.argc = 0;
	sh.interactive = force_i || (isatty(0) && isatty(2));
	if (sh.interactive && isatty(0))
		job_control_init();
	if (login && access("/etc/profile", R_OK) == 0)
		exec_string(NULL, 0, "/etc/profile");
	if (sh.interactive && (p = getenv("ENV")) != NULL && access(p, R_OK) == 0)
		exec_string(NULL, 0, p);
	input_loop();
	if (sh.interactive && isatty(2))
		fputs("exit\n", stderr);
	sh_exit(sh.status);
	return sh.status;
}
