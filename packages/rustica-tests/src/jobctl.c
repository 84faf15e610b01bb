/* jobctl.c - rustica-tests: job control in the kernel: stop, continue, wait4's reports */
/* SPDX-License-Identifier: MIT */
/*
 * Each case forks a child that blocks reading a pipe (or spins), stops and
 * continues it with kill(2) and checks what waitpid reports. Nothing here
 * depends on timing: every wait is for an event the kernel must report.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ktest.h"

/* A child blocked in read(p[0]) until the parent writes or closes p[1]. */
static pid_t
blocked_child(int p[2])
{
	pid_t pid;
	char c;

	if (pipe(p) != 0)
		return -1;
	if ((pid = fork()) == 0) {
		close(p[1]);
		/* the read must survive a stop and SIGCONT (it restarts, no EINTR) */
		_exit(read(p[0], &c, 1) == 1 && c == 'x' ? 7 : 8);
	}
	close(p[0]);
	return pid;
}

static int
stopped_by(pid_t pid, int sig)
{
	int st;

	return waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == sig;
}

static int
continued(pid_t pid)
{
	int st;

	return waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st);
}

static int
exited_with(pid_t pid, int code)
{
	int st;

	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == code;
}

static int
killed_by(pid_t pid, int sig)
{
	int st;

	return waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

/* SIGSTOP, WUNTRACED, SIGCONT, WCONTINUED; the read goes on and gets its byte. */
static int
stop_cont_read(void)
{
	int p[2], ok;
	pid_t pid = blocked_child(p);

	if (pid < 0)
		return 0;
	ok = kill(pid, SIGSTOP) == 0 && stopped_by(pid, SIGSTOP);
	ok = ok && kill(pid, SIGCONT) == 0 && continued(pid);
	ok = ok && write(p[1], "x", 1) == 1 && exited_with(pid, 7);
	close(p[1]);
	if (!ok)
		kill(pid, SIGKILL), waitpid(pid, NULL, 0);
	return ok;
}

/* SIGTSTP, SIGTTIN and SIGTTOU stop by default; SIGKILL ends a stopped process. */
static int
default_stops(int sig)
{
	int p[2], ok;
	pid_t pid = blocked_child(p);

	if (pid < 0)
		return 0;
	ok = kill(pid, sig) == 0 && stopped_by(pid, sig);
	ok = kill(pid, SIGKILL) == 0 && killed_by(pid, SIGKILL) && ok;
	close(p[1]);
	return ok;
}

/* A stopped process keeps SIGTERM pending: it dies only once continued. */
static int
term_waits_for_cont(void)
{
	int p[2], st, ok;
	pid_t pid = blocked_child(p);

	if (pid < 0)
		return 0;
	ok = kill(pid, SIGSTOP) == 0 && stopped_by(pid, SIGSTOP) && kill(pid, SIGTERM) == 0;
	ok = ok && waitpid(pid, &st, WNOHANG) == 0;	/* still there, still stopped */
	ok = kill(pid, SIGCONT) == 0 && killed_by(pid, SIGTERM) && ok;
	close(p[1]);
	return ok;
}

static volatile sig_atomic_t chld_count;

static void
on_chld(int sig)
{
	(void)sig;
	chld_count++;
}

/* The parent gets SIGCHLD when a child stops, but not with SA_NOCLDSTOP. */
static int
sigchld_on_stop(int flags)
{
	struct sigaction sa = { .sa_handler = on_chld, .sa_flags = flags };
	int p[2], ok;
	pid_t pid;

	sigaction(SIGCHLD, &sa, NULL);
	chld_count = 0;
	if ((pid = blocked_child(p)) < 0)
		return 0;
	ok = kill(pid, SIGSTOP) == 0 && stopped_by(pid, SIGSTOP);
	/* the handler ran on the way back from wait4 if the kernel sent it */
	ok = ok && chld_count == ((flags & SA_NOCLDSTOP) ? 0 : 1);
	kill(pid, SIGKILL);
	ok = killed_by(pid, SIGKILL) && ok;
	close(p[1]);
	signal(SIGCHLD, SIG_DFL);
	return ok;
}

static int cont_pipe[2];

static void
on_cont(int sig)
{
	(void)sig;
	if (write(cont_pipe[1], "c", 1) != 1)
		_exit(9);
}

/* SIGCONT continues and its handler runs; blocked SIGCONT still continues. */
static int
cont_handler(int block)
{
	int p[2], ok;
	pid_t pid;
	char c = 0;

	if (pipe(cont_pipe) != 0 || pipe(p) != 0)
		return 0;
	if ((pid = fork()) == 0) {
		struct sigaction sa = { .sa_handler = on_cont, .sa_flags = SA_RESTART };
		sigset_t set;

		sigaction(SIGCONT, &sa, NULL);
		sigemptyset(&set);
		sigaddset(&set, SIGCONT);
		if (block)
			sigprocmask(SIG_BLOCK, &set, NULL);
		close(p[1]);
		if (write(cont_pipe[1], "r", 1) != 1)
			_exit(1);
		_exit(read(p[0], &c, 1) == 1 && c == 'x' ? 7 : 8);
	}
	close(p[0]);
	close(cont_pipe[1]);
	ok = read(cont_pipe[0], &c, 1) == 1 && c == 'r';
	ok = ok && kill(pid, SIGSTOP) == 0 && stopped_by(pid, SIGSTOP);
	ok = ok && kill(pid, SIGCONT) == 0 && continued(pid);
	if (ok && !block)
		ok = read(cont_pipe[0], &c, 1) == 1 && c == 'c';
	ok = ok && write(p[1], "x", 1) == 1 && exited_with(pid, 7);
	close(p[1]);
	close(cont_pipe[0]);
	if (!ok)
		kill(pid, SIGKILL), waitpid(pid, NULL, 0);
	return ok;
}

/* A child that never makes a system call stops from the timer interrupt's way back. */
static int
stop_spinner(void)
{
	volatile unsigned long spin = 0;
	pid_t pid;
	int ok;

	if ((pid = fork()) == 0)
		for (;;)
			spin++;
	ok = kill(pid, SIGSTOP) == 0 && stopped_by(pid, SIGSTOP);
	ok = ok && kill(pid, SIGCONT) == 0 && continued(pid);
	ok = ok && kill(pid, SIGSTOP) == 0 && stopped_by(pid, SIGSTOP);
	ok = kill(pid, SIGKILL) == 0 && killed_by(pid, SIGKILL) && ok;
	return ok;
}

/* A child that stops itself (raise) is reported; kill -CONT to its group resumes it. */
static int
self_stop(void)
{
	pid_t pid;
	int ok;

	if ((pid = fork()) == 0) {
		setpgid(0, 0);
		raise(SIGTSTP);
		_exit(5);
	}
	setpgid(pid, pid);
	ok = stopped_by(pid, SIGTSTP);
	ok = ok && kill(-pid, SIGCONT) == 0 && exited_with(pid, 5);
	if (!ok)
		kill(pid, SIGKILL), waitpid(pid, NULL, 0);
	return ok;
}

/*
 * Takes the console for a group of its own (SIGTTOU ignored meanwhile, as a
 * shell does), with TOSTOP on or off; *old gets the settings to put back.
 */
static int
take_console(int tostop, struct termios *old)
{
	int fd = open("/dev/console", O_RDWR), ok;
	struct termios t;
	void (*was)(int);

	if (fd < 0)
		return -1;
	was = signal(SIGTTOU, SIG_IGN);
	ok = setpgid(0, 0) == 0 && tcsetpgrp(fd, getpgrp()) == 0 && tcgetattr(fd, old) == 0;
	t = *old;
	t.c_lflag = tostop ? t.c_lflag | TOSTOP : t.c_lflag & ~TOSTOP;
	ok = ok && tcsetattr(fd, TCSANOW, &t) == 0;
	signal(SIGTTOU, was);
	if (!ok)
		close(fd), fd = -1;
	return fd;
}

/*
 * A background group that reads the terminal gets SIGTTIN (its default
 * stops it); one that ignores SIGTTIN gets EIO. The check takes the console
 * for a group of its own, which ends with the check.
 */
static int
tty_bg_read(int ignore)
{
	struct termios old;
	int fd = take_console(0, &old), ok;
	pid_t pid;

	if (fd < 0)
		return 0;
	if ((pid = fork()) == 0) {
		char c;

		if (ignore)
			signal(SIGTTIN, SIG_IGN);
		setpgid(0, 0);
		_exit(read(fd, &c, 1) < 0 && errno == EIO ? 6 : 7);
	}
	setpgid(pid, pid);
	if (ignore)
		ok = exited_with(pid, 6);
	else
		ok = stopped_by(pid, SIGTTIN) && kill(pid, SIGKILL) == 0 && killed_by(pid, SIGKILL);
	close(fd);
	return ok;
}

/*
 * A background group changing the terminal, by how: 0 a write with TOSTOP
 * (SIGTTOU stops it), 1 the same ignoring SIGTTOU (it goes on), 2 a write
 * without TOSTOP (goes on), 3 tcsetpgrp and 4 tcsetattr (SIGTTOU).
 */
static int
tty_bg_change(int how)
{
	struct termios old;
	int fd = take_console(how != 2, &old), ok;
	pid_t pid;

	if (fd < 0)
		return 0;
	if ((pid = fork()) == 0) {
		setpgid(0, 0);
		if (how == 1)
			signal(SIGTTOU, SIG_IGN);
		if (how == 3)
			_exit(tcsetpgrp(fd, getpgrp()) == 0 ? 6 : 7);
		if (how == 4)
			_exit(tcsetattr(fd, TCSANOW, &old) == 0 ? 6 : 7);
		_exit(write(fd, "\n", 1) == 1 ? 6 : 7);
	}
	setpgid(pid, pid);
	if (how == 1 || how == 2)
		ok = exited_with(pid, 6);
	else
		ok = stopped_by(pid, SIGTTOU) && kill(pid, SIGKILL) == 0 && killed_by(pid, SIGKILL);
	signal(SIGTTOU, SIG_IGN);
	tcsetattr(fd, TCSANOW, &old);
	signal(SIGTTOU, SIG_DFL);
	close(fd);
	return ok;
}

/*
 * A stopped group whose last link to its session's other groups exits is
 * orphaned: the kernel sends it SIGHUP (which ends it here) and SIGCONT. A
 * middle process in a session of its own stops a child, then exits; the
 * child's end shows as EOF on a pipe it held.
 */
static int
orphaned_group_hangup(void)
{
	int p[2], st;
	pid_t mid;
	char c;

	if (pipe(p) != 0)
		return 0;
	if ((mid = fork()) == 0) {
		pid_t pid;

		close(p[0]);
		setsid();
		if ((pid = fork()) == 0) {
			setpgid(0, 0);
			raise(SIGSTOP);
			for (;;)
				pause();
		}
		close(p[1]);
		_exit(stopped_by(pid, SIGSTOP) ? 0 : 1);
	}
	close(p[1]);
	if (waitpid(mid, &st, 0) != mid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return 0;
	return read(p[0], &c, 1) == 0 && close(p[0]) == 0;
}

/* ---- a timed wait stopped and continued keeps its deadline ---------------- */

#define WAIT_MS		2000	/* each child's timed wait */
#define WAITERS		3

/* Child how: 0 nanosleep, 1 clock_nanosleep, 2 poll, each for WAIT_MS. */
static void
timed_wait(int how)
{
	struct timespec ts = { WAIT_MS / 1000, WAIT_MS % 1000 * 1000000L };

	if (how == 0)
		nanosleep(&ts, NULL);
	else if (how == 1)
		clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
	else
		poll(NULL, 0, WAIT_MS);
}

/* pid's state letter from /proc/N/stat (S sleeping, R, T stopped, Z), or 0 once it is gone. */
static char
proc_state(pid_t pid)
{
	char path[32], buf[256], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (read_text(path, buf, sizeof(buf)) < 0 || (p = strrchr(buf, ')')) == NULL ||
	    p[1] != ' ')
		return 0;
	return p[2];
}

/*
 * After SIGCONT: pid ends without sleeping again. It is runnable (R) until
 * it runs; a wait restarted from scratch would put it back to sleep (S) for
 * WAIT_MS, while one that kept its passed deadline ends at once (Z).
 */
static int
ends_without_sleeping(pid_t pid)
{
	char st;

	while ((st = proc_state(pid)) == 'R' || st == 'T')
		sched_yield();
	return st == 'Z' || st == 0;
}

/*
 * Children wait WAIT_MS (nanosleep, clock_nanosleep, poll), are stopped in
 * the wait and kept stopped past their deadline, then continued: each must
 * end at once (Linux reruns the call as restart_syscall, to the first
 * deadline), not go back to sleep for WAIT_MS. What is checked is the
 * child's state after SIGCONT, not a time. (select, pselect6 and ppoll
 * rerun with the time left they wrote back: the stop does not count, as on
 * Linux.)
 */
static int
stopped_wait_keeps_deadline(void)
{
	struct timespec past = { WAIT_MS / 1000 + 1, 0 };
	pid_t pid[WAITERS];
	int p[WAITERS][2], ok = 1, i;
	char c;

	for (i = 0; i < WAITERS; i++) {
		if (pipe(p[i]) != 0 || (pid[i] = fork()) < 0)
			return 0;
		if (pid[i] == 0) {
			close(p[i][0]);
			write(p[i][1], "r", 1);
			timed_wait(i);
			_exit(0);
		}
		close(p[i][1]);
	}
	for (i = 0; i < WAITERS; i++) {
		ok = ok && read(p[i][0], &c, 1) == 1;
		while (ok && proc_state(pid[i]) != 'S')
			sched_yield();
		ok = ok && kill(pid[i], SIGSTOP) == 0 && stopped_by(pid[i], SIGSTOP);
	}
	nanosleep(&past, NULL);		/* every deadline passes while they are stopped */
	for (i = 0; i < WAITERS; i++) {
		ok = ok && kill(pid[i], SIGCONT) == 0 && continued(pid[i]) &&
		    ends_without_sleeping(pid[i]) && exited_with(pid[i], 0);
		if (!ok)
			fprintf(stderr, "timed wait %d: slept again after its deadline\n", i);
	}
	for (i = 0; i < WAITERS; i++) {
		kill(pid[i], SIGKILL);
		waitpid(pid[i], NULL, 0);
		close(p[i][0]);
	}
	return ok;
}

int
check_jobctl(void)
{
	int bad = 0;

	bad |= stop_cont_read() ? pass("job_stop_cont") :
	    fail("job_stop_cont", "SIGSTOP/SIGCONT: WIFSTOPPED, WIFCONTINUED or the read's byte");
	bad |= default_stops(SIGTSTP) ? pass("job_tstp_stops") :
	    fail("job_tstp_stops", "SIGTSTP did not stop, or SIGKILL did not end the stopped child");
	bad |= default_stops(SIGTTIN) ? pass("job_ttin_stops") :
	    fail("job_ttin_stops", "SIGTTIN did not stop");
	bad |= default_stops(SIGTTOU) ? pass("job_ttou_stops") :
	    fail("job_ttou_stops", "SIGTTOU did not stop");
	bad |= term_waits_for_cont() ? pass("job_term_while_stopped") :
	    fail("job_term_while_stopped", "SIGTERM to a stopped child: not held until SIGCONT");
	bad |= sigchld_on_stop(0) ? pass("job_sigchld_on_stop") :
	    fail("job_sigchld_on_stop", "no SIGCHLD when the child stopped");
	bad |= sigchld_on_stop(SA_NOCLDSTOP) ? pass("job_nocldstop") :
	    fail("job_nocldstop", "SIGCHLD on a stop despite SA_NOCLDSTOP");
	bad |= cont_handler(0) ? pass("job_cont_handler") :
	    fail("job_cont_handler", "SIGCONT's handler did not run after the stop");
	bad |= cont_handler(1) ? pass("job_cont_blocked") :
	    fail("job_cont_blocked", "a blocked SIGCONT did not continue the child");
	bad |= stop_spinner() ? pass("job_stop_spinner") :
	    fail("job_stop_spinner", "a busy child did not stop, continue, stop and die");
	bad |= tty_bg_read(0) ? pass("job_tty_bg_read_ttin") :
	    fail("job_tty_bg_read_ttin", "a background read of the console was not stopped by SIGTTIN");
	bad |= tty_bg_read(1) ? pass("job_tty_bg_read_eio") :
	    fail("job_tty_bg_read_eio", "a background read ignoring SIGTTIN did not get EIO");
	bad |= tty_bg_change(0) ? pass("job_tty_tostop_ttou") :
	    fail("job_tty_tostop_ttou", "a background write with TOSTOP was not stopped by SIGTTOU");
	bad |= tty_bg_change(1) ? pass("job_tty_tostop_ignored") :
	    fail("job_tty_tostop_ignored", "a background write ignoring SIGTTOU did not go on");
	bad |= tty_bg_change(2) ? pass("job_tty_bg_write") :
	    fail("job_tty_bg_write", "a background write without TOSTOP did not go on");
	bad |= tty_bg_change(3) ? pass("job_tty_tcsetpgrp_ttou") :
	    fail("job_tty_tcsetpgrp_ttou", "tcsetpgrp from a background group: no SIGTTOU");
	bad |= tty_bg_change(4) ? pass("job_tty_tcsetattr_ttou") :
	    fail("job_tty_tcsetattr_ttou", "tcsetattr from a background group: no SIGTTOU");
	bad |= stopped_wait_keeps_deadline() ? pass("job_stopped_wait_deadline") :
	    fail("job_stopped_wait_deadline", "a sleep or poll stopped past its deadline waited again");
	bad |= orphaned_group_hangup() ? pass("job_orphaned_group_hup") :
	    fail("job_orphaned_group_hup", "a stopped group left orphaned did not get SIGHUP");
	bad |= self_stop() ? pass("job_self_stop") :
	    fail("job_self_stop", "raise(SIGTSTP) then kill(-pgrp, SIGCONT)");
	return bad;
}
