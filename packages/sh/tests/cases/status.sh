# exit statuses of assignments, temporary assignments, positional parameters in functions
false; x=1; echo "a $?"
x=$(false); echo "b $?"
$(exit 4); echo "c $?"
f() { set -- new args here; echo "$#: $*"; }; f 1 2; echo "after $#"
set -- p1 p2; f; echo "$1"
g() { echo "g: $1"; }; set -- outer; g inner; echo "$1"
for i in 1 2 3; do f() { echo "redef $i"; }; done; f
echo "${x:-}" "$((3 > 2))"
i=0; while :; do i=$((i+1)); [ $i -ge 3 ] && break; done; echo "i=$i"
echo $(( 10 / 3 )) $(( -10 / 3 ))
a="x y"; b=$a; echo "$b"
case "" in "") echo empty;; esac
echo "$(printf 'x\ny')"
v=1; v=2 true; echo "v=$v"
unset -f f; f 2>/dev/null || echo "f gone"
echo ${#}
readonly R=1; (R=2) 2>/dev/null; echo "ro $?"
echo "tilde ~ x~"
IFS=,; set -- a,b,,c; echo $#; IFS=' '
echo "done"
