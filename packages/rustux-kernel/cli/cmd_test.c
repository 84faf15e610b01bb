/* cmd_test.c - rustux-kernel test: QEMU self-test boot, unit and integration suites */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "qemu.h"
#include "result.h"
#include "util.h"

#define UNIT_SUITES		"boot-unit", "kernel-unit"
#define INTEGRATION_SUITES	"kernel-qemu", "boot-fallback"

static void
tap(int tapmode, unsigned *num, int ok, const char *what)
{
	++*num;
	if (tapmode)
		printf("%s %u %s\n", ok ? "ok" : "not ok", *num, what);
	else if (!ok)
		fprintf(stderr, "rustux-kernel: test: FAILED: %s\n", what);
}

static int
test_qemu(struct rk_opts *o)
{
	char dir[RK_PATH_MAX], img[RK_PATH_MAX + 16], vars[RK_PATH_MAX + 16];
	char log[RK_PATH_MAX + 16], cmdline[1024];
	struct qemu_boot b = { 0 };
	struct boot_result r;
	unsigned num = 0;
	int st, ok;

	if (strcmp(o->arch, "amd64") != 0 && strcmp(o->arch, "x86_64") != 0)
		return rk_err(o->arch, "no QEMU boot for this architecture yet "
		    "(see 'rustux-kernel arch status')"), 2;
	if (rk_build_default(o) != 0 || rk_workdir(o, "test-qemu", dir) == NULL)
		return 2;
	snprintf(img, sizeof(img), "%s/esp.img", dir);
	snprintf(vars, sizeof(vars), "%s/vars.fd", dir);
	snprintf(log, sizeof(log), "%s/serial.log", dir);
	snprintf(cmdline, sizeof(cmdline), "rustux.test=kernel%s%s",
	    o->cmdline ? " " : "", o->cmdline ? o->cmdline : "");
	unlink(vars);
	unlink(log);
	if (rk_make_kernel_esp(o, img, cmdline) != 0)
		return 2;
	b.disk = img;
	b.vars = vars;
	b.serial_log = log;
	b.memory = o->memory;
	b.accel = o->accel;
	b.timeout = o->timeout;
	b.verbose = o->verbose;
	st = qemu_run(&b);
	if (result_scan(log, o->tap ? stdout : NULL, &num, &r) != 0)
		return 1;
	tap(o->tap, &num, r.handed_over, "loader handed over to the kernel");
	tap(o->tap, &num, r.have_result, "RESULT line present");
	ok = st == QEMU_GUEST_PASS;
	tap(o->tap, &num, ok, st == QEMU_TIMED_OUT ? "guest exit status pass (timed out)" :
	    "guest exit status pass");
	ok = ok && r.handed_over && r.have_result && r.failed == 0 && r.passed > 0 &&
	    r.tests_failed == 0;
	if (!o->tap || o->verbose || !ok) {
		fprintf(stderr, "rustux-kernel: test: %u TEST lines (%u failed), RESULT %u passed, "
		    "%u failed, QEMU status %d; serial log %s\n", r.tests, r.tests_failed,
		    r.passed, r.failed, st, log);
	}
	if (!ok && !o->tap)
		result_grep(log, NULL, stderr);
	return ok ? 0 : 1;
}

static int
run_suites(char *const *suites)
{
	char script[RK_PATH_MAX];
	char *argv[8] = { script };
	int n = 1;

	rk_path(script, "ci/check.sh");

	for (; *suites != NULL && n < 7; suites++)
		argv[n++] = *suites;
	argv[n] = NULL;
	return rk_run(argv, 0) == 0 ? 0 : 1;
}

int
cmd_test(struct rk_opts *o)
{
	static char *unit[] = { UNIT_SUITES, NULL };
	static char *integration[] = { INTEGRATION_SUITES, NULL };

	if (o->qemu + o->unit + o->integration != 1) {
		rk_err("test", "give exactly one of --qemu, --unit, --integration");
		return 2;
	}
	if (o->unit)
		return run_suites(unit);
	if (o->integration)
		return run_suites(integration);
	return test_qemu(o);
}
