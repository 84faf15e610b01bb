# set -e, set -u, exit status
set -e
false || echo "or ok"
if false; then :; fi
! true
while false; do :; done
echo "still here"
f() { false; echo "not reached"; }
(set -e; false; echo "not reached") || echo "subshell failed $?"
set +e
false; echo "after +e $?"
(set -u; echo $undefined_var) 2>/dev/null || echo "nounset failed"
sh -c 'exit 5'; echo "child $?"
sh -c 'false; true'; echo "last $?"
nosuchcommand 2>/dev/null; echo "notfound $?"
set -e
false
echo "not reached either"
