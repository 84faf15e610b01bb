# redirections and here-documents
t=${TMPDIR:-/tmp}/sh-redirs.$$
echo one > $t
echo two >> $t
cat < $t
cat $t | wc -l | tr -d ' '
echo err 2>&1 >/dev/null | cat
{ echo out; echo err >&2; } 2>&1 | sort
{ echo to-stderr >&2; } 2>/dev/null
echo "x" 1>$t.2; cat $t.2
exec 3>$t.3
echo fd3 >&3
exec 3>&-
cat $t.3
cat <<EOF
plain text
EOF
x=value
cat <<EOF
expanded $x $(echo sub) $((1+1))
  keeps indent
EOF
cat <<'EOF'
quoted $x `not run`
EOF
cat <<-EOF
	tabs stripped $x
	EOF
cat <<A; cat <<B
first
A
second
B
while read line; do echo "got $line"; done <<EOF
l1
l2
EOF
read a b <<EOF
alpha beta gamma
EOF
echo "$a|$b"
rm -f $t $t.2 $t.3
echo done
