/* exec.c - the executor: runs syntax trees, redirections, pipelines, jobs, substitutions */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fnmatch.h>
#include <unistd.h>

#include "sh.h"

extern char **environ;

/* ---- children ---- */
static void
child_signals(void)
{
	int s;

	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	/* ^Z stops an interactive shell's jobs (fg, bg resume them) */
	signal(SIGTSTP, !sh.interactive && sh.tstp_ignored ? SIG_IGN : SIG_DFL);
	signal(SIGTTIN, SIG_DFL);
	signal(SIGTTOU, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	for (s = 1; s < 65; s++)
		if (sh.trap[s] && *sh.trap[s])
			signal(s, SIG_DFL);
}

/* fork with job control: the child joins pgid (0: a new group) and, in the
 * foreground, takes the terminal. */
static pid_t
fork_child(pid_t pgid, int fg)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (sh.interactive) {
			setpgid(0, pgid);
			if (fg)
				tcsetpgrp(sh.tty_fd, pgid ? pgid : getpid());
		}
		child_signals();
		sh.interactive = 0;
		for (int s = 1; s < 65; s++)
			if (sh.trap[s] && *sh.trap[s]) {
				free(sh.trap[s]);
				sh.trap[s] = NULL;
			}
		free(sh.trap[0]);
		sh.trap[0] = NULL;
		return 0;
	}
	if (sh.interactive)
		setpgid(pid, pgid ? pgid : pid);
	return pid;
}

void
take_terminal_back(void)
{
	if (sh.interactive)
		tcsetpgrp(sh.tty_fd, sh.shell_pgid);
}

/* ---- redirections ---- */
struct saved_fd {
	int fd, copy;	/* copy -1: fd was closed before */
};

struct saved {
	struct saved_fd v[16];
	int n;
};

static void
save_fd(struct saved *s, int fd)
{
	int i;

	if (s == NULL || s->n == 16)
		return;
	for (i = 0; i < s->n; i++)
		if (s->v[i].fd == fd)
			return;
	s->v[s->n].fd = fd;
	s->v[s->n].copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	s->n++;
}

static void
restore_fds(struct saved *s)
{
	int i;

	fflush(stdout);
	for (i = s->n - 1; i >= 0; i--) {
		if (s->v[i].copy >= 0) {
			dup2(s->v[i].copy, s->v[i].fd);
			close(s->v[i].copy);
		} else
			close(s->v[i].fd);
	}
	s->n = 0;
}

/* A readable fd with the here-doc's (expanded) body. */
static int
heredoc_fd(struct redir *r)
{
	char *text = r->quoted ? xstrdup(r->body) : expand_heredoc(r->body);
	size_t len;
	int p[2];
	pid_t pid;

	if (text == NULL)
		return -1;
	len = strlen(text);
	if (pipe(p) < 0) {
		free(text);
		return -1;
	}
	if (len <= 4096) {
		write(p[1], text, len);
	} else if ((pid = fork()) == 0) {
		close(p[0]);
		write(p[1], text, len);
		_exit(0);
	}
	close(p[1]);
	free(text);
	return p[0];
}

static int
redirect_one(struct redir *r, struct saved *s)
{
	char *target = NULL, *end;
	int fd = -1, flags;
	long k;

	if (r->type == R_HEREDOC)
		fd = heredoc_fd(r);
	else {
		if ((target = expand_word(r->word)) == NULL)
			return -1;
		if (r->type == R_DUPIN || r->type == R_DUPOUT) {
			save_fd(s, r->fd);
			if (strcmp(target, "-") == 0) {
				close(r->fd);
				free(target);
				return 0;
			}
			k = strtol(target, &end, 10);
			if (*target == '\0' || *end != '\0' || k < 0 || k > 1023) {
				sh_error("%s: bad file descriptor", target);
				free(target);
				return -1;
			}
			if ((int)k != r->fd && dup2((int)k, r->fd) < 0) {
				sh_error("%ld: %s", k, strerror(errno));
				free(target);
				return -1;
			}
			free(target);
			return 0;
		}
		switch (r->type) {
		case R_IN: flags = O_RDONLY; break;
		case R_RDWR: flags = O_RDWR | O_CREAT; break;
		case R_APPEND: flags = O_WRONLY | O_CREAT | O_APPEND; break;
		default: flags = O_WRONLY | O_CREAT | O_TRUNC; break;
		}
		fd = open(target, flags, 0666);
		if (fd < 0) {
			sh_error("cannot open %s: %s", target, strerror(errno));
			free(target);
			return -1;
		}
		free(target);
	}
	if (fd < 0)
		return -1;
	save_fd(s, r->fd);
	if (fd != r->fd) {
		dup2(fd, r->fd);
		close(fd);
	}
	return 0;
}

