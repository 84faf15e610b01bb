/* ps2kbd.c - kernel: the i8042 PS/2 keyboard on IRQ 1, scancode set 1 -> terminal bytes */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "arch/irq.h"
#include "arch/x86_64/x86.h"
#include "drivers/console_tty.h"

#define KBD_DATA	0x60
#define KBD_STATUS	0x64	/* read: status; write: controller command */
#define ST_OUT_FULL	0x01
#define ST_IN_FULL	0x02
#define ST_AUX		0x20	/* the byte is from the mouse port */
#define CMD_READ_CFG	0x20
#define CMD_WRITE_CFG	0x60
#define CMD_ENABLE_KBD	0xae
#define CFG_IRQ1	0x01
#define CFG_KBD_OFF	0x10
#define KBD_IRQ		1
#define SPINS		100000

#define SC_RELEASE	0x80
#define SC_EXTENDED	0xe0
#define SC_LSHIFT	0x2a
#define SC_RSHIFT	0x36
#define SC_CTRL		0x1d
#define SC_ALT		0x38
#define SC_CAPS		0x3a

/* US layout, scancode set 1 (the i8042 translates to it): unshifted and shifted. */
static const char plain[0x54] =
    "\0\0331234567890-=\177\tqwertyuiop[]\r\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 \0"
    "\0\0\0\0\0\0\0\0\0\0\0\0" "789-456+1230.";
static const char shifted[0x54] =
    "\0\033!@#$%^&*()_+\177\tQWERTYUIOP{}\r\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 \0"
    "\0\0\0\0\0\0\0\0\0\0\0\0" "789-456+1230.";

/* Keys after the 0xe0 prefix that send ANSI escape sequences. */
static const struct {
	uint8_t		 code;
	const char	*seq;
} extended[] = {
	{ 0x48, "\033[A" }, { 0x50, "\033[B" }, { 0x4d, "\033[C" }, { 0x4b, "\033[D" },
	{ 0x47, "\033[H" }, { 0x4f, "\033[F" }, { 0x53, "\033[3~" }, { 0x49, "\033[5~" },
	{ 0x51, "\033[6~" }, { 0x52, "\033[2~" }, { 0x1c, "\r" }, { 0x35, "/" },
};

static struct {
	int	shift, ctrl, caps, ext;
} kb;

static size_t
copy_seq(const char *seq, char *out)
{
	size_t n = 0;

	while (seq[n] != '\0') {
		out[n] = seq[n];
		n++;
	}
	return n;
}

/* Modifier keys update the state; returns 1 if sc was one. */
static int
modifier(uint8_t key, int down)
{
	switch (key) {
	case SC_LSHIFT: case SC_RSHIFT:
		kb.shift = down;
		return 1;
	case SC_CTRL:
		kb.ctrl = down;
		return 1;
	case SC_ALT:
		return 1;
	case SC_CAPS:
		kb.caps ^= down;
		return 1;
	default:
		return 0;
	}
}

/* One scancode byte -> up to 4 bytes in out; returns how many. */
static size_t
translate(uint8_t sc, char *out)
{
	uint8_t key = sc & ~SC_RELEASE;
	int down = !(sc & SC_RELEASE), ext = kb.ext;
	char c;

	if (sc == SC_EXTENDED) {
		kb.ext = 1;
		return 0;
	}
	kb.ext = 0;
	if (modifier(key, down) || !down) {
		return 0;
	}
	if (ext) {
		for (size_t i = 0; i < sizeof(extended) / sizeof(extended[0]); i++) {
			if (extended[i].code == key) {
				return copy_seq(extended[i].seq, out);
			}
		}
		return 0;
	}
	if (key >= sizeof(plain) || (c = (kb.shift ? shifted : plain)[key]) == '\0') {
		return 0;
	}
	if (kb.caps && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
		c ^= 0x20;
	}
	if (kb.ctrl && ((c >= '@' && c <= '_') || (c >= 'a' && c <= 'z'))) {
		c &= 0x1f;
	}
	out[0] = c;
	return 1;
}

static void
kbd_irq(void *arg)
{
	char out[8];
	size_t n;
	uint8_t st;

	(void)arg;
	while ((st = inb(KBD_STATUS)) & ST_OUT_FULL) {
		uint8_t sc = inb(KBD_DATA);

		if (st & ST_AUX) {
			continue;
		}
		if ((n = translate(sc, out)) > 0) {
			console_tty_input(out, n);
		}
	}
}

static int
wait_writable(void)
{
	for (int i = 0; i < SPINS; i++) {
		if (!(inb(KBD_STATUS) & ST_IN_FULL)) {
			return 0;
		}
	}
	return -1;
}

static int
wait_readable(void)
{
	for (int i = 0; i < SPINS; i++) {
		if (inb(KBD_STATUS) & ST_OUT_FULL) {
			return 0;
		}
	}
	return -1;
}

static void
drain(void)
{
	for (int i = 0; i < 64 && (inb(KBD_STATUS) & ST_OUT_FULL); i++) {
		(void)inb(KBD_DATA);
	}
}

/* Turns on the keyboard port and its interrupt, keeping translation as the firmware left it. */
static int
controller_setup(void)
{
	uint8_t cfg;

	drain();
	if (wait_writable() != 0) {
		return -1;
	}
	outb(KBD_STATUS, CMD_READ_CFG);
	if (wait_readable() != 0) {
		return -1;
	}
	cfg = (inb(KBD_DATA) | CFG_IRQ1) & ~CFG_KBD_OFF;
	if (wait_writable() != 0) {
		return -1;
	}
	outb(KBD_STATUS, CMD_WRITE_CFG);
	if (wait_writable() != 0) {
		return -1;
	}
	outb(KBD_DATA, cfg);
	if (wait_writable() != 0) {
		return -1;
	}
	outb(KBD_STATUS, CMD_ENABLE_KBD);
	drain();
	return 0;
}

int
ps2kbd_start(void)
{
	if (inb(KBD_STATUS) == 0xff || controller_setup() != 0) {
		return -1;	/* no controller */
	}
	return arch_irq_attach(KBD_IRQ, kbd_irq, NULL) == 0 ? 0 : -1;
}
