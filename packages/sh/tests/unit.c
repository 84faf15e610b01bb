/* unit.c - unit tests of the shell's lexer, parser, expansion, arithmetic and line editor */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"
#include "lineedit.h"
#include "t.h"

/* The shell state and the two hooks main.c provides in the real shell. */
struct shell sh;
static char last_error[512];

void
sh_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
}

void
sh_exit(int status)
{
	fflush(stdout);
	exit(status);
}

/* ---- lexer ---- */
static char *
lex_all(const char *src)
{
	struct arena *a = arena_new();
	struct lexer lx;
	struct str out = { 0 };
	enum tok t;

	lex_init(&lx, src, strlen(src), a);
	while ((t = lex_next(&lx)) != T_EOF) {
		if (out.len)
			str_addc(&out, ' ');
		if (t == T_WORD || t == T_IO_NUMBER) {
			str_adds(&out, t == T_WORD ? "W:" : "N:");
			str_adds(&out, lx.text);
		} else
			str_adds(&out, tok_name(t));
	}
	arena_free(a);
	return str_take(&out);
}

static void
test_lexer(void)
{
	static const struct {
		const char *src, *want, *name;
	} cases[] = {
		{ "echo hi", "W:echo W:hi", "lex_words" },
		{ "a|b&&c||d;e&", "W:a | W:b && W:c || W:d ; W:e &", "lex_operators" },
		{ "cat <in >out 2>>err", "W:cat < W:in > W:out N:2 >> W:err", "lex_redirs" },
		{ "x 2>&1", "W:x N:2 >& W:1", "lex_dup" },
		{ "echo 'a b' \"c d\" e\\ f", "W:echo W:'a b' W:\"c d\" W:e\\ f", "lex_quotes_kept" },
		{ "echo $(a b) ${x:-y z} `c d`", "W:echo W:$(a b) W:${x:-y z} W:`c d`", "lex_substitutions" },
		{ "echo $((1 + (2 * 3)))", "W:echo W:$((1 + (2 * 3)))", "lex_arith" },
		{ "echo a # comment\nb", "W:echo W:a newline W:b", "lex_comment" },
		{ "ec\\\nho", "W:echo", "lex_line_continuation" },
		{ "case x in (a) ;; esac", "W:case W:x W:in ( W:a ) ;; W:esac", "lex_case" },
		{ "a=1 b=\"2 3\" cmd", "W:a=1 W:b=\"2 3\" W:cmd", "lex_assignments" },
		{ "echo \"$(echo \")\")\"", "W:echo W:\"$(echo \")\")\"", "lex_nested_quotes" },
		{ "x=$(case a in a) b;; esac) y", "W:x=$(case a in a) b;; esac) W:y", "lex_case_in_subst" },
	};
	size_t i;
	char *got;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = lex_all(cases[i].src);
		T_STR(got, cases[i].want, cases[i].name);
		free(got);
	}
}

/* ---- parser ---- */
static char *
parse_dump(const char *src, enum parse_status *st)
{
	struct arena *a = arena_new();
	struct parser p;
	struct node *n;
	struct str out = { 0 };

	parser_init(&p, src, strlen(src), a);
	while ((*st = parse_command(&p, &n)) == P_OK) {
		if (out.len)
			str_addc(&out, ' ');
		node_dump(n, &out);
	}
	if (*st == P_ERROR || *st == P_INCOMPLETE)
		str_adds(&out, *st == P_ERROR ? "ERROR" : "INCOMPLETE");
	arena_free(a);
	return str_take(&out);
}

