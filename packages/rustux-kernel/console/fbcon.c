/* fbcon.c - kernel: the framebuffer text console: lib/vt's grid drawn with the built-in font */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>

#include "arch/mmu.h"
#include "console/fbcon.h"
#include "console/font.h"
#include "lib/string.h"
#include "lib/vt.h"
#include "mm/kheap.h"

/* The 16 ANSI colours as 0xRRGGBB. */
static const uint32_t palette_rgb[16] = {
	0x000000, 0xaa0000, 0x00aa00, 0xaa5500, 0x0000aa, 0xaa00aa, 0x00aaaa, 0xaaaaaa,
	0x555555, 0xff5555, 0x55ff55, 0xffff55, 0x5555ff, 0xff55ff, 0x55ffff, 0xffffff,
};

static struct {
	uint8_t *base;
	uint32_t width, height, pitch;
	unsigned scale, cell_w, cell_h;
	uint32_t palette[16];	/* in the framebuffer's byte order */
	struct vt vt;
} fb;

static uint32_t
pixel_of(uint32_t rgb, uint32_t format)
{
	uint32_t r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

	/* Little-endian 32-bit pixels: byte 0 is the low byte. */
	return format == RX_FB_RGBX ? (r | g << 8 | b << 16) : (b | g << 8 | r << 16);
}

static void
draw_cell(int cx, int cy)
{
	const struct vt_cell *c = vt_at(&fb.vt, cx, cy);
	const uint8_t *glyph = NULL;
	uint32_t fg = fb.palette[c->fg & 15], bg = fb.palette[c->bg & 15];
	uint8_t *row0 = fb.base + (size_t)cy * fb.cell_h * fb.pitch + (size_t)cx * fb.cell_w * 4;

	if (c->ch >= FONT_FIRST && c->ch < FONT_FIRST + FONT_GLYPHS) {
		glyph = font5x7[c->ch - FONT_FIRST];
	}
	for (unsigned py = 0; py < fb.cell_h; py++) {
		uint32_t *px = (uint32_t *)(void *)(row0 + (size_t)py * fb.pitch);
		unsigned gy = py / fb.scale;
		uint8_t bits = (glyph != NULL && gy >= 1 && gy <= FONT_ROWS) ? glyph[gy - 1] : 0;

		/* Glyph columns left to right (bit 4 first), then the gap column. */
		for (int gx = FONT_COLS; gx >= 0; gx--) {
			uint32_t colour = (gx > 0 && (bits >> (gx - 1)) & 1) ? fg : bg;

			for (unsigned k = 0; k < fb.scale; k++) {
				*px++ = colour;
			}
		}
	}
}

static void
render(void)
{
	struct vt *vt = &fb.vt;
	size_t row_bytes = (size_t)fb.cell_h * fb.pitch;

	if (vt->scrolled > 0 && vt->scrolled < (unsigned)vt->rows) {
		memmove(fb.base, fb.base + vt->scrolled * row_bytes,
		    (vt->rows - vt->scrolled) * row_bytes);
	} else if (vt->scrolled > 0) {
		for (int y = 0; y < vt->rows; y++) {
			vt->dirty[y] = 1;
			vt->dirty_lo[y] = 0;
			vt->dirty_hi[y] = (uint16_t)vt->cols;
		}
	}
	for (int y = 0; y < vt->rows; y++) {
		if (vt->dirty[y]) {
			for (int x = vt->dirty_lo[y]; x < vt->dirty_hi[y] && x < vt->cols; x++) {
				draw_cell(x, y);
			}
		}
	}
	vt_clean(vt);
}

static void
fb_write(struct console *c, const char *s, size_t n)
{
	(void)c;
	vt_write(&fb.vt, s, n);
	render();
}

struct console fb_console = { "fb", fb_write, NULL };

int
fbcon_init(const struct rx_framebuffer *info)
{
	struct vt_cell *cells;
	uint64_t pa;
	unsigned flags;
	int cols, rows;

	if ((info->format != RX_FB_RGBX && info->format != RX_FB_BGRX) || info->base == 0 ||
	    info->width < 160 || info->height < 100 || info->pitch < info->width * 4) {
		return -1;
	}
	/* The pixels must lie inside the direct map (a GPU BAR could be beyond it). */
	if (arch_mmu_query((uint64_t)phys_to_virt(info->base), &pa, &flags) != MMU_OK ||
	    arch_mmu_query((uint64_t)phys_to_virt(info->base + info->size - 1), &pa, &flags) != MMU_OK) {
		return -1;
	}
	fb.base = phys_to_virt(info->base);
	fb.width = info->width;
	fb.height = info->height;
	fb.pitch = info->pitch;
	fb.scale = info->width >= 1024 ? 2 : 1;
	fb.cell_w = (FONT_COLS + 1) * fb.scale;
	fb.cell_h = (FONT_ROWS + 2) * fb.scale;
	for (int i = 0; i < 16; i++) {
		fb.palette[i] = pixel_of(palette_rgb[i], info->format);
	}
	cols = (int)(fb.width / fb.cell_w);
	rows = (int)(fb.height / fb.cell_h);
	if (rows > VT_MAX_ROWS) {
		rows = VT_MAX_ROWS;
	}
	if ((cells = kmalloc((size_t)cols * (size_t)rows * sizeof(*cells))) == NULL) {
		return -1;
	}
	vt_init(&fb.vt, cells, cols, rows);
	/* A blank grid is colour 0 everywhere: clear the pixels in one sweep. */
	for (uint32_t y = 0; y < fb.height; y++) {
		memset(fb.base + (size_t)y * fb.pitch, 0, (size_t)fb.width * 4);
	}
	vt_clean(&fb.vt);
	return 0;
}
