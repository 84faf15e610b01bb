# gensyscalls.awk - generate the syscall numbers, dispatch table, names, coverage and SYSCALL.md
# SPDX-License-Identifier: MIT
#
# usage: awk -v what=nr|table|names|coverage|doc -f gensyscalls.awk abi/syscalls.tab
#
# abi/syscalls.tab is the one definition (STYLE B6); this script only
# validates it and prints one derived view on stdout. POSIX awk (mawk) only.

function fail(msg) {
	printf "syscalls.tab:%d: %s\n", NR, msg > "/dev/stderr"
	failed = 1
	exit 1
}

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

# Count the parameters of "(a, b, c)"; "()" and "(void)" have none.
function count_args(sig,    inner, n, i) {
	inner = trim(substr(sig, 2, length(sig) - 2))
	if (inner == "" || inner == "void")
		return 0
	if (inner ~ /[()]/)
		fail("nested parentheses in signature")
	n = 1
	for (i = 1; i <= length(inner); i++)
		if (substr(inner, i, 1) == ",")
			n++
	if (n > 6)
		fail("more than 6 arguments")
	return n
}

function parse_row(    line, op, cl, rest) {
	line = $0
	if ($1 !~ /^[0-9]+$/)
		fail("number expected, got \"" $1 "\"")
	if ($2 != "LX" && $2 != "RX" && $2 != "RETIRED")
		fail("unknown kind \"" $2 "\"")
	if ($3 != "impl" && $3 != "enosys" && $3 != "planned" && $3 != "-")
		fail("unknown status \"" $3 "\"")
	if (($2 == "RETIRED") != ($3 == "-"))
		fail("status \"-\" is for RETIRED rows only")
	if ($4 !~ /^[a-z_][a-z0-9_]*$/)
		fail("bad name \"" $4 "\"")
	if ($2 == "RX" && $1 + 0 < 1024)
		fail("native number below 1024: " $1)
	if ($2 == "LX" && $1 + 0 >= 1024)
		fail("Linux number in the native range: " $1)
	if (($1 + 0) in bynr)
		fail("duplicate number " $1)
	if ($4 in byname)
		fail("duplicate name " $4)
	op = index(line, "(")
	cl = 0
	rest = line
	while (match(rest, /\)/)) {
		cl += RSTART
		rest = substr(rest, RSTART + 1)
	}
	if (op == 0 || cl < op)
		fail("signature \"(...)\" expected")
	n++
	nr[n] = $1 + 0
	kind[n] = $2
	status[n] = $3
	name[n] = $4
	sig[n] = substr(line, op, cl - op + 1)
	flags[n] = trim(substr(line, cl + 1))
	nargs[n] = count_args(sig[n])
	doc[n] = ""
	bynr[nr[n]] = n
	byname[name[n]] = n
}

/^#/ || /^[ \t]*$/ {
	next
}

/^[ \t]/ {
	if (n == 0)
		fail("doc line before any row")
	doc[n] = doc[n] (doc[n] == "" ? "" : "\n") trim($0)
	next
}

{
	parse_row()
}

function upper(s) {
	return toupper(s)
}

function prefix(i) {
	return kind[i] == "LX" ? "LX" : "RX"
}

function emit_nr(    i, lxmax) {
	print "/* syscall_nr.h - syscall numbers, generated from abi/syscalls.tab: do not edit */"
	print "/* SPDX-License-Identifier: MIT */"
	print "#ifndef RUSTUX_GEN_SYSCALL_NR_H"
	print "#define RUSTUX_GEN_SYSCALL_NR_H"
	print ""
	lxmax = -1
	for (i = 1; i <= n; i++) {
		if (kind[i] == "RETIRED")
			continue
		printf "#define %s_NR_%s\t%d\n", prefix(i), name[i], nr[i]
		if (kind[i] == "LX" && nr[i] > lxmax)
			lxmax = nr[i]
		if (kind[i] == "RX" && nr[i] > rxmax)
			rxmax = nr[i]
	}
	print ""
	print "/* Table sizes: numbers 0..LX_NR_COUNT-1 and RX_NR_BASE..RX_NR_BASE+RX_NR_COUNT-1. */"
	printf "#define LX_NR_COUNT\t%d\n", lxmax + 1
	print "#define RX_NR_BASE\t1024"
	printf "#define RX_NR_COUNT\t%d\n", (rxmax >= 1024 ? rxmax - 1024 + 1 : 0)
	print ""
	print "#endif"
}

