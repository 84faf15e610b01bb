/* ldisc.c - kernel: canonical and raw terminal input processing, echo and output post-processing */
/* SPDX-License-Identifier: MIT */
#include "abi/linux/errno.h"
#include "abi/linux/signal.h"
#include "lib/string.h"
#include "tty/ldisc.h"

#define CTRL(c)	((c) & 0x1f)
#define DEL	0x7f

void
ldisc_default_termios(struct lx_termios *t)
{
	static const uint8_t cc[LX_NCCS] = {
		[LX_VINTR] = CTRL('C'), [LX_VQUIT] = CTRL('\\'), [LX_VERASE] = DEL,
		[LX_VKILL] = CTRL('U'), [LX_VEOF] = CTRL('D'), [LX_VTIME] = 0, [LX_VMIN] = 1,
		[LX_VSTART] = CTRL('Q'), [LX_VSTOP] = CTRL('S'), [LX_VSUSP] = CTRL('Z'),
		[LX_VREPRINT] = CTRL('R'), [LX_VDISCARD] = CTRL('O'), [LX_VWERASE] = CTRL('W'),
		[LX_VLNEXT] = CTRL('V'),
	};

	memset(t, 0, sizeof(*t));
	t->c_iflag = LX_ICRNL | LX_IXON;
	t->c_oflag = LX_OPOST | LX_ONLCR;
	t->c_cflag = LX_B38400 | LX_CS8 | LX_CREAD | LX_HUPCL;
	t->c_lflag = LX_ISIG | LX_ICANON | LX_ECHO | LX_ECHOE | LX_ECHOK | LX_ECHOCTL |
	    LX_ECHOKE | LX_IEXTEN;
	memcpy(t->c_cc, cc, LX_NCCS);
}

void
ldisc_init(struct ldisc *ld, const struct ldisc_ops *ops)
{
	memset(ld, 0, sizeof(*ld));
	ldisc_default_termios(&ld->t);
	ld->ops = *ops;
	ring_init(&ld->in, ld->inbuf, LDISC_IN_CAP);
}

