# quoting, case inside $(...), read with IFS, here-docs in pipelines, scoping
x=$(case a in a) echo in-case;; esac); echo "$x"
echo "$(echo "a  b")" '$(no)' "\$(no)"
IFS=: read a b c <<EOF
1:2:3:4
EOF
echo "$a|$b|$c"
echo 'it'"'"'s'
s="a*"; echo "$s" ${s}
set -- "a b" c; for i in "$@"; do echo "[$i]"; done; for i in $*; do echo "($i)"; done
f() { return; }; false; f; echo "r $?"
echo "$(( 7 ))"
y=5; echo $((y*=2)) $y; echo $(( y > 5 ? y - 5 : 0 ))
nested() { echo "$(echo "$(echo deep)")"; }; nested
echo "a" | { read v; echo "got $v"; }; echo "v after: [$v]"
t=$(printf 'a\tb'); echo "$t" | cut -f 2
while read -r l; do echo "L:$l"; done <<'E'
one \
two
E
cat <<EOF | tr a-z A-Z
piped heredoc
EOF
echo "${HOME+set}" >/dev/null; echo ok
echo $(( (1+2)*(3+4) ))
printf '%s\n' "${x#in}" "${x%case}"
if ! false; then echo negated; fi
[ -n "" ] || echo empty-test
a=1; { a=2; }; echo $a; (a=3); echo $a
echo ${z-unset} ${z:-unset2}; z=; echo "[${z-unset}]" "[${z:-unset2}]"
for w in $(echo 1 2) "$(echo 3 4)"; do echo "w=$w"; done
echo "last line"
