/* jobs.c - the job table: waiting for children, stopped jobs, and jobs, fg, bg */
/* SPDX-License-Identifier: MIT */
/*
 * A job is what one command line started: a pipeline's processes (one
 * process group when the shell is interactive) or one background command.
 * A foreground job is waited for with WUNTRACED when interactive, so ^Z
 * (SIGTSTP to the terminal's group) stops it and gives the prompt back:
 * "[1]+ Stopped\tcmd"; fg and bg continue it with SIGCONT to its group.
 * Without job control (scripts, sh -c) nothing waits for stops.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

#define MAXJOBS		64
#define JOB_PROCS	64
#define JOB_TEXT	96

enum { P_RUNNING, P_STOPPED, P_DONE };

static struct job {
	int	used;
	int	num;			/* [N] */
	pid_t	pgid;			/* kill(-pgid) reaches it when interactive */
	pid_t	pids[JOB_PROCS];
	int	pstate[JOB_PROCS];
	int	npids;
	int	status;			/* the last process's, once it is done */
	int	stopsig;
	int	shown;			/* the state last reported, -1 for none */
	char	text[JOB_TEXT];
} jobs[MAXJOBS];

static struct job *cur_job;	/* "+": the latest job stopped or sent to the background */

int
status_of(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	if (WIFSTOPPED(st))
		return 128 + WSTOPSIG(st);
	return 1;
}

static int
job_state(const struct job *j)
{
	int i, stopped = 0;

	for (i = 0; i < j->npids; i++) {
		if (j->pstate[i] == P_RUNNING)
			return P_RUNNING;
		stopped |= j->pstate[i] == P_STOPPED;
	}
	return stopped ? P_STOPPED : P_DONE;
}

static void
job_free(struct job *j)
{
	if (cur_job == j)
		cur_job = NULL;
	j->used = 0;
}

/* A command as the jobs list shows it: shell text, compound commands by their keyword. */
static void
node_text(const struct node *n, struct str *o)
{
	static const char *const ops[] = {
		[N_PIPE] = " | ", [N_AND] = " && ", [N_OR] = " || ", [N_SEQ] = "; ",
	};
	static const char *const kw[] = {
		[N_IF] = "if ...", [N_WHILE] = "while ...", [N_UNTIL] = "until ...",
		[N_FOR] = "for ...", [N_CASE] = "case ...", [N_FUNC] = "function",
	};
	int i;

	if (n == NULL)
		return;
	switch (n->type) {
	case N_CMD:
		for (i = 0; i < n->nassigns + n->nwords; i++) {
			if (i)
				str_addc(o, ' ');
			str_adds(o, i < n->nassigns ? n->assigns[i] : n->words[i - n->nassigns]);
		}
		break;
	case N_PIPE: case N_AND: case N_OR: case N_SEQ:
		node_text(n->a, o);
		str_adds(o, ops[n->type]);
		node_text(n->b, o);
		break;
	case N_BG:
		node_text(n->a, o);
		str_adds(o, " &");
		break;
	case N_NOT:
		str_adds(o, "! ");
		node_text(n->a, o);
		break;
	case N_SUBSHELL:
	case N_GROUP:
		str_adds(o, n->type == N_SUBSHELL ? "(" : "{ ");
		node_text(n->a, o);
		str_adds(o, n->type == N_SUBSHELL ? ")" : "; }");
		break;
	default:
		str_adds(o, kw[n->type] ? kw[n->type] : "...");
		break;
	}
}

/* A new job of n processes; its text is the command (NULL: none). NULL when the table is full. */
static struct job *
job_new(const pid_t *pids, int n, struct node *cmd)
{
	struct job *j = NULL;
	struct str s = { 0 };
	int i, num;

	for (num = 1; num <= MAXJOBS && j == NULL; num++) {
		for (i = 0; i < MAXJOBS && !(jobs[i].used && jobs[i].num == num); i++)
			;
		if (i < MAXJOBS)
			continue;	/* number taken */
		for (i = 0; i < MAXJOBS && jobs[i].used; i++)
			;
		if (i == MAXJOBS)
			return NULL;
		j = &jobs[i];
		memset(j, 0, sizeof(*j));
		j->used = 1;
		j->num = num;
	}
	if (j == NULL)
		return NULL;
	j->npids = n < JOB_PROCS ? n : JOB_PROCS;
	memcpy(j->pids, pids, (size_t)j->npids * sizeof(pid_t));
	j->pgid = pids[0];
	j->shown = -1;
	if (cmd != NULL) {
		node_text(cmd, &s);
		if (s.s != NULL)
			snprintf(j->text, sizeof(j->text), "%s", s.s);
		free(s.s);
	}
	return j;
}

