/* sh.h - the shell's shared types: tokens, syntax tree, variables, shell state */
/* SPDX-License-Identifier: MIT */
#ifndef SH_H
#define SH_H

#include <stddef.h>
#include <sys/types.h>

/* ---- memory: an arena per parsed command (arena.c) ---- */
struct arena;
struct arena *arena_new(void);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* ---- growable string (arena.c) ---- */
struct str {
	char *s;
	size_t len, cap;
};
void str_addc(struct str *b, char c);
void str_addn(struct str *b, const char *s, size_t n);
void str_adds(struct str *b, const char *s);
char *str_take(struct str *b);	/* the NUL-terminated string; b is reset */

/* ---- lexer (lex.c) ---- */
enum tok {
	T_EOF, T_NEWLINE, T_WORD, T_IO_NUMBER,
	T_SEMI, T_AMP, T_PIPE, T_AND_IF, T_OR_IF, T_DSEMI, T_LPAREN, T_RPAREN,
	T_LESS, T_GREAT, T_DGREAT, T_DLESS, T_DLESSDASH, T_LESSAND, T_GREATAND,
	T_LESSGREAT, T_CLOBBER,
};

struct redir;

struct lexer {
	const char *src;	/* the whole input text */
	size_t pos, len;
	int line;
	int eof_in_construct;	/* set when input ended inside quotes or a here-doc */
	struct arena *arena;
	struct redir *pending[16];	/* here-docs whose bodies follow the next newline */
	int npending;
	/* the current token */
	enum tok tok;
	char *text;		/* T_WORD / T_IO_NUMBER text, raw (quotes kept) */
	int tok_line;
};

void lex_init(struct lexer *lx, const char *src, size_t len, struct arena *a);
enum tok lex_next(struct lexer *lx);
const char *tok_name(enum tok t);
size_t lex_skip(const char *s, size_t len, int kind);

/* ---- syntax tree (parse.c) ---- */
enum redir_type { R_IN, R_OUT, R_APPEND, R_HEREDOC, R_DUPIN, R_DUPOUT, R_RDWR, R_CLOBBER };

struct redir {
	enum redir_type type;
	int fd;			/* the fd redirected */
	char *word;		/* target, or here-doc delimiter */
	char *body;		/* here-doc body */
	int strip_tabs;		/* <<- */
	int quoted;		/* here-doc delimiter was quoted: no expansion */
	struct redir *next;
};

enum ntype {
	N_CMD, N_PIPE, N_AND, N_OR, N_SEQ, N_BG, N_NOT, N_SUBSHELL, N_GROUP,
	N_IF, N_WHILE, N_UNTIL, N_FOR, N_CASE, N_FUNC,
};

struct caseitem {
	char **pats;
	int npats;
	struct node *body;
	struct caseitem *next;
};

struct node {
	enum ntype type;
	int line;
	struct node *a, *b, *c;	/* children: left/right; cond/then/else; loop cond/body */
	char **words;		/* N_CMD words; N_FOR list */
	int nwords;
	char **assigns;		/* N_CMD NAME=value prefixes */
	int nassigns;
	int has_in;		/* N_FOR: "in" given */
	char *name;		/* N_FOR variable, N_FUNC name, N_CASE subject */
	struct caseitem *items;
	struct redir *redirs;
};

enum parse_status { P_OK, P_EMPTY, P_EOF, P_INCOMPLETE, P_ERROR };

struct parser {
	struct lexer lx;
	char err[256];
	int has_func;		/* a function definition was parsed: keep the arena */
};

/* Parses one complete command (up to a newline at top level) into *out. */
enum parse_status parse_command(struct parser *p, struct node **out);
void parser_init(struct parser *p, const char *src, size_t len, struct arena *a);
/* Text form of a tree (for tests and set -x of compound commands). */
void node_dump(const struct node *n, struct str *out);

/* ---- variables (var.c) ---- */
#define V_EXPORT 1
#define V_READONLY 2

const char *var_get(const char *name);
int var_set(const char *name, const char *val, int flags);	/* 0 or -1 (readonly) */
int var_unset(const char *name);
void var_export(const char *name);
int var_flags(const char *name);
char **var_environ(void);	/* freshly allocated envp of exported vars */
void var_print(int exported_only);
int var_valid_name(const char *s, size_t n);
void var_import(char **envp);
/* function locals */
void var_push_frame(void);
void var_pop_frame(void);
int var_make_local(const char *name);