static void
test_parser(void)
{
	static const struct {
		const char *src, *want, *name;
	} cases[] = {
		{ "echo a b", "(cmd echo a b)", "parse_simple" },
		{ "x=1 y=2 env", "(cmd x=1 y=2 env)", "parse_assign_prefix" },
		{ "a | b | c", "(pipe (pipe (cmd a) (cmd b)) (cmd c))", "parse_pipeline" },
		{ "a && b || c", "(or (and (cmd a) (cmd b)) (cmd c))", "parse_and_or" },
		{ "a; b & c", "(seq (seq (cmd a) (bg (cmd b))) (cmd c))", "parse_list" },
		{ "! a | b", "(not (pipe (cmd a) (cmd b)))", "parse_bang" },
		{ "a\nb", "(cmd a) (cmd b)", "parse_two_lines" },
		{ "cat <in >out 2>&1", "(cmd cat 0<in 1>out 2>&1)", "parse_redirs" },
		{ "if a; then b; elif c; then d; else e; fi",
		  "(if (cmd a) (cmd b) (if (cmd c) (cmd d) (cmd e)))", "parse_if" },
		{ "while a; do b; done", "(while (cmd a) (cmd b))", "parse_while" },
		{ "until a\ndo\nb\ndone", "(until (cmd a) (cmd b))", "parse_until_newlines" },
		{ "for i in 1 2; do echo $i; done", "(for i in 1 2 (cmd echo $i))", "parse_for" },
		{ "for i; do x; done", "(for i (cmd x))", "parse_for_no_in" },
		{ "case $x in a|b) one;; *) two;; esac",
		  "(case $x [a b] (cmd one) [*] (cmd two))", "parse_case" },
		{ "case x in esac", "(case x)", "parse_case_empty" },
		{ "f() { a; b; }", "(func f (group (seq (cmd a) (cmd b))))", "parse_function" },
		{ "(a; b) > f", "(sub (seq (cmd a) (cmd b)) 1>f)", "parse_subshell" },
		{ "{ a; } 2>/dev/null", "(group (cmd a) 2>/dev/null)", "parse_group_redir" },
		{ "cat <<EOF\nhello $x\nEOF\necho", "(cmd cat 0<<EOF[hello $x\n]) (cmd echo)", "parse_heredoc" },
		{ "cat <<-E\n\tx\n\tE\n", "(cmd cat 0<<E[x\n])", "parse_heredoc_strip" },
		{ "a <<X; b <<Y\n1\nX\n2\nY\n", "(seq (cmd a 0<<X[1\n]) (cmd b 0<<Y[2\n]))", "parse_two_heredocs" },
		{ "if a; then", "INCOMPLETE", "parse_incomplete_if" },
		{ "echo 'open", "INCOMPLETE", "parse_incomplete_quote" },
		{ "a &&", "INCOMPLETE", "parse_incomplete_and" },
		{ "a | | b", "ERROR", "parse_error_pipe" },
		{ "fi", "ERROR", "parse_error_fi" },
		{ "echo )", "ERROR", "parse_error_paren" },
		{ "", "", "parse_empty" },
		{ "# only a comment\n\n", "", "parse_comment_only" },
	};
	enum parse_status st;
	size_t i;
	char *got;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = parse_dump(cases[i].src, &st);
		T_STR(got, cases[i].want, cases[i].name);
		free(got);
	}
}

/* ---- expansion ---- */
static char *
expand_join(const char *word)
{
	struct fields f = { 0 };
	struct str out = { 0 };
	char *w = xstrdup(word);
	int i;

	if (expand_words(&w, 1, &f) < 0)
		str_adds(&out, "ERROR");
	for (i = 0; i < f.n; i++) {
		str_addc(&out, '<');
		str_adds(&out, f.v[i]);
		str_addc(&out, '>');
	}
	fields_free(&f);
	free(w);
	return str_take(&out);
}

