/* font.h - kernel: the built-in console font */
/* SPDX-License-Identifier: MIT */
#ifndef RUSTUX_CONSOLE_FONT_H
#define RUSTUX_CONSOLE_FONT_H

#include <stdint.h>

#define FONT_FIRST	32	/* ' ' */
#define FONT_GLYPHS	95	/* ' ' … '~' */
#define FONT_COLS	5
#define FONT_ROWS	7

extern const uint8_t font5x7[FONT_GLYPHS][FONT_ROWS];

#endif
