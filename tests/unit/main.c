/* SPDX-License-Identifier: MIT */
/*
 * Test runner: every suite of one backend's hosted build, Check's summary,
 * non-zero exit on any failure.
 */
#include <stdlib.h>

#include "../harness.h"

struct test_os test_os;

unsigned long test_status_now(void)
{
	return irqentry_hosted_cpu()->status & S_MASKBITS;
}

void test_reset(void)
{
	memset(&test_os, 0, sizeof(test_os));
	test_os.rewrite_nr = -1;
	test_os.tp_rewrite_nr = -1;
	memset(irqentry_os_cpu(), 0, sizeof(struct irqentry_cpu));
	/* Each test starts as if the CPU had been running user code (debug
	 * builds check that user entries and exits alternate). */
	irqentry_os_thread()->in_user = 1;
	irqentry_hosted_reset(S_TRAP);
}

static const char *const ev_names[EV_COUNT] = {
	"none",           "enter_user",     "exit_user",
	"enter_kernel",   "exit_kernel",    "enter_idle",
	"exit_idle",      "preempt",        "schedule",
	"signal",         "notify",         "os_work",
	"prepare",        "nmi_enter",      "nmi_exit",
	"sc_dispatch",    "sc_trace_enter", "sc_filter",
	"sc_get_nr",      "sc_tp_enter",    "sc_audit_enter",
	"sc_audit_exit",  "sc_tp_exit",     "sc_trace_exit",
	"guest_signal",   "guest_work",     "report",
	"handler",        "syscall",        "irq_begin",
	"irq_end",        "work_check",     "sc_enter_masked",
	"sc_exit_masked",
};

const char *test_ev_name(enum test_ev ev)
{
	return ev < EV_COUNT ? ev_names[ev] : "?";
}

static void dump_trace(const struct exp *e, unsigned int n)
{
	unsigned int i;

	fprintf(stderr, "  recorded (%u):", test_os.n);
	for (i = 0; i < test_os.n; i++)
		fprintf(stderr, " %s@%#lx", test_ev_name(test_os.trace[i].ev),
			test_os.trace[i].status);
	fprintf(stderr, "\n  expected (%u):", n);
	for (i = 0; i < n; i++)
		fprintf(stderr, " %s@%#lx", test_ev_name(e[i].ev), e[i].status);
	fprintf(stderr, "\n");
}

void test_check_trace(const struct exp *e, unsigned int n, const char *file,
		      int line)
{
	unsigned int i;
	bool ok = test_os.n == n;

	for (i = 0; ok && i < n; i++)
		ok = test_os.trace[i].ev == e[i].ev &&
		     test_os.trace[i].status == e[i].status;
	if (!ok) {
		fprintf(stderr, "%s:%d: trace mismatch (%s backend)\n", file,
			line, IRQENTRY_ARCH_NAME);
		dump_trace(e, n);
	}
	ck_assert_msg(ok, "%s:%d: hook trace differs from the expected one",
		      file, line);
}

void test_add_fixture(TCase *tc)
{
	tcase_add_checked_fixture(tc, test_reset, NULL);
}

int main(void)
{
	SRunner *sr = srunner_create(irqentry_kernel_suite());
	int failed;

	srunner_add_suite(sr, irqentry_user_suite());
	srunner_add_suite(sr, irqentry_syscall_suite());
	srunner_add_suite(sr, irqentry_nmi_suite());
	srunner_add_suite(sr, irqentry_guest_suite());
	srunner_add_suite(sr, irqentry_hosted_suite());
	srunner_add_suite(sr, irqentry_debug_suite());
	srunner_add_suite(sr, irqentry_arch_suite());
	printf("irqentry unit: %s backend, IRQENTRY_DEBUG=%d\n",
	       IRQENTRY_ARCH_NAME, IRQENTRY_DEBUG);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