/* ---- positional parameters (var.c) ---- */
struct params {
	char **argv;
	int argc, owned;
};
void params_replace(int n, char **v);	/* copies v as $1..$n, keeps $0 */
void params_push(struct params *save, int n, char **v);
void params_pop(struct params *save);

/* ---- functions (var.c) ---- */
void func_set(const char *name, struct node *body);
struct node *func_get(const char *name);
int func_unset(const char *name);

/* ---- aliases (var.c) ---- */
void alias_set(const char *name, const char *text);
const char *alias_get(const char *name);	/* NULL if none or being expanded */
void alias_active(const char *name, int on);
int alias_unset(const char *name);
void alias_print(void);

/* ---- expansion (expand.c) ---- */
struct fields {
	char **v;
	int n, cap;
};
void fields_add(struct fields *f, char *s);
void fields_free(struct fields *f);
/* Full expansion of words into fields (split + glob); -1 on error. */
int expand_words(char **words, int n, struct fields *out);
/* One word to one string: no field splitting, no globbing. NULL on error. */
char *expand_word(const char *w);
/* A case pattern: expanded, quoted characters escaped for fnmatch. */
char *expand_pattern(const char *w);
/* A here-doc body: $ ` and \ expansions only. */
char *expand_heredoc(const char *body);
long arith_eval(const char *expr, int *err);

/* ---- execution (exec.c) ---- */
int exec_node(struct node *n, int flags);
#define EX_FORKED 1	/* running in a child that may exec in place */
#define EX_COND 2	/* status is tested: set -e does not apply */
int exec_string(const char *src, size_t len, const char *name);
int cmdsubst(const char *src, size_t len, struct str *out);
extern unsigned long cmdsubst_count;	/* command substitutions run so far */
void run_exit_trap(void);
void trap_handler(int sig);
void take_terminal_back(void);	/* interactive: tcsetpgrp back to the shell */
char *find_in_path(const char *name);

/* ---- jobs (jobs.c) ---- */
int status_of(int st);		/* a wait status as $? shows it */
void reap_jobs(int report);	/* report: print what stopped or ended (before a prompt) */
int wait_pid(pid_t pid);	/* wait PID */
int wait_all(void);		/* wait */
/* Waits for a foreground job of n processes: its status, 128 + SIGTSTP when ^Z stopped it. */
int wait_fg(const pid_t *pids, int n, struct node *cmd);
void job_background(pid_t pid, struct node *cmd);	/* cmd &: a job, "[N] pid" */
void jobs_hangup(void);		/* an interactive shell exits: SIGHUP + SIGCONT its stopped jobs */

/* ---- builtins (builtins.c) ---- */
typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn builtin_find(const char *name, int *special);
int set_option(const char *name, int letter, int on);
int bi_test(int argc, char **argv);	/* test.c: test and [ */
int bi_jobs(int argc, char **argv);	/* jobs.c: the job table's builtins */
int bi_fg(int argc, char **argv);
int bi_bg(int argc, char **argv);


/* ---- line editor (lineedit.c, see lineedit.h for the key machine) ---- */
char *le_readline(int fd, const char *prompt);	/* with its newline; NULL on EOF */

/* ---- shell state (main.c) ---- */
struct shell {
	int status;		/* $? */
	pid_t pid;		/* $$ */
	pid_t last_bg;		/* $! */
	int argc;		/* $# */
	char **argv;		/* $1.. (argv[0] is $0) */
	int argv_owned;		/* argv and its strings (but $0) are ours to free */
	int interactive;
	int opt_e, opt_x, opt_u, opt_n, opt_f;
	int errexit_off;	/* > 0 inside conditions */
	int breaking, continuing, returning, exiting;
	int loop_depth, func_depth;
	pid_t shell_pgid;
	int tstp_ignored;	/* SIGTSTP was ignored when we started: keep it so */
	int tty_fd;
	char *trap[65];		/* trap actions; [0] is EXIT */
	const char *name;	/* for messages: "sh" or the script */
	int line;
};

extern struct shell sh;

void sh_error(const char *fmt, ...);
void sh_exit(int status);

#endif
