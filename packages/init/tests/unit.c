/* unit.c - unit tests of init's pure parts: command line and inittab parsing */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include "init.h"
#include "../../sh/tests/t.h"

static void
test_cmdline(void)
{
	char v[64];

	T_INT(cmdline_get("console=ttyS0 rustica.test=all quiet", "rustica.test", v, sizeof(v)), 1,
	    "cmdline_found");
	T_STR(v, "all", "cmdline_value");
	T_INT(cmdline_get("console=ttyS0 quiet\n", "rustica.test", v, sizeof(v)), 0, "cmdline_absent");
	T_INT(cmdline_get("rustica.testing=1", "rustica.test", v, sizeof(v)), 0, "cmdline_prefix_no_match");
	T_INT(cmdline_get("a rustica.test", "rustica.test", v, sizeof(v)), 1, "cmdline_bare_key");
	T_STR(v, "", "cmdline_bare_key_empty");
	cmdline_get("rustica.test=sh,coreutils\n", "rustica.test", v, sizeof(v));
	T_STR(v, "sh,coreutils", "cmdline_list_newline");
	cmdline_get("\trustica.test=x\t", "rustica.test", v, sizeof(v));
	T_STR(v, "x", "cmdline_tabs");
	cmdline_get("rustica.test=abcdefghij", "rustica.test", v, 5);
	T_STR(v, "abcd", "cmdline_truncates");
	T_INT(cmdline_get("", "rustica.test", v, sizeof(v)), 0, "cmdline_empty");
	T_OK(selection_has("all", "sh"), "selection_all");
	T_OK(selection_has("sh,coreutils", "coreutils"), "selection_list");
	T_OK(!selection_has("sh,coreutils", "core"), "selection_no_prefix");
	T_OK(!selection_has("shell", "sh"), "selection_exact");
}

static void
test_inittab(void)
{
	struct entry v[INITTAB_MAX];
	struct cmdv c;
	int n;

	n = inittab_parse("# comment\n\nrespawn:/dev/console:-/bin/sh\n  once:/dev/ttyS0:/bin/echo hi there  \n",
	    v, INITTAB_MAX);
	T_INT(n, 2, "inittab_count");
	T_INT(v[0].action, A_RESPAWN, "inittab_respawn");
	T_STR(v[0].tty, "/dev/console", "inittab_tty");
	T_STR(v[0].cmd, "-/bin/sh", "inittab_cmd");
	T_INT(v[1].action, A_ONCE, "inittab_once");
	T_STR(v[1].cmd, "/bin/echo hi there", "inittab_trailing_space");
	T_INT(entry_argv(&v[0], &c), 0, "argv_login");
	T_STR(c.path, "/bin/sh", "argv_login_path");
	T_STR(c.argv[0], "-sh", "argv_login_argv0");
	T_OK(c.argv[1] == NULL, "argv_login_no_args");
	entry_argv(&v[1], &c);
	T_STR(c.path, "/bin/echo", "argv_path");
	T_STR(c.argv[2], "there", "argv_words");
	T_OK(c.argv[3] == NULL, "argv_end");
	T_INT(inittab_parse("respawn:/dev/console\n", v, INITTAB_MAX), -1, "inittab_missing_field");
	T_INT(inittab_parse("ok:1\nwait:/dev/x:/bin/sh\n", v, INITTAB_MAX), -1, "inittab_bad_first");
	T_INT(inittab_parse("once:/dev/x:/bin/a\nbogus:/dev/x:/bin/sh\n", v, INITTAB_MAX), -2,
	    "inittab_bad_action_line");
	T_INT(inittab_parse("", v, INITTAB_MAX), 0, "inittab_empty");
	T_INT(inittab_parse("once:/dev/x:/a\nonce:/dev/x:/b\n", v, 1), -2, "inittab_too_many");
}

int
main(void)
{
	test_cmdline();
	test_inittab();
	return T_DONE();
}
