#!/bin/sh
# coreutils.sh - behaviour tests of the coreutils tools; TAP output.
# SPDX-License-Identifier: MIT
#
# Runs on the host (PATH=out/build/coreutils-host/bin, see rules.mk) and
# in-system under init (PATH=/bin). Shell builtins that share a tool's name
# (echo, printf, test, pwd, kill) are reached through `env NAME` so the tool
# itself runs. Needs only a writable $TMPDIR (default /tmp).
T=0
FAILS=0
check() {	# check NAME EXPECTED ACTUAL
	T=$((T + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $T $1"
	else
		echo "not ok $T $1"
		printf '#   expected: [%s]\n#   got:      [%s]\n' "$2" "$3"
		FAILS=$((FAILS + 1))
	fi
}
status() {	# status CMD...: prints the exit status of CMD
	"$@" >/dev/null 2>&1
	echo $?
}
W=${TMPDIR:-/tmp}/coreutils-test.$$
rm -rf "$W"
mkdir -p "$W" || exit 1
cd "$W" || exit 1
nl='
'

# echo, printf
check echo_plain "a b" "$(env echo a b)"
check echo_n "x" "$(env echo -n x; env echo -n)"
check echo_e "a	b" "$(env echo -e 'a\tb')"
check echo_e_octal "A" "$(env echo -e '\0101')"
check echo_e_c "ab" "$(env echo -e 'ab\cde')"
check printf_s "[hi]" "$(env printf '[%s]' hi)"
check printf_d "007 -3" "$(env printf '%03d %d' 7 -3)"
check printf_repeat "a,b,c," "$(env printf '%s,' a b c)"
check printf_x "ff 377" "$(env printf '%x %o' 255 255)"
check printf_escape "1${nl}2" "$(env printf '1\n2')"
check printf_bad_number 1 "$(status env printf %d abc)"

# files: cat, touch, cp, mv, rm, mkdir, rmdir, ln
env printf 'one\ntwo\nthree\n' > f1
check cat_file "one${nl}two${nl}three" "$(cat f1)"
check cat_stdin "x" "$(echo x | cat)"
check cat_dash "x${nl}one" "$(echo x | cat - f1 | head -n 2)"
check cat_missing_status 1 "$(status cat nope)"
check cat_missing_msg "cat: cannot open 'nope': No such file or directory" "$(cat nope 2>&1)"
touch t1
check touch_creates 0 "$(status test -f t1)"
check touch_c_no_create 1 "$(touch -c t2; status test -e t2)"
mkdir d1
check mkdir_exists_fails 1 "$(status mkdir d1)"
check mkdir_p 0 "$(mkdir -p a/b/c && status test -d a/b/c)"
check mkdir_p_existing 0 "$(status mkdir -p a/b)"
check mkdir_m "700" "$(mkdir -m 700 m7 && stat -c %a m7)"
check rmdir_nonempty 1 "$(status rmdir a)"
check rmdir_p 0 "$(rmdir -p a/b/c && status test ! -e a)"
cp f1 f2
check cp_file "$(cat f1)" "$(cat f2)"
cp f1 d1
check cp_into_dir "$(cat f1)" "$(cat d1/f1)"
mkdir -p tree/sub && echo deep > tree/sub/x && ln -s x tree/sub/lnk
check cp_dir_needs_r 1 "$(status cp tree tree2)"
cp -r tree tree2
check cp_r "deep" "$(cat tree2/sub/x)"
check cp_r_symlink "x" "$(stat -c %F tree2/sub/lnk | cut -c 1-1 | tr s x)"
check cp_missing_msg "cp: cannot stat 'zz': No such file or directory" "$(cp zz yy 2>&1)"
mv f2 f3
check mv_rename "0 1" "$(status test -f f3) $(status test -e f2)"
mv f3 d1
check mv_into_dir 0 "$(status test -f d1/f3)"
check rm_dir_needs_r 1 "$(status rm tree2)"
rm -r tree2
check rm_r 1 "$(status test -e tree2)"
check rm_f_missing 0 "$(status rm -f nothing-here)"
check rm_missing 1 "$(status rm nothing-here)"
check rm_dot_refused 1 "$(status rm -rf .)"
ln -s f1 s1
check ln_s "one" "$(head -n 1 s1)"
check ln_s_target "f1" "$(ls -l s1 | tr -s ' ' '\n' | tail -n 1)"
ln f1 h1
check ln_hard "2" "$(stat -c %h f1)"
check ln_exists 1 "$(status ln -s f1 s1)"
check ln_f 0 "$(status ln -sf f1 s1)"

# chmod
touch cm
chmod 600 cm
check chmod_octal "600" "$(stat -c %a cm)"
chmod u+x,g+r cm
check chmod_symbolic "740" "$(stat -c %a cm)"
chmod a-w cm
check chmod_minus "540" "$(stat -c %a cm)"
chmod go=r cm
check chmod_equals "544" "$(stat -c %a cm)"
check chmod_missing 1 "$(status chmod 644 nope)"
check chmod_bad_mode 1 "$(status chmod zz cm)"

# ls
mkdir lsd && touch lsd/b lsd/a lsd/.h
check ls_plain "a${nl}b" "$(ls lsd)"
check ls_a ".${nl}..${nl}.h${nl}a${nl}b" "$(ls -a lsd)"
check ls_1 "a${nl}b" "$(ls -1 lsd)"
check ls_file "f1" "$(ls f1)"
check ls_missing "ls: cannot access 'nope': No such file or directory" "$(ls nope 2>&1)"
check ls_missing_status 2 "$(status ls nope)"
check ls_l_mode "-rw-r--r--" "$(chmod 644 f1 2>/dev/null; ls -l f1 | cut -d ' ' -f 1)"
check ls_l_size "14" "$(ls -l f1 | tr -s ' ' | cut -d ' ' -f 5)"
check ls_l_total "total 0" "$(ls -l lsd | head -n 1)"
check ls_R "lsd:${nl}a${nl}b${nl}sub${nl}${nl}lsd/sub:${nl}c" "$(mkdir lsd/sub && touch lsd/sub/c && ls -R lsd)"
check ls_d "lsd" "$(ls -d lsd)"
check ls_r "b${nl}a" "$(ls -r lsd | grep -v sub)"
touch -c lsd/a
echo more >lsd/b
check ls_S "b" "$(ls -S lsd | grep -v sub | head -n 1)"
dd_big() { i=0; while [ $i -lt 64 ]; do echo 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789; i=$((i + 1)); done; }
dd_big > big
check ls_h "19K" "$(ls -lh big | tr -s ' ' | cut -d ' ' -f 5)"

# text tools
check wc_all " 3  3 14 f1" "$(wc f1)"
check wc_pipe_width "      3       3      14" "$(cat f1 | wc)"
check wc_redirect_width " 3  3 14" "$(wc <f1)"
check wc_l "3" "$(wc -l < f1 | tr -d ' ')"
check wc_w_stdin "4" "$(echo 'a b  c d' | wc -w | tr -d ' ')"
check wc_total " 6 total" "$(wc -l f1 f1 | tail -n 1)"
check wc_one_column_pipe "3" "$(cat f1 | wc -l)"
check head_n "one${nl}two" "$(head -n 2 f1)"
check head_old "one" "$(head -1 f1)"
check tail_n "two${nl}three" "$(tail -n 2 f1)"
check tail_plus "two${nl}three" "$(tail -n +2 f1)"
check tail_default "$(seq 11 20)" "$(seq 1 20 | tail)"
check tail_no_nl "b" "$(env printf 'a\nb' | tail -n 1)"
check head_c "one${nl}t" "$(head -c 5 f1)"
check tail_c "ree" "$(tail -c 4 f1)"
check tail_c_plus "three" "$(tail -c +9 f1)"
check grep_basic "two" "$(grep tw f1)"
check grep_v "one${nl}three" "$(grep -v tw f1)"
check grep_c "2" "$(grep -c o f1)"
check grep_n "2:two" "$(grep -n two f1)"
check grep_i "two" "$(grep -i TWO f1)"
check grep_E "one${nl}three" "$(grep -E 'ne|ee' f1)"
check grep_F "a.c" "$(env printf 'abc\na.c\n' | grep -F a.c)"
check grep_bre "three" "$(grep '^t.*e$' f1)"
check grep_none 1 "$(status grep zzz f1)"
check grep_q 0 "$(status grep -q one f1)"
check grep_missing 2 "$(status grep x nope)"
check grep_l "f1" "$(grep -l one f1 big)"
check grep_multi "f1:one" "$(grep one f1 big)"
check grep_w "a b" "$(env printf 'ab\na b\nxab\n' | grep -w b)"
check grep_x "two" "$(grep -x 'tw.' f1)"
check grep_x_E "one${nl}two" "$(grep -xE 'one|two' f1)"
check grep_o "o${nl}o" "$(grep -o o f1)"
check grep_o_n "1:on${nl}2:tw" "$(grep -on '[a-z][nw]' f1)"
check grep_F_w "x.y" "$(env printf 'x.yz\nx.y\n' | grep -Fw x.y)"
mkdir -p gr/sub && echo needle >gr/sub/f && echo hay >gr/g
check grep_r "gr/sub/f:needle" "$(grep -r needle gr)"
check grep_dir_error 2 "$(status grep x gr)"
check sort_basic "a${nl}b${nl}c" "$(env printf 'c\na\nb\n' | sort)"
check sort_r "c${nl}b${nl}a" "$(env printf 'c\na\nb\n' | sort -r)"
check sort_n "2${nl}10${nl}100" "$(env printf '10\n100\n2\n' | sort -n)"
check sort_u "a${nl}b" "$(env printf 'b\na\nb\na\n' | sort -u)"
check sort_k "x 1${nl}y 2" "$(env printf 'y 2\nx 1\n' | sort -k 2)"
check sort_t "b:1${nl}a:2" "$(env printf 'a:2\nb:1\n' | sort -t : -k 2)"
check sort_k_n "b 9${nl}a 10" "$(env printf 'a 10\nb 9\n' | sort -k 2,2n)"
check sort_k_nr "a 10${nl}b 9" "$(env printf 'b 9\na 10\n' | sort -k 2nr)"
check sort_k_bad 2 "$(status sort -k 0 f1)"
check uniq_basic "a${nl}b${nl}a" "$(env printf 'a\na\nb\na\n' | uniq)"
check uniq_c "      2 a${nl}      1 b" "$(env printf 'a\na\nb\n' | uniq -c)"
check uniq_d "a" "$(env printf 'a\na\nb\n' | uniq -d)"
check uniq_u "b" "$(env printf 'a\na\nb\n' | uniq -u)"
check tr_upper "HELLO" "$(echo hello | tr a-z A-Z)"
check tr_class "HELLO" "$(echo hello | tr '[:lower:]' '[:upper:]')"
check tr_d "hll" "$(echo hello | tr -d eo)"
check tr_s "helo" "$(echo hello | tr -s l)"
check tr_nl "a b" "$(env printf 'a\nb' | tr '\n' ' ')"
check cut_f "b" "$(echo 'a:b:c' | cut -d : -f 2)"
check cut_f_range "b:c" "$(echo 'a:b:c' | cut -d : -f 2-)"
check cut_c "bcd" "$(echo abcdef | cut -c 2-4)"
check cut_list "a,c" "$(echo 'a,b,c' | cut -d , -f 1,3)"
check cut_s "" "$(echo abc | cut -d : -f 1 -s)"
check seq_basic "1${nl}2${nl}3" "$(seq 3)"
check seq_range "2 4 6" "$(seq -s ' ' 2 2 6)"
check seq_down "3${nl}2${nl}1" "$(seq 3 -1 1)"
check seq_neg "-1${nl}0" "$(seq -1 0)"
check seq_w "08${nl}09${nl}10" "$(seq -w 8 10)"
check seq_empty "" "$(seq 5 1)"
check basename_1 "c" "$(basename /a/b/c)"
check basename_suffix "c" "$(basename /a/b/c.txt .txt)"
check basename_slash "b" "$(basename /a/b/)"
check dirname_1 "/a/b" "$(dirname /a/b/c)"
check dirname_2 "." "$(dirname c)"
check yes_head "y${nl}y" "$(yes | head -n 2)"
check yes_arg "ab${nl}ab" "$(yes ab | head -n 2)"

# test / [
check test_eq 0 "$(status env test 1 -eq 1)"
check test_lt 1 "$(status env test 3 -lt 2)"
check test_str 0 "$(status env test abc = abc)"
check test_ne_str 0 "$(status env test abc != abd)"
check test_z 0 "$(status env test -z '')"
check test_n 1 "$(status env test -n '')"
check test_f 0 "$(status env test -f f1)"
check test_d 0 "$(status env test -d d1)"
check test_not 1 "$(status env test ! -d d1)"
check test_and 1 "$(status env test -f f1 -a -d f1)"
check test_or 0 "$(status env test -f f1 -o -d f1)"
check test_paren 0 "$(status env test '(' 1 -eq 2 ')' -o 1 -eq 1)"
check test_empty 1 "$(status env test)"
check test_one_arg 0 "$(status env test x)"
check test_bad_int 2 "$(status env test a -eq 1)"
check bracket 0 "$(status env [ 2 -gt 1 ])"
check bracket_missing 2 "$(status env [ 2 -gt 1)"

# env, true, false, sleep, pwd
check env_set "X=v" "$(env X=v env | grep '^X=')"
check env_i "" "$(env -i X=1 env | grep -v '^X=1$')"
check env_u "" "$(X=1 env -u X env | grep '^X=')"
check env_missing 127 "$(status env no-such-command-here)"
check true_false "0 1" "$(status true) $(status false)"
check sleep_0 0 "$(status sleep 0.01)"
check sleep_bad 1 "$(status sleep abc)"
check pwd_tool "$W" "$(env pwd)"

# stat, du, df
check stat_c "f1 14 644 regular file" "$(stat -c '%n %s %a %F' f1)"
check stat_dir "directory" "$(stat -c %F d1)"
check stat_link "symbolic link" "$(stat -c %F s1)"
check stat_L "regular file" "$(stat -L -c %F s1)"
check stat_missing "stat: cannot stat 'nope': No such file or directory" "$(stat nope 2>&1)"
check stat_full "  File: f1" "$(stat f1 | head -n 1)"
check du_s_name "big" "$(du -s big | cut -f 2)"
check du_total_last "." "$(du | tail -n 1 | cut -f 2)"
check df_header "Filesystem" "$(df | head -n 1 | cut -d ' ' -f 1)"
# statfs(2) is not in every kernel's list: without it df must say so and fail
if df . >/dev/null 2>&1; then
	check df_path_pct "%" "$(df . | tail -n 1 | tr -s ' ' | cut -d ' ' -f 5 | tr -d 0-9)"
else
	check df_error_names_path 1 "$(df . 2>&1 | grep -c "df: cannot stat file system '.'")"
fi

# system tools (on Linux's /proc or Rustux's)
check uname_s "$(uname -s)" "$(uname)"
check uname_a_words 0 "$(test "$(uname -a | wc -w)" -ge 5; echo $?; )"
check uname_bad 2 "$(status uname -z)"
check hostname_get 0 "$(status hostname)"
check date_fmt "1970-01-01 00:00:00" "$(date -u -d @0 '+%Y-%m-%d %H:%M:%S')"
check date_default "Thu Jan  1 00:00:00 UTC 1970" "$(TZ=UTC date -u -d @0)"
# a machine without a real-time clock may start at 1970: only the form is checked
check date_s_number 1 "$(date +%s | grep -c '^[0-9][0-9]*$')"
check free_header " total used free shared buff/cache available" "$(free | head -n 1 | tr -s ' ')"
check free_mem "Mem:" "$(free | head -n 2 | tail -n 1 | cut -d ' ' -f 1)"
check uptime_up "up" "$(uptime | tr -s ' ' | cut -d ' ' -f 3)"
check ps_header " PID PPID S TIME COMMAND" "$(ps | head -n 1 | tr -s ' ')"
sleep 5 &
bg=$!
# the child may not have called execve yet: look again, a bounded number of times
i=0
while [ $i -lt 100 ] && ! ps | grep -q "^ *$bg .* sleep 5$"; do
	sleep 0.05
	i=$((i + 1))
done
check ps_lists_child 1 "$(ps | grep -c "^ *$bg .* sleep 5$")"
env kill $bg
wait $bg
check kill_term 143 "$?"
check kill_l "KILL" "$(env kill -l 9)"
check kill_bad_pid 1 "$(status env kill -0 abc)"
check kill_0_self 0 "$(status env kill -0 $$)"
check dmesg_runs "ok" "$(dmesg >/dev/null 2>&1 || dmesg 2>&1 | grep -q "dmesg: cannot read 'kernel log'"; echo ok)"

# every tool answers --help with its usage line
for t in $(coreutils --list); do
	case "$(env "$t" --help 2>&1)" in
	"usage: $t "*) r=0 ;;
	*) r=1 ;;
	esac
	check "help_$t" 0 "$r"
done
check list_count 45 "$(coreutils --list | wc -l | tr -d ' ')"
check unknown_tool 127 "$(status coreutils frobnicate)"

cd / && rm -rf "$W"
echo "# $T tests, $FAILS failed"
[ "$FAILS" -eq 0 ]
