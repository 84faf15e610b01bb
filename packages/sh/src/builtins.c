/* builtins.c - commands the shell runs itself: cd, exit, export, set, read, wait, trap... */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

static int dot_depth;

static int
bi_true(int argc, char **argv)
{
	return 0;
}

static int
bi_false(int argc, char **argv)
{
	return 1;
}

static int
bi_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");
	char buf[4096];
	int print = 0;

	if (argc > 1 && strcmp(argv[1], "-") == 0) {
		dir = var_get("OLDPWD");
		print = 1;
	}
	if (dir == NULL || *dir == '\0') {
		sh_error("cd: %s not set", argc > 1 ? "OLDPWD" : "HOME");
		return 1;
	}
	if (chdir(dir) < 0) {
		sh_error("cd: %s: %s", dir, strerror(errno));
		return 1;
	}
	if (var_get("PWD"))
		var_set("OLDPWD", var_get("PWD"), 0);
	if (getcwd(buf, sizeof(buf)))
		var_set("PWD", buf, 0);
	if (print)
		printf("%s\n", buf);
	return 0;
}

static int
bi_pwd(int argc, char **argv)
{
	char buf[4096];

	if (getcwd(buf, sizeof(buf)) == NULL) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}

static int
number_arg(const char *s, int *out, const char *who)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0') {
		sh_error("%s: %s: numeric argument required", who, s);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int
bi_exit(int argc, char **argv)
{
	int st = sh.status;

	if (argc > 1 && number_arg(argv[1], &st, "exit") < 0)
		st = 2;
	sh_exit(st & 0xff);
	return st;
}

static int
export_like(int argc, char **argv, int flag, const char *who)
{
	char *eq, *name;
	int i, r = 0;

	if (argc == 1 || (argc == 2 && strcmp(argv[1], "-p") == 0)) {
		var_print(flag == V_EXPORT);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		eq = strchr(argv[i], '=');
		name = xstrdup(argv[i]);
		if (eq)
			name[eq - argv[i]] = '\0';
		if (!var_valid_name(name, strlen(name))) {
			sh_error("%s: %s: bad variable name", who, name);
			r = 1;
		} else if (eq) {
			if (var_set(name, eq + 1, flag) < 0)
				r = 1;
		} else if (flag == V_EXPORT)
			var_export(name);
		else
			var_set(name, var_get(name), flag);
		free(name);
	}
	return r;
}

static int
bi_export(int argc, char **argv)
{
	return export_like(argc, argv, V_EXPORT, "export");
}

static int
bi_readonly(int argc, char **argv)
{
	return export_like(argc, argv, V_READONLY, "readonly");
}

static int
bi_local(int argc, char **argv)
{
	char *eq, *name;
	int i, r = 0;

	for (i = 1; i < argc; i++) {
		eq = strchr(argv[i], '=');
		name = xstrdup(argv[i]);
		if (eq)
			name[eq - argv[i]] = '\0';
		if (var_make_local(name) < 0)
			r = 1;
		else if (eq)
			var_set(name, eq + 1, 0);
		free(name);
	}
	return r;
}

static int
bi_unset(int argc, char **argv)
{
	int i = 1, funcs = 0, r = 0;

	if (argc > 1 && (strcmp(argv[1], "-f") == 0 || strcmp(argv[1], "-v") == 0)) {
		funcs = argv[1][1] == 'f';
		i++;
	}
	for (; i < argc; i++) {
		if (funcs)
			func_unset(argv[i]);
		else if (var_unset(argv[i]) < 0)
			r = 1;
	}
	return r;
}

static const struct {
	char letter;
	const char *name;
	size_t off;
} options[] = {
	{ 'e', "errexit", offsetof(struct shell, opt_e) },
	{ 'x', "xtrace", offsetof(struct shell, opt_x) },
	{ 'u', "nounset", offsetof(struct shell, opt_u) },
	{ 'f', "noglob", offsetof(struct shell, opt_f) },
	{ 'n', "noexec", offsetof(struct shell, opt_n) },
};

#define NOPTIONS (sizeof(options) / sizeof(options[0]))

