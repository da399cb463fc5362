/* SPDX-License-Identifier: MIT */
/*
 * NMI-class entries: nesting depth saved and restored, no work, no
 * preemption, safe inside an IRQ, inside the work loop, inside an NMI.
 */
#include "../harness.h"

START_TEST(nmi_never_preempts_or_runs_work)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state;

	test_os.work = IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_SIGPENDING;
	state = irqentry_nmi_enter(&regs);
	ck_assert_uint_eq(irqentry_in_nmi(), 1);
	irqentry_nmi_exit(&regs, state);
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
	CHECK_TRACE({EV_NMI_ENTER, S_TRAP}, {EV_NMI_EXIT, S_TRAP});
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED |
						IRQENTRY_WORK_SIGPENDING);
	ck_assert_uint_eq(WRITES(), 0);
}
END_TEST

START_TEST(nmi_from_user_no_transition)
{
	struct test_regs regs = frame_user();
	irqentry_state_t state;

	test_os.work = IRQENTRY_WORK_SIGPENDING;
	state = irqentry_nmi_enter(&regs);
	irqentry_nmi_exit(&regs, state);
	/* No user-mode enter/exit hooks, no signal: the next ordinary
	 * return to user mode does that. */
	CHECK_TRACE({EV_NMI_ENTER, S_TRAP}, {EV_NMI_EXIT, S_TRAP});
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

static void nmi(void *arg, unsigned long interrupted)
{
	struct test_regs regs = frame_from_interrupted(interrupted);
	irqentry_state_t state;

	(void)arg;
	test_arch_irq_entry();
	state = irqentry_nmi_enter(&regs);
	test_record(EV_IRQ_BEGIN, (long)irqentry_in_nmi());
	irqentry_work_set(irqentry_os_work(), IRQENTRY_WORK_NEED_RESCHED);
	irqentry_nmi_exit(&regs, state);
}

START_TEST(nmi_nested_in_nmi)
{
	struct test_regs regs = frame_kernel(false);
	irqentry_state_t outer = irqentry_nmi_enter(&regs);
	irqentry_state_t inner = irqentry_nmi_enter(&regs);
	irqentry_state_t third = irqentry_nmi_enter(&regs);

	ck_assert_uint_eq(irqentry_in_nmi(), 3);
	irqentry_nmi_exit(&regs, third);
	ck_assert_uint_eq(irqentry_in_nmi(), 2);
	irqentry_nmi_exit(&regs, inner);
	ck_assert_uint_eq(irqentry_in_nmi(), 1);
	irqentry_nmi_exit(&regs, outer);
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(nmi_inside_irq)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_enter(&regs);

	/* An NMI arrives while the IRQ handler runs, masked: it raises a
	 * reschedule, which the IRQ's own exit then honours. */
	nmi(NULL, S_TRAP);
	irqentry_exit(&regs, state);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_NMI_ENTER, S_TRAP},
		    {EV_IRQ_BEGIN, S_TRAP}, {EV_NMI_EXIT, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_int_eq(test_os.trace[2].arg, 1);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(nmi_inside_work_loop)
{
	struct test_regs regs = frame_user();
	irqentry_state_t state = irqentry_enter(&regs);

	/* Delivered at the loop's unmask (hosted interrupts stand in for
	 * the NMI here); its bit is handled before the return. */
	test_os.work = IRQENTRY_WORK_NOTIFY_RESUME;
	irqentry_hosted_raise(nmi, NULL);
	irqentry_exit(&regs, state);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_NMI_ENTER, S_TRAP},
		    {EV_IRQ_BEGIN, S_TRAP}, {EV_NMI_EXIT, S_TRAP},
		    {EV_NOTIFY, S_ON}, {EV_SCHEDULE, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(test_os.work, 0);
}
END_TEST

START_TEST(os_state_survives_nested_nmis)
{
	struct test_regs regs = frame_kernel(false);
	irqentry_state_t outer, inner;

	test_os.os_value = 1; /* e.g. lockdep: hardirqs were on */
	outer = irqentry_nmi_enter(&regs);
	ck_assert_uint_eq(test_os.os_value, 101);
	inner = irqentry_nmi_enter(&regs);
	ck_assert_uint_eq(test_os.os_value, 102);
	/* Each entry keeps its own copy: the inner one did not overwrite the
	 * outer one's (a per-CPU variable would have been). */
	ck_assert_uint_eq(outer.os.saved, 1);
	ck_assert_uint_eq(inner.os.saved, 101);
	irqentry_nmi_exit(&regs, inner);
	ck_assert_uint_eq(test_os.os_value, 101);
	irqentry_nmi_exit(&regs, outer);
	ck_assert_uint_eq(test_os.os_value, 1);
	ck_assert_uint_eq(test_os.nstate_log, 2);
	ck_assert_uint_eq(test_os.state_log[0], 2); /* inner first */
	ck_assert_uint_eq(test_os.state_log[1], 1);
	ck_assert(!test_os.state_not_zeroed);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(os_state_kernel_entry_around_nmi)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t irq, nmi_state;

	test_os.os_value = 7;
	irq = irqentry_enter_from_kernel_mode(&regs);
	ck_assert_uint_eq(test_os.os_value, 101);
	nmi_state = irqentry_nmi_enter(&regs);
	irqentry_nmi_exit(&regs, nmi_state);
	ck_assert_uint_eq(test_os.os_value, 101);
	irqentry_exit_to_kernel_mode_preempt(&regs, irq);
	/* Restored in the after-preempt step, after the exit hook. */
	ck_assert_uint_eq(test_os.nstate_log, 1);
	irqentry_exit_to_kernel_mode_after_preempt(&regs, irq);
	ck_assert_uint_eq(test_os.os_value, 7);
	ck_assert_uint_eq(test_os.nstate_log, 2);
	ck_assert_uint_eq(test_os.state_log[1], 1);
	ck_assert(!test_os.state_not_zeroed);
}
END_TEST

Suite *irqentry_nmi_suite(void)
{
	Suite *s = suite_create("nmi");
	TCase *tc = tcase_create("nmi");

	test_add_fixture(tc);
	tcase_add_test(tc, nmi_never_preempts_or_runs_work);
	tcase_add_test(tc, nmi_from_user_no_transition);
	tcase_add_test(tc, nmi_nested_in_nmi);
	tcase_add_test(tc, os_state_survives_nested_nmis);
	tcase_add_test(tc, os_state_kernel_entry_around_nmi);
	tcase_add_test(tc, nmi_inside_irq);
	tcase_add_test(tc, nmi_inside_work_loop);
	suite_add_tcase(s, tc);
	return s;
}
