/* ldisc_test.c - unit tests of tty/ldisc.c: editing, echo, signals, EOF, raw mode, ONLCR */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "abi/linux/signal.h"
#include "t.h"
#include "tty/ldisc.h"

static struct ldisc ld;
static char screen[1024];
static size_t slen;
static int last_sig, nsig, nwake;

static void
out(void *ctx, const char *buf, size_t n)
{
	(void)ctx;
	memcpy(screen + slen, buf, n);
	slen += n;
	screen[slen] = '\0';
}

static void
sig(void *ctx, int s)
{
	(void)ctx;
	last_sig = s;
	nsig++;
}

static void
wake(void *ctx)
{
	(void)ctx;
	nwake++;
}

static void
setup(void)
{
	static const struct ldisc_ops ops = { out, sig, wake, NULL };

	ldisc_init(&ld, &ops);
	slen = 0;
	screen[0] = '\0';
	nsig = nwake = last_sig = 0;
}

static void
type(const char *s)
{
	ldisc_input(&ld, s, strlen(s));
}

/* Reads one result into a static string ("EAGAIN" when nothing is readable). */
static const char *
rd(size_t n)
{
	static char buf[256];
	long r = ldisc_read(&ld, buf, n, 0);

	if (r == -LX_EAGAIN)
		return "EAGAIN";
	buf[r < 0 ? 0 : r] = '\0';
	return buf;
}

T_TEST(lines_are_readable_when_complete)
{
	setup();
	type("ls -l");
	T_EXPECT_STR_EQ(rd(100), "EAGAIN");
	T_EXPECT_EQ(ldisc_readable(&ld), 0);
	type("\r");				/* ICRNL: Enter sends CR */
	T_EXPECT_EQ(nwake, 1);
	T_EXPECT_EQ(ldisc_readable(&ld), 6);
	T_EXPECT_STR_EQ(screen, "ls -l\r\n");	/* echo, ONLCR */
	T_EXPECT_STR_EQ(rd(100), "ls -l\n");
	T_EXPECT_STR_EQ(rd(100), "EAGAIN");
}

T_TEST(read_returns_one_line_at_a_time)
{
	setup();
	type("one\ntwo\n");
	T_EXPECT_STR_EQ(rd(2), "on");
	T_EXPECT_STR_EQ(rd(100), "e\n");
	T_EXPECT_STR_EQ(rd(100), "two\n");
}

T_TEST(backspace_kill_and_word_erase)
{
	setup();
	type("helo\177\177llo");
	T_EXPECT_STR_EQ(screen, "helo\b \b\b \bllo");
	type("\n");
	T_EXPECT_STR_EQ(rd(100), "hello\n");
	slen = 0;
	type("garbage\025ok\n");		/* ^U */
	T_EXPECT_STR_EQ(rd(100), "ok\n");
	type("rm -rf tmp\027\027x\n");		/* ^W twice */
	T_EXPECT_STR_EQ(rd(100), "rm x\n");
	type("\177\177\n");			/* erasing an empty line is harmless */
	T_EXPECT_STR_EQ(rd(100), "\n");
}

T_TEST(control_characters_echo_as_caret)
{
	setup();
	type("a\001b\177\177");
	T_EXPECT_STR_EQ(screen, "a^Ab\b \b\b \b\b \b");	/* ^A takes two columns */
}

T_TEST(ctrl_c_signals_and_flushes)
{
	setup();
	type("half a line\003");
	T_EXPECT_EQ(nsig, 1);
	T_EXPECT_EQ(last_sig, LX_SIGINT);
	T_EXPECT(strstr(screen, "^C") != NULL);
	type("\n");
	T_EXPECT_STR_EQ(rd(100), "\n");		/* the half line is gone */
	type("\034");
	T_EXPECT_EQ(last_sig, LX_SIGQUIT);
	type("\032");
	T_EXPECT_EQ(last_sig, LX_SIGTSTP);
	ld.t.c_lflag &= ~(uint32_t)LX_ISIG;
	type("\003\n");
	T_EXPECT_EQ(nsig, 3);
	T_EXPECT_STR_EQ(rd(100), "\003\n");
}

