/* vt.c - kernel: the terminal model: grid, cursor, scrolling, ANSI escape parser */
/* SPDX-License-Identifier: MIT */
#include "lib/string.h"
#include "lib/vt.h"

#define ST_NORMAL	0
#define ST_ESC		1
#define ST_CSI		2

#define DEFAULT_FG	7
#define DEFAULT_BG	0

/* Records that columns [x0, x1) of row y changed. */
static void
mark(struct vt *vt, int x0, int x1, int y)
{
	if (y < 0 || y >= vt->rows || x0 >= x1) {
		return;
	}
	if (!vt->dirty[y]) {
		vt->dirty[y] = 1;
		vt->dirty_lo[y] = (uint16_t)x0;
		vt->dirty_hi[y] = (uint16_t)x1;
		return;
	}
	if (x0 < vt->dirty_lo[y]) {
		vt->dirty_lo[y] = (uint16_t)x0;
	}
	if (x1 > vt->dirty_hi[y]) {
		vt->dirty_hi[y] = (uint16_t)x1;
	}
}

static void
blank(struct vt *vt, int x0, int y, int x1)
{
	for (int x = x0; x < x1; x++) {
		struct vt_cell *c = vt_at(vt, x, y);

		c->ch = ' ';
		c->fg = vt->fg;
		c->bg = vt->bg;
	}
	mark(vt, x0, x1, y);
}

void
vt_init(struct vt *vt, struct vt_cell *cells, int cols, int rows)
{
	memset(vt, 0, sizeof(*vt));
	vt->cells = cells;
	vt->cols = cols;
	vt->rows = rows > VT_MAX_ROWS ? VT_MAX_ROWS : rows;
	vt->fg = DEFAULT_FG;
	vt->bg = DEFAULT_BG;
	for (int y = 0; y < vt->rows; y++) {
		blank(vt, 0, y, vt->cols);
	}
}

void
vt_clean(struct vt *vt)
{
	vt->scrolled = 0;
	memset(vt->dirty, 0, sizeof(vt->dirty));
}

static void
scroll_up(struct vt *vt)
{
	memmove(vt->cells, vt->cells + vt->cols,
	    (size_t)(vt->rows - 1) * (size_t)vt->cols * sizeof(struct vt_cell));
	/* Rows move with the pixels, so their dirty marks move too. */
	memmove(vt->dirty, vt->dirty + 1, (size_t)vt->rows - 1);
	memmove(vt->dirty_lo, vt->dirty_lo + 1, ((size_t)vt->rows - 1) * sizeof(uint16_t));
	memmove(vt->dirty_hi, vt->dirty_hi + 1, ((size_t)vt->rows - 1) * sizeof(uint16_t));
	vt->dirty[vt->rows - 1] = 0;
	blank(vt, 0, vt->rows - 1, vt->cols);
	vt->scrolled++;
}

static void
newline(struct vt *vt)
{
	if (++vt->cy >= vt->rows) {
		vt->cy = vt->rows - 1;
		scroll_up(vt);
	}
}

static void
put_char(struct vt *vt, char ch)
{
	struct vt_cell *c;

	if (vt->cx >= vt->cols) {
		vt->cx = 0;
		newline(vt);
	}
	c = vt_at(vt, vt->cx, vt->cy);
	c->ch = (uint8_t)ch;
	c->fg = (uint8_t)((vt->reverse ? vt->bg : vt->fg) | (vt->bold ? 8 : 0));
	c->bg = vt->reverse ? vt->fg : vt->bg;
	mark(vt, vt->cx, vt->cx + 1, vt->cy);
	vt->cx++;
}

static int
param(const struct vt *vt, int i, int def)
{
	return i < vt->nparams && vt->params[i] > 0 ? vt->params[i] : def;
}

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : (v > hi ? hi : v);
}

static void
sgr(struct vt *vt)
{
	if (vt->nparams == 0) {
		vt->nparams = 1;
		vt->params[0] = 0;
	}
	for (int i = 0; i < vt->nparams; i++) {
		int p = vt->params[i];

		if (p == 0) {
			vt->fg = DEFAULT_FG;
			vt->bg = DEFAULT_BG;
			vt->bold = vt->reverse = 0;
		} else if (p == 1) {
			vt->bold = 1;
		} else if (p == 22) {
			vt->bold = 0;
		} else if (p == 7) {
			vt->reverse = 1;
		} else if (p == 27) {
			vt->reverse = 0;
		} else if (p >= 30 && p <= 37) {
			vt->fg = (uint8_t)(p - 30);
		} else if (p == 39) {
			vt->fg = DEFAULT_FG;
		} else if (p >= 40 && p <= 47) {
			vt->bg = (uint8_t)(p - 40);
		} else if (p == 49) {
			vt->bg = DEFAULT_BG;
		} else if (p >= 90 && p <= 97) {
			vt->fg = (uint8_t)(p - 90 + 8);
		} else if (p >= 100 && p <= 107) {
			vt->bg = (uint8_t)(p - 100 + 8);
		}
	}
}