static int
redirect(struct redir *r, struct saved *s)
{
	for (; r; r = r->next)
		if (redirect_one(r, s) < 0)
			return -1;
	return 0;
}

/* ---- commands ---- */
char *
find_in_path(const char *name)
{
	const char *path = var_get("PATH"), *p, *colon;
	struct stat st;
	char buf[4096];
	size_t l;

	if (strchr(name, '/'))
		return xstrdup(name);
	if (path == NULL)
		path = "/bin:/sbin:/usr/bin:/usr/sbin";
	for (p = path; ; p = colon + 1) {
		colon = strchr(p, ':');
		l = colon ? (size_t)(colon - p) : strlen(p);
		if (l == 0)
			snprintf(buf, sizeof(buf), "%s", name);
		else
			snprintf(buf, sizeof(buf), "%.*s/%s", (int)l, p, name);
		if (stat(buf, &st) == 0 && S_ISREG(st.st_mode) && access(buf, X_OK) == 0)
			return xstrdup(buf);
		if (colon == NULL)
			return NULL;
	}
}

static int run_script_here(const char *path, char **argv);

/* In a child: exec argv (PATH search); never returns. */
static void
exec_external(char **argv)
{
	char *path = find_in_path(argv[0]);
	char **env = var_environ();
	int e;

	if (path == NULL) {
		sh_error("%s: not found", argv[0]);
		_exit(127);
	}
	execve(path, argv, env);
	e = errno;
	if (e == ENOEXEC)
		_exit(run_script_here(path, argv));
	sh_error("%s: %s", argv[0], strerror(e));
	_exit(e == ENOENT ? 127 : 126);
}

/* A file without an ELF or #! header: run it as a shell script in this child. */
static int
run_script_here(const char *path, char **argv)
{
	int n = 0;

	while (argv[n])
		n++;
	sh.argv = argv;
	sh.argv[0] = (char *)path;
	sh.argc = n - 1;
	sh.argv_owned = 0;
	sh.name = path;
	return exec_string(NULL, 0, path);
}

static void
trace(struct fields *f, char **assigns, int na)
{
	int i;

	fprintf(stderr, "%s", var_get("PS4") ? var_get("PS4") : "+ ");
	for (i = 0; i < na; i++)
		fprintf(stderr, "%s%s", i ? " " : "", assigns[i]);
	for (i = 0; i < f->n; i++)
		fprintf(stderr, "%s%s", i || na ? " " : "", f->v[i]);
	fputc('\n', stderr);
}

static int
call_function(struct node *body, struct fields *f)
{
	struct params saved;
	int st;

	params_push(&saved, f->n - 1, f->v + 1);
	sh.func_depth++;
	var_push_frame();
	st = exec_node(body, 0);
	var_pop_frame();
	sh.func_depth--;
	if (sh.returning) {
		sh.returning = 0;
		st = sh.status;
	}
	params_pop(&saved);
	return st;
}

/* Assignments for a command: into the shell (flags 0), exported for a child,
 * or temporary (local) around a builtin or function. An assignment to a
 * read-only variable ends a non-interactive shell. */
