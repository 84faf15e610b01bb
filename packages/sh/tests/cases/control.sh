# if, while, until, for, case, break, continue, && ||
if true; then echo t1; fi
if false; then echo no; else echo e1; fi
if false; then echo no; elif false; then echo no; else echo e2; fi
i=0
while [ $i -lt 3 ]; do i=$((i + 1)); echo "w$i"; done
until [ $i -eq 0 ]; do i=$((i - 1)); done; echo "u$i"
for x in 1 2 3 4 5; do
	[ $x -eq 2 ] && continue
	[ $x -eq 4 ] && break
	echo "f$x"
done
for a in 1 2; do for b in x y; do [ $b = y ] && continue 2; echo "$a$b"; done; done
for a in 1 2; do for b in x y; do echo "$a$b"; break 2; done; done
set -- p q r
for arg; do echo "arg $arg"; done
case hello in h*o) echo c1;; *) echo bad;; esac
case x.c in *.h|*.c) echo c2;; esac
case "a b" in "a b") echo c3;; esac
case abc in [abc]bc) echo c4;; esac
case '*' in \*) echo c5;; esac
case nothing in a) echo no;; esac
true && echo and1
false && echo no
false || echo or1
true || echo no
! false && echo not1
false; echo "status $?"
(exit 7); echo "sub $?"
{ echo g1; echo g2; } | wc -l | tr -d ' '