/* Output post-processing: with OPOST|ONLCR, "\n" becomes "\r\n". */
static void
put(struct ldisc *ld, const char *buf, size_t n)
{
	size_t i, start = 0;

	if (ld->ops.output == NULL)
		return;
	if (!(ld->t.c_oflag & LX_OPOST) || !(ld->t.c_oflag & LX_ONLCR)) {
		ld->ops.output(ld->ops.ctx, buf, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (buf[i] != '\n')
			continue;
		ld->ops.output(ld->ops.ctx, buf + start, i - start);
		ld->ops.output(ld->ops.ctx, "\r\n", 2);
		start = i + 1;
	}
	ld->ops.output(ld->ops.ctx, buf + start, n - start);
}

static int
lflag(const struct ldisc *ld, uint32_t f)
{
	return (ld->t.c_lflag & f) != 0;
}

/* Is c the (enabled) control character at index i? */
static int
is_cc(const struct ldisc *ld, unsigned char c, int i)
{
	return ld->t.c_cc[i] != 0 && c == ld->t.c_cc[i];
}

/* Control characters echo as ^X under ECHOCTL (but tab and newline as themselves). */
static int
echo_width(const struct ldisc *ld, unsigned char c)
{
	if (lflag(ld, LX_ECHOCTL) && (c < 0x20 || c == DEL) && c != '\t' && c != '\n')
		return 2;
	return 1;
}

static void
echo(struct ldisc *ld, unsigned char c)
{
	char ctl[2] = { '^', (char)(c == DEL ? '?' : c + '@') };

	if (echo_width(ld, c) == 2)
		put(ld, ctl, 2);
	else
		put(ld, (const char *)&c, 1);
}

/* Removes the last character of the line, visually too under ECHOE. */
static void
erase_one(struct ldisc *ld)
{
	unsigned char c;
	int w;

	if (ld->len == 0)
		return;
	c = (unsigned char)ld->line[--ld->len];
	if (!lflag(ld, LX_ECHO) || !lflag(ld, LX_ECHOE))
		return;
	for (w = echo_width(ld, c); w > 0; w--)
		put(ld, "\b \b", 3);
}

static void
kill_line(struct ldisc *ld, unsigned char c)
{
	if (lflag(ld, LX_ECHO) && lflag(ld, LX_ECHOKE) && lflag(ld, LX_ECHOE)) {
		while (ld->len > 0)
			erase_one(ld);
		return;
	}
	ld->len = 0;
	if (lflag(ld, LX_ECHO)) {
		echo(ld, c);
		if (lflag(ld, LX_ECHOK))
			put(ld, "\n", 1);
	}
}

/* ^W: erase trailing blanks, then the word before them. */
static void
erase_word(struct ldisc *ld)
{
	while (ld->len > 0 && (ld->line[ld->len - 1] == ' ' || ld->line[ld->len - 1] == '\t'))
		erase_one(ld);
	while (ld->len > 0 && ld->line[ld->len - 1] != ' ' && ld->line[ld->len - 1] != '\t')
		erase_one(ld);
}

/* Moves the edited line to the readable bytes as one line (possibly empty: EOF). */
static void
finish_line(struct ldisc *ld)
{
	if (ld->lhead - ld->ltail == LDISC_MAX_LINES || ring_space(&ld->in) < ld->len) {
		ld->len = 0;		/* reader is not keeping up: drop, as a full n_tty does */
		return;
	}
	ring_write(&ld->in, ld->line, (uint32_t)ld->len);
	ld->linelen[ld->lhead++ % LDISC_MAX_LINES] = (uint16_t)ld->len;
	ld->len = 0;
	if (ld->ops.wake != NULL)
		ld->ops.wake(ld->ops.ctx);
}

void
ldisc_flush_input(struct ldisc *ld)
{
	ld->len = 0;
	ld->in.tail = ld->in.head;
	ld->ltail = ld->lhead;
}

/* ISIG characters: returns 1 if c was one (and was acted on). */
static int
do_signal(struct ldisc *ld, unsigned char c)
{
	int sig;

	if (!lflag(ld, LX_ISIG))
		return 0;
	if (is_cc(ld, c, LX_VINTR))
		sig = LX_SIGINT;
	else if (is_cc(ld, c, LX_VQUIT))
		sig = LX_SIGQUIT;
	else if (is_cc(ld, c, LX_VSUSP))
		sig = LX_SIGTSTP;
	else
		return 0;
	if (!lflag(ld, LX_NOFLSH))
		ldisc_flush_input(ld);
	if (lflag(ld, LX_ECHO))
		echo(ld, c);
	if (ld->ops.signal != NULL)
		ld->ops.signal(ld->ops.ctx, sig);
	return 1;
}

/* Canonical mode: line editing; the line is readable once it ends. */
static void
canonical(struct ldisc *ld, unsigned char c)
{
	if (is_cc(ld, c, LX_VERASE)) {
		erase_one(ld);
	} else if (is_cc(ld, c, LX_VKILL)) {
		kill_line(ld, c);
	} else if (lflag(ld, LX_IEXTEN) && is_cc(ld, c, LX_VWERASE)) {
		erase_word(ld);
	} else if (is_cc(ld, c, LX_VEOF)) {
		finish_line(ld);	/* not stored, not echoed: read returns what is there */
	} else if (c == '\n' || is_cc(ld, c, LX_VEOL) || is_cc(ld, c, LX_VEOL2)) {
		if (lflag(ld, LX_ECHO) || (c == '\n' && lflag(ld, LX_ECHONL)))
			echo(ld, c);
		ld->line[ld->len++] = (char)c;	/* len < LDISC_LINE_MAX always holds one more */
		finish_line(ld);
	} else if (ld->len < LDISC_LINE_MAX - 1) {
		ld->line[ld->len++] = (char)c;
		if (lflag(ld, LX_ECHO))
			echo(ld, c);
	}
}

static void
raw(struct ldisc *ld, unsigned char c)
{
	if (ring_write(&ld->in, &c, 1) == 0)
		return;
	if (lflag(ld, LX_ECHO))
		echo(ld, c);
	if (ld->ops.wake != NULL)
		ld->ops.wake(ld->ops.ctx);
}

void
ldisc_input(struct ldisc *ld, const char *buf, size_t n)
{
	unsigned char c;
	size_t i;

	for (i = 0; i < n; i++) {
		c = (unsigned char)buf[i];
		if (ld->t.c_iflag & LX_ISTRIP)
			c &= 0x7f;
		if (c == '\r') {
			if (ld->t.c_iflag & LX_IGNCR)
				continue;
			if (ld->t.c_iflag & LX_ICRNL)
				c = '\n';
		} else if (c == '\n' && (ld->t.c_iflag & LX_INLCR)) {
			c = '\r';
		}
		if (do_signal(ld, c))
			continue;
		if (lflag(ld, LX_ICANON))
			canonical(ld, c);
		else
			raw(ld, c);
	}
}

static long
read_canonical(struct ldisc *ld, char *buf, size_t n)
{
	uint16_t *left;
	uint32_t k;

	if (ld->lhead == ld->ltail)
		return -LX_EAGAIN;
	left = &ld->linelen[ld->ltail % LDISC_MAX_LINES];
	k = ring_read(&ld->in, buf, n < *left ? (uint32_t)n : *left);
	*left -= (uint16_t)k;
	if (*left == 0)
		ld->ltail++;
	return (long)k;
}

long
ldisc_read(struct ldisc *ld, char *buf, size_t n, int timed_out)
{
	uint32_t avail = ring_used(&ld->in), vmin = ld->t.c_cc[LX_VMIN];
	uint32_t want = n < vmin ? (uint32_t)n : vmin;

	if (n == 0)
		return 0;
	if (lflag(ld, LX_ICANON))
		return read_canonical(ld, buf, n);
	if (avail == 0 && (timed_out || (vmin == 0 && ld->t.c_cc[LX_VTIME] == 0)))
		return 0;
	if (avail == 0 || (avail < want && !timed_out))
		return -LX_EAGAIN;
	return (long)ring_read(&ld->in, buf, n > avail ? avail : (uint32_t)n);
}

long
ldisc_write(struct ldisc *ld, const char *buf, size_t n)
{
	put(ld, buf, n);
	return (long)n;
}

void
ldisc_set_termios(struct ldisc *ld, const struct lx_termios *t)
{
	int was_canon = lflag(ld, LX_ICANON);

	ld->t = *t;
	if (was_canon && !lflag(ld, LX_ICANON)) {
		/* Everything typed so far becomes plain readable bytes. */
		ring_write(&ld->in, ld->line, (uint32_t)ld->len);
		ld->len = 0;
		ld->ltail = ld->lhead;
	} else if (!was_canon && lflag(ld, LX_ICANON) && ring_used(&ld->in) > 0) {
		/* Raw bytes not yet read form one line, so they stay readable. */
		ld->linelen[ld->lhead++ % LDISC_MAX_LINES] = (uint16_t)ring_used(&ld->in);
	}
}

size_t
ldisc_readable(const struct ldisc *ld)
{
	if (lflag(ld, LX_ICANON))
		return ld->lhead == ld->ltail ? 0 : ld->linelen[ld->ltail % LDISC_MAX_LINES];
	return ring_used(&ld->in);
}
