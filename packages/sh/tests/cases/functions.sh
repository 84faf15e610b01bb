# functions, positional parameters, local, return
greet() {
	echo "hello $1 ($#)"
}
greet world
greet "two words" extra
count() { echo $#; }
count
count a "b c" d
set -- x y z
echo "$1 $2 $3 $# $*"
shift
echo "$@"
shift 2
echo "left: $#"
f() { return 3; }
f; echo "ret $?"
v=global
g() { local v=inner; echo "in $v"; }
g; echo "out $v"
rec() { if [ $1 -gt 0 ]; then echo "r$1"; rec $(($1 - 1)); fi; }
rec 3
args() { for a in "$@"; do echo "<$a>"; done; }
args 1 "2 3" "" 4
star() { echo "$*"; }
star a b c
IFS=:; star a b c; unset IFS
fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1 - 1))) )); fi; }
fact 6