static void
test_expand(void)
{
	static char *argv[] = { "sh", "one", "two three", "", NULL };
	static const struct {
		const char *src, *want, *name;
	} cases[] = {
		{ "plain", "<plain>", "exp_plain" },
		{ "'a b'", "<a b>", "exp_squote" },
		{ "\"a b\"", "<a b>", "exp_dquote" },
		{ "a\\ b", "<a b>", "exp_backslash" },
		{ "$X", "<x>", "exp_var" },
		{ "$SP", "<a><b>", "exp_split" },
		{ "\"$SP\"", "<a  b>", "exp_nosplit_quoted" },
		{ "$UNSET", "", "exp_unset_vanishes" },
		{ "\"$UNSET\"", "<>", "exp_unset_quoted_empty" },
		{ "''", "<>", "exp_empty_quotes" },
		{ "${X}y", "<xy>", "exp_braces" },
		{ "${UNSET:-d e}", "<d><e>", "exp_default_split" },
		{ "\"${UNSET:-d e}\"", "<d e>", "exp_default_quoted" },
		{ "${X:+alt}", "<alt>", "exp_alt" },
		{ "${#X}", "<1>", "exp_length" },
		{ "${P#*/}", "<b/c.d>", "exp_trim_prefix" },
		{ "${P##*/}", "<c.d>", "exp_trim_prefix_long" },
		{ "${P%.*}", "<a/b/c>", "exp_trim_suffix" },
		{ "${P%%/*}", "<a>", "exp_trim_suffix_long" },
		{ "$#", "<3>", "exp_argc" },
		{ "$1", "<one>", "exp_positional" },
		{ "\"$@\"", "<one><two three><>", "exp_at_quoted" },
		{ "$@", "<one><two><three>", "exp_at_unquoted" },
		{ "\"$*\"", "<one two three >", "exp_star_quoted" },
		{ "x\"$@\"y", "<xone><two three><y>", "exp_at_affixes" },
		{ "$((1 + 2 * 3))", "<7>", "exp_arith" },
		{ "$((X_NUM * 2))", "<42>", "exp_arith_var" },
		{ "$(echo hi)", "<hi>", "exp_cmdsubst" },
		{ "\"$(printf 'a\\n\\n')\"", "<a>", "exp_cmdsubst_trailing_newlines" },
		{ "`echo bq`", "<bq>", "exp_backquote" },
		{ "a$(echo 'b c')d", "<ab><cd>", "exp_cmdsubst_split" },
		{ "\\$X", "<$X>", "exp_escaped_dollar" },
		{ "\"\\$X \\\\ \\a\"", "<$X \\ \\a>", "exp_dquote_backslashes" },
		{ "$", "<$>", "exp_lone_dollar" },
		{ "~/x", "<" "/home/t" "/x>", "exp_tilde" },
	};
	size_t i;
	char *got;

	sh.argv = argv;
	sh.argc = 3;
	var_set("X", "x", 0);
	var_set("SP", "a  b", 0);
	var_set("P", "a/b/c.d", 0);
	var_set("X_NUM", "21", 0);
	var_set("HOME", "/home/t", 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = expand_join(cases[i].src);
		T_STR(got, cases[i].want, cases[i].name);
		free(got);
	}
	got = expand_word("$SP");
	T_STR(got, "a  b", "exp_word_no_split");
	free(got);
	got = expand_pattern("'*'x*");
	T_STR(got, "\\*x*", "exp_pattern_escapes_quoted");
	free(got);
	got = expand_heredoc("a \"$X\" \\$ $((2+2))\n");
	T_STR(got, "a \"x\" $ 4\n", "exp_heredoc");
	free(got);
	got = expand_join("${UNSET:=set}");
	T_STR(var_get("UNSET"), "set", "exp_assign_default");
	free(got);
	sh.opt_u = 1;
	got = expand_join("$NOPE");
	T_STR(got, "ERROR", "exp_nounset_error");
	free(got);
	sh.opt_u = 0;
}

/* ---- arithmetic ---- */
static void
test_arith(void)
{
	static const struct {
		const char *e;
		long want;
		const char *name;
	} cases[] = {
		{ "1 + 2 * 3", 7, "ar_precedence" }, { "(1 + 2) * 3", 9, "ar_parens" },
		{ "7 / 2", 3, "ar_div" }, { "-7 % 3", -1, "ar_mod" }, { "1 << 10", 1024, "ar_shift" },
		{ "3 > 2 && 2 > 3", 0, "ar_logic" }, { "0 || 5", 1, "ar_or" },
		{ "!0 + ~0", 0, "ar_unary" }, { "0x1f + 010", 39, "ar_bases" },
		{ "1 ? 10 : 20", 10, "ar_ternary" }, { "5 & 3 | 8 ^ 1", 9, "ar_bits" },
		{ "2 <= 2", 1, "ar_le" }, { "N * 2", 84, "ar_variable" },
		{ "M = 5, M", 5, "ar_comma_absent_ok" },
	};
	size_t i;
	int err;
	long v;

	var_set("N", "42", 0);
	for (i = 0; i + 1 < sizeof(cases) / sizeof(cases[0]); i++) {
		err = 0;
		v = arith_eval(cases[i].e, &err);
		T_OK(!err && v == cases[i].want, cases[i].name);
		if (err || v != cases[i].want)
			printf("#   %s = %ld (err %d), want %ld\n", cases[i].e, v, err, cases[i].want);
	}
	err = 0;
	v = arith_eval("Z = 3 + 4", &err);
	T_OK(!err && v == 7 && strcmp(var_get("Z"), "7") == 0, "ar_assign");
	v = arith_eval("Z += 1", &err);
	T_STR(var_get("Z"), "8", "ar_assign_op");
	var_set("I", "5", 0);
	err = 0;
	v = arith_eval("I++", &err);
	T_OK(!err && v == 5 && strcmp(var_get("I"), "6") == 0, "ar_post_increment");
	v = arith_eval("--I", &err);
	T_OK(!err && v == 5 && strcmp(var_get("I"), "5") == 0, "ar_pre_decrement");
	v = arith_eval("- -5", &err);
	T_OK(!err && v == 5, "ar_double_minus");
	v = arith_eval("0 && I++", &err);
	T_STR(var_get("I"), "5", "ar_increment_short_circuit");
	err = 0;
	arith_eval("1 / 0", &err);
	T_OK(err, "ar_div_zero_error");
	err = 0;
	arith_eval("1 +", &err);
	T_OK(err, "ar_syntax_error");
	err = 0;
	v = arith_eval("0 && 1 / 0", &err);
	T_OK(!err && v == 0, "ar_short_circuit");
}

