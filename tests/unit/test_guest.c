/* SPDX-License-Identifier: MIT */
/*
 * Guest entry for hypervisors: the work loop before entering a guest,
 * the signal exit code, the final check with IRQs disabled.
 */
#include "../harness.h"

START_TEST(no_work_enters_guest)
{
	int vcpu = 7;

	ck_assert_int_eq(irqentry_guest_handle_work(&vcpu), 0);
	ck_assert(!irqentry_guest_work_pending());
	CHECK_NO_TRACE();
}
END_TEST

START_TEST(reschedules_then_enters)
{
	int vcpu = 1;

	irqentry_hosted_reset(S_ON);
	test_os.work = IRQENTRY_WORK_NEED_RESCHED_LAZY |
		       IRQENTRY_WORK_NOTIFY_RESUME | TEST_OS_GUEST_WORK;
	ck_assert_int_eq(irqentry_guest_handle_work(&vcpu), 0);
	CHECK_TRACE({EV_SCHEDULE, S_ON}, {EV_NOTIFY, S_ON},
		    {EV_GUEST_WORK, S_ON});
	/* Notify-resume from the guest loop has no user frame. */
	ck_assert_int_eq(test_os.trace[1].arg, 0);
	irqentry_arch_local_irq_disable();
	ck_assert(!irqentry_guest_work_pending());
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(work_check_before_final_check)
{
	int vcpu = 2;

	/* The hook runs before the final check with IRQs off, as Linux's
	 * xfer_to_guest_mode_prepare(), and a bit it raises keeps the
	 * vCPU out of the guest. */
	test_os.trace_work_check = true;
	test_os.raise_in_check = IRQENTRY_WORK_NEED_RESCHED;
	ck_assert_int_eq(irqentry_guest_handle_work(&vcpu), 0);
	ck_assert(irqentry_guest_work_pending());
	CHECK_TRACE({EV_WORK_CHECK, S_OFF});
	ck_assert_int_eq(test_os.trace[0].arg, 0); /* before it raised */
	irqentry_hosted_reset(S_ON);
	ck_assert_int_eq(irqentry_guest_handle_work(&vcpu), 0);
	irqentry_arch_local_irq_disable();
	ck_assert(!irqentry_guest_work_pending());
	ck_assert_uint_eq(test_os.count[EV_WORK_CHECK], 2);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(signal_returns_os_code)
{
	int vcpu = 3;

	irqentry_hosted_reset(S_ON);
	test_os.work = IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_SIGPENDING;
	ck_assert_int_eq(irqentry_guest_handle_work(&vcpu), -1003);
	CHECK_TRACE({EV_SCHEDULE, S_ON}, {EV_GUEST_SIGNAL, S_ON});
	/* The signal stays pending for the VMM's return to user mode. */
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_SIGPENDING);
}
END_TEST

START_TEST(os_work_code_stops_loop)
{
	int vcpu = 0;

	irqentry_hosted_reset(S_ON);
	test_os.work = TEST_OS_GUEST_WORK;
	test_os.guest_work_ret = 42;
	ck_assert_int_eq(irqentry_guest_handle_work(&vcpu), 42);
	CHECK_TRACE({EV_GUEST_WORK, S_ON});
}
END_TEST

START_TEST(resched_raised_again_loops)
{
	int vcpu = 0;

	irqentry_hosted_reset(S_ON);
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.reraise_resched = 1;
	ck_assert_int_eq(irqentry_guest_handle_work(&vcpu), 0);
	CHECK_TRACE({EV_SCHEDULE, S_ON}, {EV_SCHEDULE, S_ON});
}
END_TEST

START_TEST(final_check_sees_late_work)
{
	irqentry_arch_local_irq_disable();
	/* Work raised after the loop (another CPU) is caught by the final
	 * check with IRQs off. */
	irqentry_work_set(irqentry_os_work(), IRQENTRY_WORK_NEED_RESCHED);
	ck_assert(irqentry_guest_work_pending());
	test_os.work = TEST_OS_WORK_A; /* user-only OS bit: not guest work */
	ck_assert(!irqentry_guest_work_pending());
}
END_TEST

Suite *irqentry_guest_suite(void)
{
	Suite *s = suite_create("guest");
	TCase *tc = tcase_create("guest");

	test_add_fixture(tc);
	tcase_add_test(tc, no_work_enters_guest);
	tcase_add_test(tc, reschedules_then_enters);
	tcase_add_test(tc, work_check_before_final_check);
	tcase_add_test(tc, signal_returns_os_code);
	tcase_add_test(tc, os_work_code_stops_loop);
	tcase_add_test(tc, resched_raised_again_loops);
	tcase_add_test(tc, final_check_sees_late_work);
	suite_add_tcase(s, tc);
	return s;
}