static int
do_assigns(char **assigns, int n, int flags, int temporary)
{
	char *eq, *val, *name;
	int i;

	for (i = 0; i < n; i++) {
		eq = strchr(assigns[i], '=');
		if ((val = expand_word(eq + 1)) == NULL)
			return -1;
		name = xstrdup(assigns[i]);
		name[eq - assigns[i]] = '\0';
		if (temporary)
			var_make_local(name);
		if (var_set(name, val, flags) < 0) {
			free(name);
			free(val);
			if (!sh.interactive)
				sh_exit(2);
			return -1;
		}
		free(name);
		free(val);
	}
	return 0;
}

/* An alias: its text plus the other (already expanded, now quoted) words, run
 * as a command line with the node's redirections around it. */
static int
run_alias(struct node *n, struct fields *f)
{
	struct saved sv = { .n = 0 };
	struct str cmd = { 0 };
	const char *p;
	char *name = xstrdup(f->v[0]);
	int i, st;

	str_adds(&cmd, alias_get(name));
	for (i = 1; i < f->n; i++) {
		str_adds(&cmd, " '");
		for (p = f->v[i]; *p; p++)
			str_adds(&cmd, *p == '\'' ? "'\\''" : (char[]){ *p, 0 });
		str_addc(&cmd, '\'');
	}
	fields_free(f);
	if (redirect(n->redirs, &sv) < 0) {
		restore_fds(&sv);
		free(cmd.s);
		free(name);
		return 1;
	}
	alias_active(name, 1);
	st = exec_string(cmd.s, cmd.len, "alias");
	alias_active(name, 0);
	restore_fds(&sv);
	free(cmd.s);
	free(name);
	return st;
}

static int
exec_simple(struct node *n, int flags)
{
	struct fields f = { 0 };
	struct saved sv = { .n = 0 };
	struct node *fn;
	builtin_fn bi;
	int special = 0, st, temp;
	unsigned long substs;
	pid_t pid;

	sh.line = n->line;
	substs = cmdsubst_count;
	if (expand_words(n->words, n->nwords, &f) < 0) {
		fields_free(&f);
		return sh.status = 1;
	}
	if (sh.opt_x && (f.n || n->nassigns))
		trace(&f, n->assigns, n->nassigns);
	if (f.n == 0) {
		/* the status is the last command substitution's, or 0 */
		st = do_assigns(n->assigns, n->nassigns, 0, 0) < 0 ? 1 : 0;
		if (st == 0)
			st = cmdsubst_count != substs ? sh.status : 0;
		if (redirect(n->redirs, &sv) < 0)
			st = 1;
		restore_fds(&sv);
		fields_free(&f);
		return st;
	}
	if (n->nwords > 0 && strcmp(n->words[0], f.v[0]) == 0 && alias_get(f.v[0]))
		return run_alias(n, &f);
	bi = builtin_find(f.v[0], &special);
	fn = special ? NULL : func_get(f.v[0]);
	if (bi && special && strcmp(f.v[0], "exec") == 0) {
		if (redirect(n->redirs, NULL) < 0 || do_assigns(n->assigns, n->nassigns, V_EXPORT, 0) < 0) {
			fields_free(&f);
			return 1;
		}
		if (f.n == 1) {
			fields_free(&f);
			return 0;
		}
		fflush(stdout);
		child_signals();
		exec_external(f.v + 1);
	}
	if (bi || fn) {
		/* assignments stay for special builtins, last only the command for others */
		temp = !special && n->nassigns > 0;
		if (temp)
			var_push_frame();
		if (do_assigns(n->assigns, n->nassigns, temp ? V_EXPORT : 0, temp) < 0 ||
		    redirect(n->redirs, &sv) < 0) {
			restore_fds(&sv);
			if (temp)
				var_pop_frame();
			fields_free(&f);
			if (special && !sh.interactive)
				sh_exit(1);
			return 1;
		}
		st = fn ? call_function(fn, &f) : bi(f.n, f.v);
		fflush(stdout);
		restore_fds(&sv);
		if (temp)
			var_pop_frame();
		fields_free(&f);
		return st;
	}
	if (flags & EX_FORKED)
		pid = 0;
	else if ((pid = fork_child(0, 1)) < 0) {
		fields_free(&f);
		return 1;
	}
	if (pid == 0) {
		if (redirect(n->redirs, NULL) < 0 ||
		    do_assigns(n->assigns, n->nassigns, V_EXPORT, 0) < 0)
			_exit(1);
		exec_external(f.v);
	}
	fields_free(&f);
	st = wait_fg(&pid, 1, n);
	take_terminal_back();
	if (sh.interactive && st == 128 + SIGINT)
		fputc('\n', stderr);
	return st;
}