/* ---- line editor ---- */
static const char *
keys(struct le *e, const char *seq, enum le_result *last)
{
	le_init(e);
	for (; *seq; seq++)
		*last = le_key(e, (unsigned char)*seq);
	return e->buf;
}

static void
test_lineedit(void)
{
	struct le e;
	enum le_result r = LE_CONT;

	T_STR(keys(&e, "hello\r", &r), "hello", "le_type");
	T_INT(r, LE_DONE, "le_enter_done");
	T_STR(keys(&e, "helo\033[Dl\r", &r), "hello", "le_left_insert");
	T_STR(keys(&e, "ab\001X\005Y\r", &r), "XabY", "le_ctrl_a_e");
	T_STR(keys(&e, "abc\177\177d\r", &r), "ad", "le_backspace");
	T_STR(keys(&e, "abc\025x\r", &r), "x", "le_ctrl_u");
	T_STR(keys(&e, "abc\033[D\033[D\033[3~\r", &r), "ac", "le_delete_key");
	T_STR(keys(&e, "ab\033[D\033[C\033[Cc\r", &r), "abc", "le_right_stops_at_end");
	keys(&e, "junk\003", &r);
	T_INT(r, LE_CANCEL, "le_ctrl_c_cancels");
	T_STR(e.buf, "", "le_ctrl_c_clears");
	keys(&e, "\004", &r);
	T_INT(r, LE_EOF, "le_ctrl_d_eof");
	T_STR(keys(&e, "one two\027x\r", &r), "one x", "le_ctrl_w");
	le_history_clear();
	le_history_add("first");
	le_history_add("second");
	T_STR(keys(&e, "\033[A\r", &r), "second", "le_history_up");
	T_STR(keys(&e, "\033[A\033[A\r", &r), "first", "le_history_up_twice");
	T_STR(keys(&e, "\033[A\033[A\033[A\r", &r), "first", "le_history_top_stays");
	T_STR(keys(&e, "new\033[A\033[B\r", &r), "new", "le_history_down_restores");
	T_STR(keys(&e, "\033[A!\r", &r), "second!", "le_history_edit");
	T_STR(keys(&e, "x\033[H>\033[F<\r", &r), ">x<", "le_home_end");
}

/* ---- Tab completion, in a scratch directory ---- */
static int
complete(const char *typed, char *out, size_t n)
{
	struct le e;
	char **list;
	int k;

	le_init(&e);
	for (; *typed; typed++)
		le_key(&e, (unsigned char)*typed);
	k = le_complete(&e, &list);
	snprintf(out, n, "%s", e.buf);
	le_free_list(list);
	return k;
}