static struct job *
job_of_pid(pid_t pid, int *idx)
{
	int i, k;

	for (i = 0; i < MAXJOBS; i++)
		for (k = 0; jobs[i].used && k < jobs[i].npids; k++)
			if (jobs[i].pids[k] == pid) {
				*idx = k;
				return &jobs[i];
			}
	return NULL;
}

/* Records what waitpid said about pid. */
static void
record(pid_t pid, int st)
{
	struct job *j;
	int k;

	if ((j = job_of_pid(pid, &k)) == NULL)
		return;
	if (WIFSTOPPED(st)) {
		j->pstate[k] = P_STOPPED;
		j->stopsig = WSTOPSIG(st);
		cur_job = j;
	} else if (WIFCONTINUED(st)) {
		j->pstate[k] = P_RUNNING;
	} else {
		j->pstate[k] = P_DONE;
		if (k == j->npids - 1)
			j->status = status_of(st);
	}
}

static const char *
state_word(const struct job *j, char *buf, size_t n)
{
	switch (job_state(j)) {
	case P_RUNNING:
		return "Running";
	case P_STOPPED:
		return "Stopped";
	}
	if (j->status == 0)
		return "Done";
	snprintf(buf, n, "Done(%d)", j->status);
	return buf;
}

static void
job_print(FILE *f, struct job *j)
{
	char word[32];

	fprintf(f, "[%d]%c %s\t%s\n", j->num, j == cur_job ? '+' : ' ',
	    state_word(j, word, sizeof(word)), j->text);
	j->shown = job_state(j);
}

/* Collects what changed in the children without blocking; reports it when asked (the prompt). */
void
reap_jobs(int report)
{
	pid_t pid;
	int st, i;

	while ((pid = waitpid(-1, &st, WNOHANG | (sh.interactive ? WUNTRACED | WCONTINUED : 0))) > 0)
		record(pid, st);
	if (!report)
		return;
	for (i = 0; i < MAXJOBS; i++) {
		struct job *j = &jobs[i];

		if (!j->used || j->shown == job_state(j) || job_state(j) == P_RUNNING)
			continue;
		job_print(stderr, j);
		if (job_state(j) == P_DONE)
			job_free(j);
	}
}

/* Waits until each process of j has stopped (interactive) or ended. */
static void
wait_procs(struct job *j, int stops)
{
	int k, st;
	pid_t r;

	for (k = 0; k < j->npids; k++) {
		while (j->pstate[k] == P_RUNNING) {
			r = waitpid(j->pids[k], &st, stops ? WUNTRACED : 0);
			if (r == j->pids[k])
				record(r, st);
			else if (r < 0 && errno != EINTR) {
				j->pstate[k] = P_DONE;	/* collected elsewhere */
				if (k == j->npids - 1)
					j->status = 127;
			}
		}
	}
}

/* Waits for a foreground job: its status, or 128 + the signal that stopped it. */
static int
wait_job(struct job *j)
{
	int st;

	wait_procs(j, sh.interactive);
	if (job_state(j) == P_STOPPED) {
		cur_job = j;
		fputc('\n', stderr);
		job_print(stderr, j);
		return 128 + j->stopsig;
	}
	st = j->status;
	job_free(j);
	return st;
}

int
wait_fg(const pid_t *pids, int n, struct node *cmd)
{
	struct job *j = job_new(pids, n, cmd);
	int i, st = 0;

	if (j != NULL)
		return wait_job(j);
	for (i = 0; i < n; i++)		/* no room: plain waits, no stops */
		st = wait_pid(pids[i]);
	return st;
}

void
job_background(pid_t pid, struct node *cmd)
{
	struct job *j = job_new(&pid, 1, cmd);

	if (j != NULL)
		cur_job = j;
	if (sh.interactive && j != NULL)
		fprintf(stderr, "[%d] %ld\n", j->num, (long)pid);
}

/* wait PID: that process's end (a job's, or a child the table does not know). */
int
wait_pid(pid_t pid)
{
	struct job *j;
	int k, st;

	if ((j = job_of_pid(pid, &k)) == NULL) {
		while (waitpid(pid, &st, 0) < 0)
			if (errno != EINTR)
				return 127;
		return status_of(st);
	}
	while (j->pstate[k] != P_DONE) {
		pid_t r = waitpid(pid, &st, 0);

		if (r == pid)
			record(r, st);
		else if (r < 0 && errno != EINTR)
			j->pstate[k] = P_DONE;
	}
	st = k == j->npids - 1 ? j->status : 0;
	if (job_state(j) == P_DONE)
		job_free(j);
	return st;
}