T_TEST(ctrl_d_is_eof_on_an_empty_line)
{
	setup();
	type("\004");
	T_EXPECT_EQ(ldisc_read(&ld, screen, 10, 0), 0);	/* EOF */
	T_EXPECT_STR_EQ(rd(100), "EAGAIN");
	type("abc\004");
	T_EXPECT_STR_EQ(rd(100), "abc");		/* pushed without a newline */
	T_EXPECT_STR_EQ(rd(100), "EAGAIN");
}

T_TEST(no_echo_mode)
{
	setup();
	ld.t.c_lflag &= ~(uint32_t)LX_ECHO;
	type("secret\n");
	T_EXPECT_EQ(slen, 0);
	T_EXPECT_STR_EQ(rd(100), "secret\n");
	ld.t.c_lflag |= LX_ECHONL;
	type("x\n");
	T_EXPECT_STR_EQ(screen, "\r\n");
}

T_TEST(raw_mode_vmin_vtime)
{
	struct lx_termios t;

	setup();
	type("partial");
	t = ld.t;
	t.c_lflag &= ~(uint32_t)(LX_ICANON | LX_ECHO);
	t.c_cc[LX_VMIN] = 1;
	ldisc_set_termios(&ld, &t);
	slen = 0;
	T_EXPECT_STR_EQ(rd(3), "par");			/* the edited line became bytes */
	T_EXPECT_STR_EQ(rd(100), "tial");
	T_EXPECT_STR_EQ(rd(100), "EAGAIN");
	type("\033[A");					/* an arrow key, byte by byte */
	T_EXPECT_STR_EQ(rd(100), "\033[A");
	t.c_cc[LX_VMIN] = 4;
	ldisc_set_termios(&ld, &t);
	type("ab");
	T_EXPECT_STR_EQ(rd(100), "EAGAIN");		/* fewer than VMIN */
	T_EXPECT_EQ(ldisc_read(&ld, screen, 100, 1), 2);	/* VTIME ran out */
	t.c_cc[LX_VMIN] = 0;
	t.c_cc[LX_VTIME] = 0;
	ldisc_set_termios(&ld, &t);
	T_EXPECT_EQ(ldisc_read(&ld, screen, 100, 0), 0);	/* polling read */
	type("\r");
	T_EXPECT_STR_EQ(rd(100), "\n");			/* ICRNL still applies */
	T_EXPECT_EQ(slen, 0);
}

T_TEST(output_onlcr_and_opost_off)
{
	setup();
	T_EXPECT_EQ(ldisc_write(&ld, "a\nb\n", 4), 4);
	T_EXPECT_STR_EQ(screen, "a\r\nb\r\n");
	slen = 0;
	ld.t.c_oflag &= ~(uint32_t)LX_OPOST;
	ldisc_write(&ld, "a\nb", 3);
	T_EXPECT_STR_EQ(screen, "a\nb");
}

T_TEST(default_termios_matches_linux)
{
	struct lx_termios t;

	ldisc_default_termios(&t);
	T_EXPECT_EQ(t.c_iflag, 0x500);		/* what `stty -g` shows on a fresh Linux tty */
	T_EXPECT_EQ(t.c_oflag, 0x5);
	T_EXPECT_EQ(t.c_lflag, 0x8a3b);
	T_EXPECT_EQ(t.c_cc[LX_VERASE], 0x7f);
	T_EXPECT_EQ(t.c_cc[LX_VMIN], 1);
}

T_TEST(long_lines_stop_at_the_limit)
{
	static char buf[LDISC_LINE_MAX + 100];

	setup();
	ld.t.c_lflag &= ~(uint32_t)LX_ECHO;
	memset(buf, 'x', sizeof(buf));
	ldisc_input(&ld, buf, sizeof(buf));
	type("\n");
	T_EXPECT_EQ(ldisc_read(&ld, buf, sizeof(buf), 0), LDISC_LINE_MAX);
	T_EXPECT_EQ(buf[LDISC_LINE_MAX - 1], '\n');
}
