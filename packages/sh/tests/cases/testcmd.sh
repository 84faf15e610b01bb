# the test and [ builtins
t() { "$@"; echo "$* -> $?"; }
t test 1 -eq 1
t test 2 -lt 1
t test abc = abc
t test abc != abc
t test -z ""
t test -n ""
t test x
t test ""
t test
t [ 3 -ge 3 ]
t [ 3 -gt 3 ]
t [ -d / ]
t [ -f / ]
t [ -e /nonexistent ]
t [ ! -e /nonexistent ]
t [ -x /bin/sh ]
t [ a = a -a b = c ]
t [ a = a -o b = c ]
t [ \( 1 -eq 2 \) -o 1 -eq 1 ]
t [ ! \( 1 -eq 1 \) ]
t [ -n x -a -z "" ]
t [ a "<" b ]
t [ 10 -ne 9 ]
t [ " 5" -eq 5 ]
t test a -eq 1 2>/dev/null
t [ 1 -eq 1 2>/dev/null
t [ = ]
t [ -n ]
t [ ! ]
