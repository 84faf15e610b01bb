# simple commands, quoting, variables
echo hello world
echo 'single $quoted' "double $HOME_NOT_SET" \$escaped
x=1 y="two words"
echo "$x" "$y" $y
printf "%s\n" "a\"b" 'c\d' "e\\f" "g\$h"
echo a\ b "tab	in"
printf '%s|' $y; echo
unset x; echo "x=[${x}]"
empty=
echo "[$empty]" [$empty] "[${empty:-dflt}]" "[${empty-dflt}]"
echo "${undefined:=assigned}" "$undefined"
echo ${y:+alt} "${nothing:+alt}"
readonly ro=1
echo $ro
echo "$((1 + 2 * 3))" $(( (1 + 2) * 3 )) $((7 / 2)) $((7 % 3)) $((1 << 4)) $((-5))
n=10; echo $((n += 5)) $n $((n > 3 && n < 20)) $((n == 15 ? 100 : 200))
echo $(( 0x10 + 010 ))
HOME=/home/x; echo ~ ~/a x~ "~"