/* ---- pipelines and background jobs ---- */
static int
exec_pipeline(struct node *n)
{
	struct node *cmds[64], *whole = n;
	pid_t pids[64], pgid = 0, live[64];
	int ncmd = 0, nlive = 0, i, in = -1, p[2], st = 0;

	while (n->type == N_PIPE && ncmd < 63) {
		cmds[ncmd++] = n->b;
		n = n->a;
	}
	cmds[ncmd++] = n;
	for (i = 0; i < ncmd / 2; i++) {
		struct node *t = cmds[i];
		cmds[i] = cmds[ncmd - 1 - i];
		cmds[ncmd - 1 - i] = t;
	}
	for (i = 0; i < ncmd; i++) {
		p[0] = p[1] = -1;
		if (i + 1 < ncmd && pipe(p) < 0) {
			sh_error("pipe: %s", strerror(errno));
			break;
		}
		pids[i] = fork_child(pgid, 1);
		if (pids[i] == 0) {
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			}
			if (p[1] >= 0) {
				dup2(p[1], 1);
				close(p[1]);
				close(p[0]);
			}
			_exit(exec_node(cmds[i], EX_FORKED));
		}
		if (pgid == 0)
			pgid = pids[i];
		if (in >= 0)
			close(in);
		if (p[1] >= 0)
			close(p[1]);
		in = p[0];
	}
	if (in >= 0)
		close(in);
	for (i = 0; i < ncmd; i++)
		if (pids[i] > 0)
			live[nlive++] = pids[i];
	if (nlive > 0)
		st = wait_fg(live, nlive, whole);
	take_terminal_back();
	return st;
}

static int
exec_background(struct node *n)
{
	int job_control = sh.interactive, fd;
	pid_t pid = fork_child(0, 0);

	if (pid < 0)
		return 1;
	if (pid == 0) {
		/* without job control a background job must not see ^C (POSIX) */
		if (!job_control) {
			signal(SIGINT, SIG_IGN);
			signal(SIGQUIT, SIG_IGN);
		}
		/* ... nor read the terminal; explicit redirections come after this */
		if (!job_control && (fd = open("/dev/null", O_RDONLY)) >= 0) {
			dup2(fd, 0);
			close(fd);
		}
		_exit(exec_node(n, EX_FORKED));
	}
	job_background(pid, n);
	sh.last_bg = pid;
	return 0;
}

/* ---- compound commands ---- */
static int
exec_loop(struct node *n)
{
	int st = 0, c;

	sh.loop_depth++;
	for (;;) {
		sh.errexit_off++;
		c = exec_node(n->a, 0);
		sh.errexit_off--;
		if (sh.breaking || sh.returning || sh.exiting)
			break;
		if (sh.continuing) {
			if (--sh.continuing)
				break;
			continue;
		}
		if ((n->type == N_WHILE) != (c == 0))
			break;
		st = exec_node(n->b, 0);
		if (sh.breaking || sh.returning || sh.exiting)
			break;
		if (sh.continuing && --sh.continuing)
			break;
	}
	if (sh.breaking)
		sh.breaking--;
	sh.loop_depth--;
	return st;
}

