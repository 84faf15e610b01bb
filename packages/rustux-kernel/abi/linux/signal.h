/* signal.h - Linux x86_64 signal numbers, sigaction layout and flags, wait options */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_ABI_LINUX_SIGNAL_H
#define RUSTUX_ABI_LINUX_SIGNAL_H

#include <stdint.h>

#define LX_SIGHUP	1
#define LX_SIGINT	2
#define LX_SIGQUIT	3
#define LX_SIGILL	4
#define LX_SIGTRAP	5
#define LX_SIGABRT	6
#define LX_SIGBUS	7
#define LX_SIGFPE	8
#define LX_SIGKILL	9
#define LX_SIGUSR1	10
#define LX_SIGSEGV	11
#define LX_SIGUSR2	12
#define LX_SIGPIPE	13
#define LX_SIGALRM	14
#define LX_SIGTERM	15
#define LX_SIGSTKFLT	16
#define LX_SIGCHLD	17
#define LX_SIGCONT	18
#define LX_SIGSTOP	19
#define LX_SIGTSTP	20
#define LX_SIGTTIN	21
#define LX_SIGTTOU	22
#define LX_SIGURG	23
#define LX_SIGXCPU	24
#define LX_SIGXFSZ	25
#define LX_SIGVTALRM	26
#define LX_SIGPROF	27
#define LX_SIGWINCH	28
#define LX_SIGIO	29
#define LX_SIGPWR	30
#define LX_SIGSYS	31
#define LX_SIGRTMIN	32
#define LX_NSIG		64	/* signals are 1..64; a sigset_t is 8 bytes */

#define LX_SIG_DFL	0
#define LX_SIG_IGN	1

#define LX_SIG_BLOCK	0
#define LX_SIG_UNBLOCK	1
#define LX_SIG_SETMASK	2

#define LX_SA_NOCLDSTOP	0x00000001u
#define LX_SA_NOCLDWAIT	0x00000002u
#define LX_SA_SIGINFO	0x00000004u
#define LX_SA_RESTORER	0x04000000u
#define LX_SA_ONSTACK	0x08000000u
#define LX_SA_RESTART	0x10000000u
#define LX_SA_NODEFER	0x40000000u
#define LX_SA_RESETHAND	0x80000000u

#define LX_SS_ONSTACK	1
#define LX_SS_DISABLE	2

/* The kernel's struct sigaction on x86_64 (what rt_sigaction copies). */
struct lx_sigaction {
	uint64_t	handler;	/* or SIG_DFL, SIG_IGN */
	uint64_t	flags;		/* LX_SA_* */
	uint64_t	restorer;
	uint64_t	mask;
};

/* wait4(2) options. */
#define LX_WNOHANG	0x00000001
#define LX_WUNTRACED	0x00000002
#define LX_WSTOPPED	0x00000002
#define LX_WEXITED	0x00000004
#define LX_WCONTINUED	0x00000008
#define LX_WNOWAIT	0x01000000

/* wait status encoding: exit code << 8, or the signal in the low 7 bits. */
#define LX_W_EXITCODE(code, sig)	((((code) & 0xff) << 8) | ((sig) & 0x7f))
#define LX_W_STOPCODE(sig)		((((sig) & 0xff) << 8) | 0x7f)
#define LX_WCOREFLAG			0x80

#endif