static void
erase_display(struct vt *vt, int mode)
{
	if (mode == 0) {
		blank(vt, vt->cx, vt->cy, vt->cols);
		for (int y = vt->cy + 1; y < vt->rows; y++) {
			blank(vt, 0, y, vt->cols);
		}
	} else if (mode == 1) {
		for (int y = 0; y < vt->cy; y++) {
			blank(vt, 0, y, vt->cols);
		}
		blank(vt, 0, vt->cy, clamp(vt->cx + 1, 0, vt->cols));
	} else {
		for (int y = 0; y < vt->rows; y++) {
			blank(vt, 0, y, vt->cols);
		}
	}
}

static void
erase_line(struct vt *vt, int mode)
{
	if (mode == 0) {
		blank(vt, clamp(vt->cx, 0, vt->cols), vt->cy, vt->cols);
	} else if (mode == 1) {
		blank(vt, 0, vt->cy, clamp(vt->cx + 1, 0, vt->cols));
	} else {
		blank(vt, 0, vt->cy, vt->cols);
	}
}

static void
csi(struct vt *vt, char final)
{
	switch (final) {
	case 'A':
		vt->cy = clamp(vt->cy - param(vt, 0, 1), 0, vt->rows - 1);
		break;
	case 'B':
		vt->cy = clamp(vt->cy + param(vt, 0, 1), 0, vt->rows - 1);
		break;
	case 'C':
		vt->cx = clamp(vt->cx + param(vt, 0, 1), 0, vt->cols - 1);
		break;
	case 'D':
		vt->cx = clamp(vt->cx - param(vt, 0, 1), 0, vt->cols - 1);
		break;
	case 'H':
	case 'f':
		vt->cy = clamp(param(vt, 0, 1) - 1, 0, vt->rows - 1);
		vt->cx = clamp(param(vt, 1, 1) - 1, 0, vt->cols - 1);
		break;
	case 'J':
		erase_display(vt, vt->nparams > 0 ? vt->params[0] : 0);
		break;
	case 'K':
		erase_line(vt, vt->nparams > 0 ? vt->params[0] : 0);
		break;
	case 'm':
		sgr(vt);
		break;
	case 's':
		vt->saved_cx = vt->cx;
		vt->saved_cy = vt->cy;
		break;
	case 'u':
		vt->cx = vt->saved_cx;
		vt->cy = vt->saved_cy;
		break;
	default:
		break;
	}
}

static void
control(struct vt *vt, char c)
{
	switch (c) {
	case '\n':
		vt->cx = 0;	/* the kernel's consoles treat \n as CR LF */
		newline(vt);
		break;
	case '\r':
		vt->cx = 0;
		break;
	case '\b':
		if (vt->cx > 0) {
			vt->cx--;
		}
		break;
	case '\t':
		vt->cx = clamp((vt->cx + 8) & ~7, 0, vt->cols);
		break;
	case 0x1b:
		vt->state = ST_ESC;
		break;
	default:
		break;
	}
}

static void
feed(struct vt *vt, char c)
{
	if (vt->state == ST_ESC) {
		vt->state = ST_NORMAL;
		if (c == '[') {
			vt->state = ST_CSI;
			vt->nparams = 0;
			memset(vt->params, 0, sizeof(vt->params));
		} else if (c == 'c') {
			vt_init(vt, vt->cells, vt->cols, vt->rows);
		}
		return;
	}
	if (vt->state == ST_CSI) {
		if (c >= '0' && c <= '9') {
			if (vt->nparams == 0) {
				vt->nparams = 1;
			}
			if (vt->params[vt->nparams - 1] < 10000) {
				vt->params[vt->nparams - 1] = vt->params[vt->nparams - 1] * 10 + (c - '0');
			}
		} else if (c == ';') {
			if (vt->nparams == 0) {
				vt->nparams = 1;
			}
			if (vt->nparams < VT_MAX_PARAMS) {
				vt->params[vt->nparams++] = 0;
			}
		} else if (c == '?' || c == '>' || c == ' ') {
			/* private markers and intermediates: keep collecting */
		} else {
			vt->state = ST_NORMAL;
			csi(vt, c);
		}
		return;
	}
	if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7f) {
		put_char(vt, c);
	} else {
		control(vt, c);
	}
}

void
vt_write(struct vt *vt, const char *s, size_t n)
{
	while (n-- > 0) {
		feed(vt, *s++);
	}
}