static int
exec_for(struct node *n)
{
	struct fields f = { 0 };
	int st = 0, i;

	if (n->has_in) {
		if (expand_words(n->words, n->nwords, &f) < 0)
			return 1;
	} else
		for (i = 1; i <= sh.argc; i++)
			fields_add(&f, xstrdup(sh.argv[i]));
	sh.loop_depth++;
	for (i = 0; i < f.n; i++) {
		if (var_set(n->name, f.v[i], 0) < 0) {
			st = 1;
			break;
		}
		st = exec_node(n->b, 0);
		if (sh.breaking || sh.returning || sh.exiting)
			break;
		if (sh.continuing && --sh.continuing)
			break;
	}
	if (sh.breaking)
		sh.breaking--;
	sh.loop_depth--;
	fields_free(&f);
	return st;
}

static int
exec_case(struct node *n)
{
	struct caseitem *it;
	char *subject = expand_word(n->name), *pat;
	int i, hit;

	if (subject == NULL)
		return 1;
	for (it = n->items; it; it = it->next) {
		for (i = 0, hit = 0; i < it->npats && !hit; i++) {
			if ((pat = expand_pattern(it->pats[i])) == NULL)
				continue;
			hit = fnmatch(pat, subject, 0) == 0;
			free(pat);
		}
		if (hit) {
			free(subject);
			return it->body ? exec_node(it->body, 0) : 0;
		}
	}
	free(subject);
	return 0;
}

static int
exec_compound(struct node *n, int flags)
{
	int c;

	switch (n->type) {
	case N_GROUP:
		return exec_node(n->a, flags);
	case N_IF:
		sh.errexit_off++;
		c = exec_node(n->a, 0);
		sh.errexit_off--;
		if (sh.breaking || sh.continuing || sh.returning || sh.exiting)
			return c;
		if (c == 0)
			return exec_node(n->b, flags);
		return n->c ? exec_node(n->c, flags) : 0;
	case N_WHILE: case N_UNTIL:
		return exec_loop(n);
	case N_FOR:
		return exec_for(n);
	case N_CASE:
		return exec_case(n);
	default:
		return 0;
	}
}

static int
with_redirs(struct node *n, int flags)
{
	struct saved sv = { .n = 0 };
	int st;

	if (redirect(n->redirs, &sv) < 0) {
		restore_fds(&sv);
		return 1;
	}
	st = exec_compound(n, flags & ~EX_FORKED);
	restore_fds(&sv);
	return st;
}

static void
run_pending_traps(void);

int
exec_node(struct node *n, int flags)
{
	pid_t pid;
	int st = 0;

	if (n == NULL)
		return 0;
	run_pending_traps();
	switch (n->type) {
	case N_CMD:
		st = exec_simple(n, flags);
		break;
	case N_PIPE:
		st = exec_pipeline(n);
		break;
	case N_SEQ:
		exec_node(n->a, 0);
		if (sh.breaking || sh.continuing || sh.returning || sh.exiting)
			return sh.status;
		return exec_node(n->b, flags);
	case N_AND: case N_OR:
		sh.errexit_off++;
		st = exec_node(n->a, 0);
		sh.errexit_off--;
		if (sh.breaking || sh.continuing || sh.returning || sh.exiting)
			return st;
		if ((st == 0) == (n->type == N_AND))
			return exec_node(n->b, flags);
		return sh.status = st;
	case N_NOT:
		sh.errexit_off++;
		st = !exec_node(n->a, 0);
		sh.errexit_off--;
		return sh.status = st;
	case N_BG:
		st = exec_background(n->a);
		break;
	case N_SUBSHELL:
		pid = (flags & EX_FORKED) ? 0 : fork_child(0, 1);
		if (pid < 0) {
			st = 1;
			break;
		}
		if (pid == 0) {
			if (redirect(n->redirs, NULL) < 0)
				_exit(1);
			st = exec_node(n->a, 0);
			sh_exit(sh.exiting ? sh.status : st);
		}
		st = wait_fg(&pid, 1, n);
		take_terminal_back();
		break;
	case N_FUNC:
		func_set(n->name, n->a);
		st = 0;
		break;
	default:
		st = with_redirs(n, flags);
		if (sh.exiting || sh.returning)
			return sh.status;
		return sh.status = st;
	}
	if (!sh.returning && !sh.exiting)
		sh.status = st;
	else
		st = sh.status;
	if (sh.opt_e && st != 0 && sh.errexit_off == 0 && !sh.exiting &&
	    (n->type == N_CMD || n->type == N_PIPE || n->type == N_SUBSHELL))
		sh_exit(st);
	if ((flags & EX_FORKED) && n->type != N_BG && n->type != N_FUNC)
		fflush(stdout);
	return st;
}

