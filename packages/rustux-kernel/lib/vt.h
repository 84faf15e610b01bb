/* vt.h - kernel: a text terminal model with the ANSI escapes a shell uses (pure) */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_LIB_VT_H
#define RUSTUX_LIB_VT_H

#include <stddef.h>
#include <stdint.h>

#define VT_MAX_ROWS	256
#define VT_MAX_PARAMS	8

/* Colours are the 16 ANSI colours: 0-7 normal, 8-15 bright. */
struct vt_cell {
	uint8_t ch;
	uint8_t fg;
	uint8_t bg;
};

/*
 * The grid and cursor. A renderer (fbcon) first scrolls its pixels up by
 * `scrolled` rows, then draws columns [dirty_lo, dirty_hi) of every row
 * marked dirty, then calls vt_clean().
 * Understands: printable ASCII, \r \n \b \t, ESC c, and CSI sequences
 * A B C D (move), H f (position), J (erase display 0/1/2), K (erase line
 * 0/1/2), m (SGR 0 1 22 7 27 30-37 39 40-47 49 90-97 100-107), s u
 * (save/restore cursor). Anything else is consumed and ignored.
 */
struct vt {
	struct vt_cell *cells;	/* cols * rows, caller-owned */
	int cols, rows;
	int cx, cy;		/* cursor */
	int saved_cx, saved_cy;
	uint8_t fg, bg, bold, reverse;
	int state;		/* escape parser state */
	int params[VT_MAX_PARAMS];
	int nparams;
	unsigned scrolled;	/* rows scrolled since the last vt_clean */
	uint8_t dirty[VT_MAX_ROWS];
	uint16_t dirty_lo[VT_MAX_ROWS];	/* changed columns of a dirty row: [lo, hi) */
	uint16_t dirty_hi[VT_MAX_ROWS];
};

/* Sets up a blank grid; rows is clamped to VT_MAX_ROWS. */
void	vt_init(struct vt *vt, struct vt_cell *cells, int cols, int rows);
void	vt_write(struct vt *vt, const char *s, size_t n);
void	vt_clean(struct vt *vt);
static inline struct vt_cell *
vt_at(struct vt *vt, int x, int y)
{
	return &vt->cells[y * vt->cols + x];
}

#endif