/* wait: every running job ends; stopped ones stay (they would never end by themselves). */
int
wait_all(void)
{
	int i, stopped = 0;

	reap_jobs(0);
	for (i = 0; i < MAXJOBS; i++) {
		if (!jobs[i].used)
			continue;
		if (job_state(&jobs[i]) == P_STOPPED) {
			stopped = 1;
			continue;
		}
		wait_procs(&jobs[i], 0);
		job_free(&jobs[i]);
	}
	while (waitpid(-1, NULL, stopped ? WNOHANG : 0) > 0 || errno == EINTR)
		;
	return 0;
}

/* The job an operand names: %N, %%, %+, %string (a command prefix), a PID, or none = current. */
static struct job *
job_arg(const char *a)
{
	struct job *latest = NULL;
	int i, k;

	if (a == NULL || strcmp(a, "%%") == 0 || strcmp(a, "%+") == 0) {
		if (cur_job != NULL && cur_job->used && job_state(cur_job) != P_DONE)
			return cur_job;
		for (i = 0; i < MAXJOBS; i++)
			if (jobs[i].used && job_state(&jobs[i]) != P_DONE &&
			    (latest == NULL || jobs[i].num > latest->num))
				latest = &jobs[i];
		return latest;
	}
	for (i = 0; a[0] == '%' && i < MAXJOBS; i++) {
		if (!jobs[i].used)
			continue;
		if (a[1] >= '0' && a[1] <= '9' ? jobs[i].num == atoi(a + 1) :
		    strncmp(jobs[i].text, a + 1, strlen(a + 1)) == 0)
			return &jobs[i];
	}
	if (a[0] == '%')
		return NULL;
	return atol(a) > 0 ? job_of_pid((pid_t)atol(a), &k) : NULL;
}

static void
continue_job(struct job *j)
{
	int k;

	for (k = 0; k < j->npids; k++)
		if (j->pstate[k] == P_STOPPED)
			j->pstate[k] = P_RUNNING;
	if (sh.interactive)
		kill(-j->pgid, SIGCONT);
	else
		for (k = 0; k < j->npids; k++)
			kill(j->pids[k], SIGCONT);
}

int
bi_jobs(int argc, char **argv)
{
	int i, pids_only = argc > 1 && strcmp(argv[1], "-p") == 0;

	reap_jobs(0);
	for (i = 0; i < MAXJOBS; i++) {
		struct job *j = &jobs[i];

		if (!j->used)
			continue;
		if (pids_only)
			printf("%ld\n", (long)j->pgid);
		else
			job_print(stdout, j);
		if (job_state(j) == P_DONE)
			job_free(j);
	}
	return 0;
}

int
bi_fg(int argc, char **argv)
{
	struct job *j;
	int st;

	reap_jobs(0);
	if ((j = job_arg(argc > 1 ? argv[1] : NULL)) == NULL || job_state(j) == P_DONE) {
		sh_error("fg: %s: no such job", argc > 1 ? argv[1] : "current");
		return 1;
	}
	printf("%s\n", j->text);
	fflush(stdout);
	if (sh.interactive)
		tcsetpgrp(sh.tty_fd, j->pgid);
	continue_job(j);
	st = wait_job(j);
	take_terminal_back();
	return st;
}

int
bi_bg(int argc, char **argv)
{
	struct job *j;

	reap_jobs(0);
	if ((j = job_arg(argc > 1 ? argv[1] : NULL)) == NULL || job_state(j) == P_DONE) {
		sh_error("bg: %s: no such job", argc > 1 ? argv[1] : "current");
		return 1;
	}
	continue_job(j);
	cur_job = j;
	printf("[%d]+ %s &\n", j->num, j->text);
	j->shown = P_RUNNING;
	return 0;
}

/* An interactive shell that leaves does not leave stopped jobs behind: SIGHUP, then SIGCONT. */
void
jobs_hangup(void)
{
	int i;

	for (i = 0; sh.interactive && i < MAXJOBS; i++)
		if (jobs[i].used && job_state(&jobs[i]) == P_STOPPED) {
			kill(-jobs[i].pgid, SIGHUP);
			kill(-jobs[i].pgid, SIGCONT);
		}
}