/* ---- whole programs: -c strings, scripts, eval, dot ---- */
int
exec_string(const char *src, size_t len, const char *name)
{
	struct parser p;
	struct arena *a = arena_new();
	struct node *n;
	enum parse_status ps;
	char *text = NULL;
	FILE *f;
	struct str buf = { 0 };
	char chunk[4096];
	size_t r;

	if (src == NULL) {
		if ((f = fopen(name, "r")) == NULL) {
			sh_error("cannot open %s: %s", name, strerror(errno));
			arena_free(a);
			return 127;
		}
		while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
			str_addn(&buf, chunk, r);
		fclose(f);
		text = str_take(&buf);
		src = text;
		len = strlen(text);
		/* skip a #! line: the lexer would see a comment anyway */
	}
	parser_init(&p, src, len, a);
	for (;;) {
		ps = parse_command(&p, &n);
		if (ps == P_EOF)
			break;
		if (ps == P_ERROR || ps == P_INCOMPLETE) {
			sh_error("%s", p.err);
			sh.status = 2;
			if (!sh.interactive)
				sh_exit(2);
			break;
		}
		if (!sh.opt_n || sh.interactive)
			exec_node(n, 0);
		if (sh.exiting || sh.returning || sh.breaking || sh.continuing)
			break;
	}
	if (!p.has_func)
		arena_free(a);
	free(text);
	return sh.status;
}

unsigned long cmdsubst_count;

int
cmdsubst(const char *src, size_t len, struct str *out)
{
	char buf[4096];
	ssize_t r;
	int p[2], st;
	pid_t pid;

	if (pipe(p) < 0) {
		sh_error("pipe: %s", strerror(errno));
		return -1;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		sh_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], 1);
		close(p[1]);
		if (sh.interactive)
			child_signals();
		sh.interactive = 0;
		free(sh.trap[0]);
		sh.trap[0] = NULL;
		exec_string(src, len, "sh");
		sh_exit(sh.status);
	}
	close(p[1]);
	cmdsubst_count++;
	for (;;) {
		r = read(p[0], buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		str_addn(out, buf, (size_t)r);
	}
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	sh.status = status_of(st);
	while (out->len > 0 && out->s[out->len - 1] == '\n')
		out->s[--out->len] = '\0';
	return 0;
}

/* ---- traps ---- */
static volatile sig_atomic_t pending[65];
static volatile sig_atomic_t any_pending;

void
trap_handler(int sig)
{
	pending[sig] = 1;
	any_pending = 1;
}

static void
run_pending_traps(void)
{
	int s, saved;

	if (!any_pending)
		return;
	any_pending = 0;
	for (s = 1; s < 65; s++) {
		if (!pending[s])
			continue;
		pending[s] = 0;
		if (sh.trap[s] && *sh.trap[s]) {
			saved = sh.status;
			exec_string(sh.trap[s], strlen(sh.trap[s]), "trap");
			sh.status = saved;
		}
	}
}

void
run_exit_trap(void)
{
	char *t = sh.trap[0];

	if (t == NULL)
		return;
	sh.trap[0] = NULL;
	sh.exiting = 0;
	exec_string(t, strlen(t), "trap");
	free(t);
}
