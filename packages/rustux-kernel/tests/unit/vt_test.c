/* vt_test.c - kernel unit tests: lib/vt.c, the console's terminal model */
/* SPDX-License-Identifier: MIT */
#include "lib/vt.h"
#include "t.h"

static struct vt_cell cells[10 * 4];
static struct vt vt;

static void
w(const char *s)
{
	vt_write(&vt, s, strlen(s));
}

static char
at(int x, int y)
{
	return (char)vt_at(&vt, x, y)->ch;
}

T_TEST(vt_prints_wraps_and_scrolls)
{
	vt_init(&vt, cells, 10, 4);
	vt_clean(&vt);
	w("hello");
	T_EXPECT_EQ(at(0, 0), 'h');
	T_EXPECT_EQ(vt.cx, 5);
	T_EXPECT(vt.dirty[0] && !vt.dirty[1]);
	T_EXPECT_EQ(vt.dirty_lo[0], 0);
	T_EXPECT_EQ(vt.dirty_hi[0], 5);
	w("\n1\n2\n3\n4");
	T_EXPECT_EQ(vt.scrolled, 1);
	T_EXPECT_EQ(at(0, 0), '1');
	T_EXPECT_EQ(at(0, 3), '4');
	w("abcdefghijXY");
	T_EXPECT_EQ(vt.cy, 3);
	T_EXPECT_EQ(at(0, 3), 'j');
	T_EXPECT_EQ(at(1, 3), 'X');
	T_EXPECT_EQ(at(9, 2), 'i');
	T_EXPECT_EQ(vt.scrolled, 2);
}

T_TEST(vt_cursor_movement_and_erase)
{
	vt_init(&vt, cells, 10, 4);
	w("\x1b[2;3HA");
	T_EXPECT_EQ(at(2, 1), 'A');
	w("\x1b[A\x1b[2DB");
	T_EXPECT_EQ(at(1, 0), 'B');
	w("\x1b[99;99HZ");
	T_EXPECT_EQ(at(9, 3), 'Z');
	w("\x1b[2J");
	T_EXPECT_EQ(at(9, 3), ' ');
	T_EXPECT_EQ(at(2, 1), ' ');
	w("\x1b[Hxyz\x1b[1;2H\x1b[K");
	T_EXPECT_EQ(at(0, 0), 'x');
	T_EXPECT_EQ(at(1, 0), ' ');
	w("\x1b[s\x1b[4;1Hq\x1b[ur");
	T_EXPECT_EQ(at(0, 3), 'q');
	T_EXPECT_EQ(at(1, 0), 'r');
}

T_TEST(vt_colours_and_unknown_sequences)
{
	vt_init(&vt, cells, 10, 4);
	w("\x1b[1;31mR\x1b[0m\x1b[44mB\x1b[7mV\x1b[m\x1b[?25l\x1b[92mG");
	T_EXPECT_EQ(vt_at(&vt, 0, 0)->fg, 9);
	T_EXPECT_EQ(vt_at(&vt, 1, 0)->bg, 4);
	T_EXPECT_EQ(vt_at(&vt, 2, 0)->fg, 4);
	T_EXPECT_EQ(vt_at(&vt, 2, 0)->bg, 7);
	T_EXPECT_EQ(at(3, 0), 'G');
	T_EXPECT_EQ(vt_at(&vt, 3, 0)->fg, 10);
	w("\x1b" "c");
	T_EXPECT_EQ(at(0, 0), ' ');
	T_EXPECT_EQ(vt.cx, 0);
}

T_TEST(vt_survives_hostile_parameters)
{
	vt_init(&vt, cells, 10, 4);
	w("\x1b[99999999999;;;;;;;;;;;;;;;;;;;;;;;;;;;9H\x1b[9999A\x1b[9999C\x1b[9999B\x1b[9999D!");
	T_EXPECT_EQ(at(0, 3), '!');
	w("\b\b\b\t\t\t\t\tX");
	T_EXPECT(vt.cy >= 0 && vt.cy < 4);
}
