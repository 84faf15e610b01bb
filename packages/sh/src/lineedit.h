/* lineedit.h - the interactive line editor's key state machine (pure, testable) */
/* SPDX-License-Identifier: MIT */
#ifndef SH_LINEEDIT_H
#define SH_LINEEDIT_H

#include <stddef.h>

#define LE_MAX 4096
#define LE_HISTORY 100

enum le_result { LE_CONT, LE_DONE, LE_EOF, LE_CANCEL, LE_CLEAR, LE_COMPLETE };

struct le {
	char buf[LE_MAX];
	size_t len, pos;
	int hist;		/* index into history while browsing; -1 not browsing */
	char saved[LE_MAX];	/* the line being edited before browsing */
	int esc;		/* escape sequence state: 0 none, 1 ESC, 2 ESC [ */
	int param;		/* numeric parameter of ESC [ n ~ */
};

void le_init(struct le *e);
/* Feeds one input byte; LE_DONE: buf holds the line; LE_EOF: ^D on empty line;
 * LE_CANCEL: ^C (line dropped); LE_CLEAR: ^L; LE_COMPLETE: Tab. */
enum le_result le_key(struct le *e, unsigned char c);
void le_history_add(const char *line);
/* Tab: completes the word before the cursor (file names; command names from
 * PATH for the first word). Returns the number of candidates; with more than
 * one, the common prefix is inserted and *list (NULL-terminated, caller frees
 * with le_free_list) holds them. */
int le_complete(struct le *e, char ***list);
void le_free_list(char **list);
void le_history_clear(void);

#endif