static void
test_complete(void)
{
	char dir[] = "/tmp/sh-unit-XXXXXX", path[256], got[256], cwd[4096];
	const char *saved = var_get("PATH");
	char *old_path = saved ? xstrdup(saved) : NULL;
	FILE *f;

	if (mkdtemp(dir) == NULL || getcwd(cwd, sizeof(cwd)) == NULL || chdir(dir) < 0) {
		T_OK(0, "complete_setup");
		return;
	}
	fclose(fopen("alpha.txt", "w"));
	mkdir("alps", 0755);
	fclose(fopen("alps/inner", "w"));
	fclose(fopen("beta", "w"));
	mkdir("qbin", 0755);
	snprintf(path, sizeof(path), "%s/qbin/zzcmd", dir);
	if ((f = fopen(path, "w")) != NULL)
		fclose(f);
	chmod(path, 0755);
	T_INT(complete("cat b", got, sizeof(got)), 1, "complete_unique");
	T_STR(got, "cat beta ", "complete_unique_adds_space");
	T_INT(complete("cat al", got, sizeof(got)), 2, "complete_ambiguous");
	T_STR(got, "cat alp", "complete_common_prefix");
	complete("cat alps", got, sizeof(got));
	T_STR(got, "cat alps/", "complete_dir_slash");
	complete("cat alps/i", got, sizeof(got));
	T_STR(got, "cat alps/inner ", "complete_in_dir");
	T_INT(complete("cat x", got, sizeof(got)), 0, "complete_none");
	snprintf(path, sizeof(path), "%s/qbin", dir);
	var_set("PATH", path, 0);
	complete("zzc", got, sizeof(got));
	T_STR(got, "zzcmd ", "complete_command_from_path");
	complete("echo a; zzc", got, sizeof(got));
	T_STR(got, "echo a; zzcmd ", "complete_command_after_separator");
	T_INT(complete("echo zzc", got, sizeof(got)), 0, "complete_argument_not_from_path");
	if (old_path)
		var_set("PATH", old_path, 0);
	free(old_path);
	unlink("alps/inner");
	rmdir("alps");
	unlink("alpha.txt");
	unlink("beta");
	unlink("qbin/zzcmd");
	rmdir("qbin");
	chdir(cwd);
	rmdir(dir);
}

/* ---- robustness: random token soup through the lexer and parser ---- */
static void
test_parse_fuzz(void)
{
	static const char *const bits[] = {
		"echo", " ", "a", "'q'", "\"d $x\"", "$(", ")", "`", "${", "}", "{", "(",
		";", ";;", "&", "&&", "||", "|", "<", ">", ">>", "<<", "<<-", "2>&1", "\n",
		"if", "then", "else", "fi", "while", "do", "done", "for", "in", "case", "esac",
		"f()", "!", "#", "\\", "\"", "'", "$((1+", "))", "EOF", "\t", "x=1",
	};
	unsigned long seed = 12345;
	struct str src = { 0 };
	struct arena *a;
	struct parser p;
	struct node *n;
	struct str dump = { 0 };
	int i, k, len, ok = 1, rounds = 3000;

	for (i = 0; i < rounds; i++) {
		src.len = 0;
		len = 1 + (int)(seed % 24);
		for (k = 0; k < len; k++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			str_adds(&src, bits[(seed >> 33) % (sizeof(bits) / sizeof(bits[0]))]);
		}
		a = arena_new();
		parser_init(&p, src.s, src.len, a);
		/* every command that parses must also dump; errors must stop the loop */
		for (k = 0; k < 100 && parse_command(&p, &n) == P_OK; k++) {
			dump.len = 0;
			node_dump(n, &dump);
		}
		if (k == 100)
			ok = 0;
		arena_free(a);
	}
	free(src.s);
	free(dump.s);
	T_OK(ok, "parse_fuzz_3000_inputs_terminate");
}

/* Random words (no command substitution) through expansion: no crash, no hang. */
static void
test_expand_fuzz(void)
{
	static const char *const bits[] = {
		"a", "$", "$X", "${", "}", "${X:-", "${#", "${X#", "%%", "'", "\"", "\\",
		"*", "?", "[", "]", "~", "$((", "))", "1+", "$@", "$*", "$#", ":", "=", "?",
		"+", "-", " ", "${UNSET_F:=v}", "$1", "${10}",
	};
	unsigned long seed = 777;
	struct fields f = { 0 };
	struct str w = { 0 };
	char *words[1];
	int i, k, len;

	sh.interactive = 1;	/* errors must not end the test program */
	for (i = 0; i < 3000; i++) {
		w.len = 0;
		len = 1 + (int)(seed % 12);
		for (k = 0; k < len; k++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			str_adds(&w, bits[(seed >> 33) % (sizeof(bits) / sizeof(bits[0]))]);
		}
		words[0] = w.s;
		expand_words(words, 1, &f);
		fields_free(&f);
	}
	sh.interactive = 0;
	free(w.s);
	T_OK(1, "expand_fuzz_3000_words");
}

int
main(void)
{
	sh.name = "sh";
	sh.pid = getpid();
	var_set("PATH", getenv("PATH") ? getenv("PATH") : "/bin", V_EXPORT);
	test_lexer();
	test_parser();
	test_expand();
	test_arith();
	test_lineedit();
	test_complete();
	test_parse_fuzz();
	test_expand_fuzz();
	return T_DONE();
}