/* Sets one option letter or -o name; 0 or -1. */
int
set_option(const char *name, int letter, int on)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++)
		if ((name && strcmp(name, options[i].name) == 0) || (!name && letter == options[i].letter)) {
			*(int *)((char *)&sh + options[i].off) = on;
			return 0;
		}
	if (name)
		sh_error("set: %s: no such option", name);
	else
		sh_error("set: -%c: no such option", letter);
	return -1;
}

static int
bi_set(int argc, char **argv)
{
	int i, on;
	const char *p;
	size_t k;

	if (argc == 1) {
		var_print(0);
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if ((argv[i][0] != '-' && argv[i][0] != '+') || argv[i][1] == '\0')
			break;
		on = argv[i][0] == '-';
		if (strcmp(argv[i] + 1, "o") == 0) {
			if (i + 1 == argc) {
				for (k = 0; k < NOPTIONS; k++)
					printf("%-10s %s\n", options[k].name,
					    *(int *)((char *)&sh + options[k].off) ? "on" : "off");
				return 0;
			}
			if (set_option(argv[++i], 0, on) < 0)
				return 2;
			continue;
		}
		for (p = argv[i] + 1; *p; p++)
			if (set_option(NULL, *p, on) < 0)
				return 2;
	}
	if (i < argc || (i == argc && strcmp(argv[i - 1], "--") == 0))
		params_replace(argc - i, argv + i);
	return 0;
}

static int
bi_shift(int argc, char **argv)
{
	int n = 1;

	if (argc > 1 && number_arg(argv[1], &n, "shift") < 0)
		return 2;
	if (n < 0 || n > sh.argc) {
		sh_error("shift: can't shift that many");
		return 1;
	}
	params_replace(sh.argc - n, sh.argv + 1 + n);
	return 0;
}

/* read [-r] [-p PROMPT] NAME...: one line from fd 0, split by IFS. */
static int
bi_read(int argc, char **argv)
{
	const char *ifs = var_get("IFS") ? var_get("IFS") : " \t\n";
	struct str line = { 0 }, field = { 0 };
	int raw = 0, i = 1, eof = 0, k;
	char c, *s;
	ssize_t r;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-r") == 0)
			raw = 1;
		else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
			fputs(argv[++i], stderr);
			fflush(stderr);
		} else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			sh_error("read: %s: bad option", argv[i]);
			return 2;
		}
	}
	for (;;) {
		r = read(0, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			eof = 1;
			break;
		}
		if (c == '\n')
			break;
		if (c == '\\' && !raw) {
			if (read(0, &c, 1) <= 0) {
				eof = 1;
				break;
			}
			if (c == '\n')
				continue;
			str_addc(&line, '\001');	/* marks an escaped character */
		}
		str_addc(&line, c);
	}
	s = line.s ? line.s : "";
	if (i == argc) {
		var_set("REPLY", s, 0);
		free(line.s);
		return eof;
	}
	/* skip leading IFS whitespace, then split */
	for (k = i; k < argc; k++) {
		while (*s && strchr(" \t\n", *s) && strchr(ifs, *s))
			s++;
		field.len = 0;
		while (*s) {
			if (*s == '\001' && s[1]) {
				str_addc(&field, s[1]);
				s += 2;
				continue;
			}
			if (k < argc - 1 && strchr(ifs, *s))
				break;
			str_addc(&field, *s++);
		}
		if (*s && k < argc - 1) {
			s++;
		}
		while (k == argc - 1 && field.len > 0 && strchr(" \t\n", field.s[field.len - 1]) &&
		    strchr(ifs, field.s[field.len - 1]))
			field.s[--field.len] = '\0';
		var_set(argv[k], field.s ? field.s : "", 0);
	}
	free(field.s);
	free(line.s);
	return eof;
}

static int
bi_alias(int argc, char **argv)
{
	const char *eq, *t;
	char *name;
	int i, r = 0;

	if (argc == 1) {
		alias_print();
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL) {
			if ((t = alias_get(argv[i])) != NULL)
				printf("%s='%s'\n", argv[i], t);
			else {
				sh_error("alias: %s: not found", argv[i]);
				r = 1;
			}
			continue;
		}
		name = xstrdup(argv[i]);
		name[eq - argv[i]] = '\0';
		alias_set(name, eq + 1);
		free(name);
	}
	return r;
}

