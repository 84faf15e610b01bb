# command substitution, field splitting, globbing, special parameters
echo $(echo a; echo b)
echo "$(echo a; echo b)"
echo `echo back` "`echo quoted`"
x="a   b    c"
echo $x
echo "$x"
set -- $x
echo $#
IFS=: ; y="1:2::3"; set -- $y; echo $#; unset IFS
d=${TMPDIR:-/tmp}/sh-glob.$$
mkdir -p $d && cd $d && touch a.c b.c c.h
echo *.c
echo "*.c"
echo ?.h
echo [ab].c
echo nomatch*
cd / && rm -rf $d
echo $$ | grep -c '^[0-9][0-9]*$'
sleep 0 &
wait $!
echo "bg $?"
(exit 3) & p=$!
wait $p; echo "waited $?"
v=$(exit 4); echo "cs $?"
echo ${#x} "${x#a}" "${x%c}"
p=/usr/local/bin/tool
echo ${p##*/} ${p%/*} ${p#/} ${p%%/*}x
n=0; for i in $(seq 1 5); do n=$((n + i)); done; echo $n
echo "$(echo "nested \"quotes\"")"
eval 'echo eval $((2+3))'
cmd='echo from; echo var'; eval "$cmd"
echo "${x:-$(echo lazy)}"
