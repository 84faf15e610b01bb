# the getopts builtin
parse() {
	OPTIND=1
	while getopts "ab:c" opt; do
		case $opt in
		a) echo "flag a";;
		b) echo "b=$OPTARG";;
		c) echo "flag c";;
		\?) echo "bad";;
		esac
	done
	shift $((OPTIND - 1))
	echo "rest: $* (OPTIND=$OPTIND)"
}
parse -a -b val file1 file2
parse -ac -bX -- -notopt
parse -x -a 2>/dev/null
parse file -a
parse -b
silent() {
	OPTIND=1
	while getopts ":b:" o; do echo "o=$o OPTARG=$OPTARG"; done
}
silent -b
silent -z
set -- -a -b arg pos
OPTIND=1
while getopts ab: o; do echo "top $o ${OPTARG-}"; done
echo "after $OPTIND"
