/* termios.h - Linux x86_64 kernel struct termios, its flags, and the tty ioctls */
/* SPDX-License-Identifier: MIT */
/*
 * This is the kernel's struct termios (asm/termbits.h, 36 bytes, NCCS 19),
 * which TCGETS/TCSETS copy; libc's struct termios is larger and libc
 * converts.
 */
#ifndef RUSTUX_ABI_LINUX_TERMIOS_H
#define RUSTUX_ABI_LINUX_TERMIOS_H

#include <stdint.h>

#define LX_NCCS	19

struct lx_termios {
	uint32_t	c_iflag;
	uint32_t	c_oflag;
	uint32_t	c_cflag;
	uint32_t	c_lflag;
	uint8_t		c_line;
	uint8_t		c_cc[LX_NCCS];
};

struct lx_winsize {
	uint16_t	ws_row;
	uint16_t	ws_col;
	uint16_t	ws_xpixel;
	uint16_t	ws_ypixel;
};

/* c_cc indices. */
#define LX_VINTR	0
#define LX_VQUIT	1
#define LX_VERASE	2
#define LX_VKILL	3
#define LX_VEOF		4
#define LX_VTIME	5
#define LX_VMIN		6
#define LX_VSWTC	7
#define LX_VSTART	8
#define LX_VSTOP	9
#define LX_VSUSP	10
#define LX_VEOL		11
#define LX_VREPRINT	12
#define LX_VDISCARD	13
#define LX_VWERASE	14
#define LX_VLNEXT	15
#define LX_VEOL2	16

/* c_iflag. */
#define LX_IGNBRK	0000001
#define LX_BRKINT	0000002
#define LX_IGNPAR	0000004
#define LX_PARMRK	0000010
#define LX_INPCK	0000020
#define LX_ISTRIP	0000040
#define LX_INLCR	0000100
#define LX_IGNCR	0000200
#define LX_ICRNL	0000400
#define LX_IXON		0002000
#define LX_IXANY	0004000
#define LX_IXOFF	0010000
#define LX_IMAXBEL	0020000
#define LX_IUTF8	0040000

/* c_oflag. */
#define LX_OPOST	0000001
#define LX_ONLCR	0000004
#define LX_OCRNL	0000010
#define LX_ONOCR	0000020
#define LX_ONLRET	0000040

/* c_cflag. */
#define LX_CBAUD	0010017
#define LX_B38400	0000017
#define LX_B115200	0010002
#define LX_CSIZE	0000060
#define LX_CS8		0000060
#define LX_CSTOPB	0000100
#define LX_CREAD	0000200
#define LX_PARENB	0000400
#define LX_HUPCL	0002000
#define LX_CLOCAL	0004000

/* c_lflag. */
#define LX_ISIG		0000001
#define LX_ICANON	0000002
#define LX_ECHO		0000010
#define LX_ECHOE	0000020
#define LX_ECHOK	0000040
#define LX_ECHONL	0000100
#define LX_NOFLSH	0000200
#define LX_TOSTOP	0000400
#define LX_ECHOCTL	0001000
#define LX_ECHOKE	0004000
#define LX_IEXTEN	0100000

/* ioctl(2) requests on terminals (asm-generic/ioctls.h). */
#define LX_TCGETS	0x5401
#define LX_TCSETS	0x5402
#define LX_TCSETSW	0x5403
#define LX_TCSETSF	0x5404
#define LX_TIOCSCTTY	0x540E
#define LX_TIOCGPGRP	0x540F
#define LX_TIOCSPGRP	0x5410
#define LX_TIOCGWINSZ	0x5413
#define LX_TIOCSWINSZ	0x5414
#define LX_FIONREAD	0x541B
#define LX_FIONBIO	0x5421
#define LX_TIOCNOTTY	0x5422
#define LX_TIOCGSID	0x5429

#endif