function status_macro(i) {
	return "SC_" upper(status[i])
}

function handler(i) {
	return (kind[i] == "LX" ? "lx_" : "sys_") name[i]
}

function emit_entries(k,    i, index_expr) {
	for (i = 1; i <= n; i++) {
		if (kind[i] != k)
			continue
		index_expr = k == "LX" ? "LX_NR_" name[i] : "RX_NR_" name[i] " - RX_NR_BASE"
		printf "\t[%s] = { %s, \"%s\", %d, %s },\n", index_expr,
		    status[i] == "impl" ? handler(i) : "0", name[i], nargs[i], status_macro(i)
	}
}

function emit_rows(k,    i, first) {
	printf "#define %s_SYSCALL_ROWS(X)", k
	for (i = 1; i <= n; i++)
		if (kind[i] == k)
			printf " \\\n\tX(%d, %s, %d, %s)", nr[i], name[i], nargs[i], status_macro(i)
	print ""
}

function emit_table(    i) {
	print "/* syscall_table.h - dispatch tables, generated from abi/syscalls.tab: do not edit */"
	print "/* SPDX-License-Identifier: MIT */"
	print "/*"
	print " * Every row as an X-macro X(nr, name, nargs, status), and, when the"
	print " * includer defines SYSCALL_TABLE_DEFINE, the two dense tables the"
	print " * dispatcher indexes. An entry whose fn is 0 (a hole, an enosys or a"
	print " * planned row) must be answered with exactly -ENOSYS (STYLE B5)."
	print " */"
	print "#ifndef RUSTUX_GEN_SYSCALL_TABLE_H"
	print "#define RUSTUX_GEN_SYSCALL_TABLE_H"
	print ""
	print "#include \"syscall_nr.h\""
	print ""
	print "#define SC_IMPL\t\t1\t/* dispatched to its handler */"
	print "#define SC_ENOSYS\t2\t/* deliberately -ENOSYS */"
	print "#define SC_PLANNED\t3\t/* -ENOSYS until its handler exists */"
	print ""
	print "typedef long (*syscall_fn_t)(long, long, long, long, long, long);"
	print ""
	print "struct syscall_entry {"
	print "\tsyscall_fn_t\tfn;\t/* 0: answer -ENOSYS */"
	print "\tconst char\t*name;\t/* 0: no such number */"
	print "\tunsigned char\tnargs;"
	print "\tunsigned char\tstatus;\t/* SC_* */"
	print "};"
	print ""
	emit_rows("LX")
	print ""
	emit_rows("RX")
	print ""
	print "/* Handlers of the implemented rows. */"
	for (i = 1; i <= n; i++)
		if (status[i] == "impl")
			printf "long %s(long, long, long, long, long, long);\n", handler(i)
	print ""
	print "#ifdef SYSCALL_TABLE_DEFINE"
	print "static const struct syscall_entry lx_syscall_table[LX_NR_COUNT] = {"
	emit_entries("LX")
	print "};"
	print ""
	print "static const struct syscall_entry rx_syscall_table[RX_NR_COUNT] = {"
	emit_entries("RX")
	print "};"
	print "#endif"
	print ""
	print "#endif"
}

function emit_names(    i) {
	print "/* syscall_names.h - syscall names by number, generated from abi/syscalls.tab: do not edit */"
	print "/* SPDX-License-Identifier: MIT */"
	print "#ifndef RUSTUX_GEN_SYSCALL_NAMES_H"
	print "#define RUSTUX_GEN_SYSCALL_NAMES_H"
	print ""
	print "#include \"syscall_nr.h\""
	print ""
	print "/* Index by number (natives: number - RX_NR_BASE); 0 marks a hole. */"
	print "static const char *const lx_syscall_names[LX_NR_COUNT] = {"
	for (i = 1; i <= n; i++)
		if (kind[i] == "LX")
			printf "\t[%d] = \"%s\",\n", nr[i], name[i]
	print "};"
	print ""
	print "static const char *const rx_syscall_names[RX_NR_COUNT] = {"
	for (i = 1; i <= n; i++)
		if (kind[i] == "RX")
			printf "\t[%d] = \"%s\",\n", nr[i] - 1024, name[i]
	print "};"
	print ""
	print "#endif"
}