static int
bi_unalias(int argc, char **argv)
{
	int i, r = 0;

	for (i = 1; i < argc; i++)
		if (alias_unset(argv[i]) != 0) {
			sh_error("unalias: %s: not found", argv[i]);
			r = 1;
		}
	return r;
}

/* getopts OPTSTRING NAME [ARG...]: one option per call; OPTIND and OPTARG as POSIX says. */
static int
bi_getopts(int argc, char **argv)
{
	static int pos;		/* within the current argument, for grouped options */
	static long last_ind = 1;
	char **args = argc > 3 ? argv + 3 : sh.argv + 1, buf[3] = { 0 };
	int nargs = argc > 3 ? argc - 3 : sh.argc, silent;
	const char *ind_s = var_get("OPTIND"), *opts, *spec, *a;
	long ind = ind_s ? atol(ind_s) : 1;
	char c, num[32];

	if (argc < 3) {
		sh_error("getopts: usage: getopts OPTSTRING NAME [ARG...]");
		return 2;
	}
	opts = argv[1];
	silent = opts[0] == ':';
	if (ind != last_ind || ind < 1 || pos == 0) {
		pos = 1;
		if (ind < 1)
			ind = 1;
	}
	a = ind <= nargs ? args[ind - 1] : NULL;
	if (a == NULL || a[0] != '-' || a[1] == '\0' || strcmp(a, "--") == 0) {
		if (a && strcmp(a, "--") == 0)
			ind++;
		pos = 0;
		snprintf(num, sizeof(num), "%ld", ind);
		var_set("OPTIND", num, 0);
		last_ind = ind;
		var_set(argv[2], "?", 0);
		return 1;
	}
	c = a[pos++];
	if (a[pos] == '\0') {
		ind++;
		pos = 0;
	}
	spec = c != ':' ? strchr(opts + silent, c) : NULL;
	buf[0] = c;
	if (spec == NULL) {
		var_set(argv[2], "?", 0);
		if (silent)
			var_set("OPTARG", buf, 0);
		else {
			sh_error("getopts: illegal option -- %c", c);
			var_unset("OPTARG");
		}
	} else if (spec[1] == ':') {
		if (pos > 0) {
			var_set("OPTARG", a + pos, 0);
			ind++;
			pos = 0;
			var_set(argv[2], buf, 0);
		} else if (ind <= nargs) {
			var_set("OPTARG", args[ind - 1], 0);
			ind++;
			var_set(argv[2], buf, 0);
		} else if (silent) {
			var_set(argv[2], ":", 0);
			var_set("OPTARG", buf, 0);
		} else {
			sh_error("getopts: option requires an argument -- %c", c);
			var_set(argv[2], "?", 0);
			var_unset("OPTARG");
		}
	} else {
		var_set(argv[2], buf, 0);
		var_unset("OPTARG");
	}
	snprintf(num, sizeof(num), "%ld", ind);
	var_set("OPTIND", num, 0);
	last_ind = ind;
	return 0;
}

static int
bi_dot(int argc, char **argv)
{
	struct params saved;
	char *path;
	int st;

	if (argc < 2) {
		sh_error(".: filename argument required");
		return 2;
	}
	if ((path = strchr(argv[1], '/') ? xstrdup(argv[1]) : find_in_path(argv[1])) == NULL) {
		if (access(argv[1], R_OK) == 0)
			path = xstrdup(argv[1]);
		else {
			sh_error(".: %s: not found", argv[1]);
			if (!sh.interactive)
				sh_exit(2);
			return 1;
		}
	}
	if (argc > 2)
		params_push(&saved, argc - 2, argv + 2);
	dot_depth++;
	st = exec_string(NULL, 0, path);
	dot_depth--;
	if (sh.returning && sh.func_depth == 0)
		sh.returning = 0;
	if (argc > 2)
		params_pop(&saved);
	free(path);
	return st;
}

static int
bi_eval(int argc, char **argv)
{
	struct str s = { 0 };
	int i, st;

	for (i = 1; i < argc; i++) {
		if (i > 1)
			str_addc(&s, ' ');
		str_adds(&s, argv[i]);
	}
	if (s.s == NULL)
		return 0;
	st = exec_string(s.s, s.len, "eval");
	free(s.s);
	return st;
}

