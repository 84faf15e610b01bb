# cd, pwd, export, unset, read, shift, type, :, eval, .
cd /
pwd
cd /tmp && pwd
cd - >/dev/null; pwd
export EXP=exported
sh -c 'echo "child sees $EXP"'
NOEXP=local
sh -c 'echo "child sees [$NOEXP]"'
TEMP=temp sh -c 'echo "temp $TEMP"'
echo "after [$TEMP]"
unset EXP
sh -c 'echo "unset [$EXP]"'
echo "a b c" | { read x y; echo "$x|$y"; }
printf 'one\ntwo\n' | while read l; do echo "line $l"; done
printf 'raw\\back\n' | { read -r r; printf '%s\n' "$r"; }
: ignored args
type cd | grep -c builtin
t=${TMPDIR:-/tmp}/sh-dot.$$
echo 'dotvar=sourced; return 0; echo never' > $t
. $t
echo $dotvar
rm -f $t
set -- 1 2 3
shift; echo $*
echo $(( $# ))
trap 'echo trapped exit' EXIT
echo end