function emit_coverage(    i, order) {
	print "# syscall_coverage.txt - generated from abi/syscalls.tab: do not edit"
	print "# nr kind status nargs name"
	for (i = 1; i <= n; i++) {
		printf "%d %s %s %d %s\n", nr[i], kind[i], status[i], nargs[i], name[i]
		count[kind[i] " " status[i]]++
	}
	# Fixed order, not "for (k in count)", so the output is reproducible.
	split("LX impl,LX enosys,LX planned,RX impl,RX enosys,RX planned", order, ",")
	for (i = 1; i <= 6; i++)
		printf "# total %s %d\n", order[i], count[order[i]] + 0
}

function md_escape(s) {
	gsub(/\|/, "\\|", s)
	return s
}

function emit_doc_section(k, title,    i) {
	print "## " title
	print ""
	print "| nr | name | status | args | signature | doc |"
	print "|---:|---|---|---:|---|---|"
	for (i = 1; i <= n; i++) {
		if (kind[i] != k)
			continue
		d = doc[i]
		gsub(/\n/, " ", d)
		printf "| %d | `%s` | %s | %d | `%s`%s | %s |\n", nr[i], name[i], status[i],
		    nargs[i], md_escape(sig[i]), flags[i] == "" ? "" : " *" flags[i] "*", md_escape(d)
	}
	print ""
}

function emit_doc(    i, k, c) {
	print "# Rustux system calls"
	print ""
	print "<!-- generated by packages/rustux-kernel/tools/gensyscalls.awk from"
	print "     packages/rustux-kernel/abi/syscalls.tab: do not edit; run `make kernel-docs` -->"
	print ""
	print "Every system call the kernel knows is one row of `abi/syscalls.tab`; this page,"
	print "the kernel's dispatch tables (`gen/syscall_table.h`), the number and name headers"
	print "(`gen/syscall_nr.h`, `gen/syscall_names.h`) and the coverage listing are all"
	print "generated from it, so they cannot disagree. `make check-kernel-abi` fails when"
	print "this page is stale or a Linux number differs from `<asm/unistd_64.h>`."
	print ""
	print "* **Linux personality** (`LX`): Linux x86_64 numbers and semantics, handled by"
	print "  `lx_<name>()` in `linux/`. Anything that is not `impl` returns exactly"
	print "  `-ENOSYS`, because musl and glibc test for that value to pick fallbacks."
	print "* **Native calls** (`RX`): Zircon-style object calls from 1024 up, handled by"
	print "  `sys_<name>()` in `syscalls/`; they return `rx_status_t`."
	print "* **Status**: `impl` = dispatched; `enosys` = a deliberate gap (the doc says why"
	print "  a libc copes); `planned` = needed, not written yet (answers `-ENOSYS`)."
	print ""
	for (i = 1; i <= n; i++)
		c[kind[i] " " status[i]]++
	printf "Totals: Linux %d impl, %d enosys, %d planned; native %d impl, %d planned.\n",
	    c["LX impl"], c["LX enosys"], c["LX planned"], c["RX impl"], c["RX planned"]
	print ""
	print "## Coverage listing format"
	print ""
	print "`$(O)/gen/syscall_coverage.txt` (what `rustux-kernel coverage syscall` prints) has"
	print "one line per row, `nr kind status nargs name`, e.g. `0 LX planned 3 read`, after"
	print "`#` comment lines, and ends with `# total KIND STATUS COUNT` lines for the six"
	print "kind/status pairs. Fields are separated by one space; names never contain spaces."
	print ""
	emit_doc_section("LX", "Linux x86_64 personality")
	emit_doc_section("RX", "Native object calls")
	emit_doc_section("RETIRED", "Retired numbers")
}

END {
	if (failed)
		exit 1
	for (i = 1; i <= n; i++)
		if (doc[i] == "" && kind[i] != "RETIRED") {
			NR = 0
			printf "syscalls.tab: %s: no doc text\n", name[i] > "/dev/stderr"
			exit 1
		}
	if (what == "nr")
		emit_nr()
	else if (what == "table")
		emit_table()
	else if (what == "names")
		emit_names()
	else if (what == "coverage")
		emit_coverage()
	else if (what == "doc")
		emit_doc()
	else {
		print "gensyscalls.awk: what=nr|table|names|coverage|doc" > "/dev/stderr"
		exit 2
	}
}