static int
bi_wait(int argc, char **argv)
{
	int i, st = 0, pid;

	if (argc == 1)
		return wait_all();
	for (i = 1; i < argc; i++) {
		if (number_arg(argv[i], &pid, "wait") < 0)
			return 2;
		st = wait_pid(pid);
	}
	return st;
}

static int
bi_return(int argc, char **argv)
{
	int st = sh.status;

	if (argc > 1 && number_arg(argv[1], &st, "return") < 0)
		st = 2;
	if (sh.func_depth == 0 && dot_depth == 0) {
		sh_error("return: not in a function");
		return 1;
	}
	sh.status = st & 0xff;
	sh.returning = 1;
	return sh.status;
}

static int
loop_control(int argc, char **argv, int *counter)
{
	int n = 1;

	if (argc > 1 && (number_arg(argv[1], &n, argv[0]) < 0 || n < 1)) {
		sh_error("%s: bad count", argv[0]);
		return 1;
	}
	if (sh.loop_depth == 0)
		return 0;
	*counter = n > sh.loop_depth ? sh.loop_depth : n;
	return 0;
}

static int
bi_break(int argc, char **argv)
{
	return loop_control(argc, argv, &sh.breaking);
}

static int
bi_continue(int argc, char **argv)
{
	return loop_control(argc, argv, &sh.continuing);
}

static int
bi_echo(int argc, char **argv)
{
	int i = 1, nl = 1, esc = 0;
	const char *p;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (p = argv[i] + 1; *p == 'n' || *p == 'e' || *p == 'E'; p++)
			;
		if (*p)
			break;
		for (p = argv[i] + 1; *p; p++) {
			if (*p == 'n')
				nl = 0;
			else
				esc = *p == 'e';
		}
	}
	for (; i < argc; i++) {
		for (p = argv[i]; *p; p++) {
			if (!esc || *p != '\\' || p[1] == '\0') {
				putchar(*p);
				continue;
			}
			switch (*++p) {
			case 'n': putchar('\n'); break;
			case 't': putchar('\t'); break;
			case 'r': putchar('\r'); break;
			case 'a': putchar('\a'); break;
			case 'b': putchar('\b'); break;
			case 'e': putchar(033); break;
			case '\\': putchar('\\'); break;
			case 'c': return 0;
			case '0': {
				int v = 0, k;
				for (k = 0; k < 3 && p[1] >= '0' && p[1] <= '7'; k++)
					v = v * 8 + (*++p - '0');
				putchar(v);
				break;
			}
			default: putchar('\\'); putchar(*p);
			}
		}
		if (i + 1 < argc)
			putchar(' ');
	}
	if (nl)
		putchar('\n');
	return 0;
}

static int
bi_umask(int argc, char **argv)
{
	mode_t m;
	char *end;

	if (argc == 1) {
		m = umask(0);
		umask(m);
		printf("%04o\n", (unsigned)m);
		return 0;
	}
	m = (mode_t)strtoul(argv[1], &end, 8);
	if (*end != '\0') {
		sh_error("umask: %s: bad mode", argv[1]);
		return 1;
	}
	umask(m);
	return 0;
}

static int
describe(const char *name, int verbose)
{
	int special;
	char *path;

	if (func_get(name)) {
		printf(verbose ? "%s is a function\n" : "%s\n", name);
		return 0;
	}
	if (builtin_find(name, &special)) {
		printf(verbose ? "%s is a shell builtin\n" : "%s\n", name);
		return 0;
	}
	if ((path = find_in_path(name)) != NULL && access(path, X_OK) == 0) {
		if (verbose)
			printf("%s is %s\n", name, path);
		else
			printf("%s\n", path);
		free(path);
		return 0;
	}
	free(path);
	if (verbose)
		printf("%s: not found\n", name);
	return 1;
}

static int
bi_type(int argc, char **argv)
{
	int i, r = 0;

	for (i = 1; i < argc; i++)
		r |= describe(argv[i], 1);
	return r;
}

static int
bi_command(int argc, char **argv)
{
	builtin_fn bi;
	int special;
	pid_t pid;
	char *path;

	if (argc > 2 && (strcmp(argv[1], "-v") == 0 || strcmp(argv[1], "-V") == 0))
		return describe(argv[2], argv[1][1] == 'V');
	if (argc < 2)
		return 0;
	if ((bi = builtin_find(argv[1], &special)) != NULL)
		return bi(argc - 1, argv + 1);
	if ((path = find_in_path(argv[1])) == NULL) {
		sh_error("%s: not found", argv[1]);
		return 127;
	}
	fflush(stdout);
	if ((pid = fork()) == 0) {
		char **env = var_environ();
		execve(path, argv + 1, env);
		sh_error("%s: %s", argv[1], strerror(errno));
		_exit(126);
	}
	free(path);
	return pid < 0 ? 1 : wait_pid(pid);
}

static const char *const signames[] = {
	"EXIT", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL",
	"USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM",
};

static int
signal_number(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);
	size_t i;

	if (*s && *end == '\0')
		return n >= 0 && n < 65 ? (int)n : -1;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 0; i < sizeof(signames) / sizeof(signames[0]); i++)
		if (strcasecmp(s, signames[i]) == 0)
			return (int)i;
	return -1;
}

static int
bi_trap(int argc, char **argv)
{
	const char *action;
	int i, s, r = 0;

	if (argc == 1) {
		for (s = 0; s < 65; s++)
			if (sh.trap[s])
				printf("trap -- '%s' %s\n", sh.trap[s],
				    s < 16 ? signames[s] : "?");
		return 0;
	}
	action = argv[1];
	i = 2;
	if (signal_number(argv[1]) >= 0 && argc == 2) {
		action = "-";
		i = 1;
	}
	for (; i < argc; i++) {
		if ((s = signal_number(argv[i])) < 0 || s == SIGKILL || s == SIGSTOP) {
			sh_error("trap: %s: bad trap", argv[i]);
			r = 1;
			continue;
		}
		free(sh.trap[s]);
		sh.trap[s] = strcmp(action, "-") == 0 ? NULL : xstrdup(action);
		if (s == 0)
			continue;
		if (sh.trap[s] == NULL)
			signal(s, (sh.interactive && (s == SIGINT || s == SIGQUIT)) ? SIG_IGN : SIG_DFL);
		else if (*sh.trap[s] == '\0')
			signal(s, SIG_IGN);
		else
			signal(s, trap_handler);
	}
	return r;
}

static const struct {
	const char *name;
	builtin_fn fn;
	int special;
} builtins[] = {
	{ ":", bi_true, 1 }, { ".", bi_dot, 1 }, { "[", bi_test, 0 },
	{ "alias", bi_alias, 0 }, { "bg", bi_bg, 0 }, { "break", bi_break, 1 }, { "cd", bi_cd, 0 },
	{ "command", bi_command, 0 }, { "continue", bi_continue, 1 }, { "echo", bi_echo, 0 },
	{ "eval", bi_eval, 1 }, { "exec", bi_true, 1 }, { "exit", bi_exit, 1 },
	{ "export", bi_export, 1 }, { "false", bi_false, 0 }, { "fg", bi_fg, 0 },
	{ "getopts", bi_getopts, 0 },
	{ "jobs", bi_jobs, 0 }, { "local", bi_local, 0 }, { "pwd", bi_pwd, 0 },
	{ "read", bi_read, 0 }, { "readonly", bi_readonly, 1 }, { "return", bi_return, 1 },
	{ "set", bi_set, 1 }, { "shift", bi_shift, 1 }, { "source", bi_dot, 1 },
	{ "test", bi_test, 0 }, { "trap", bi_trap, 1 }, { "true", bi_true, 0 },
	{ "type", bi_type, 0 }, { "umask", bi_umask, 0 }, { "unalias", bi_unalias, 0 },
	{ "unset", bi_unset, 1 },
	{ "wait", bi_wait, 0 },
};

builtin_fn
builtin_find(const char *name, int *special)
{
	size_t i;

	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0) {
			*special = builtins[i].special;
			return builtins[i].fn;
		}
	*special = 0;
	return NULL;
}
