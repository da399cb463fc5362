/* SPDX-License-Identifier: MIT */
/*
 * Kernel-mode entry and exit: when the preempt step preempts and every
 * reason it refuses, the after-preempt step, idle entry, the combined exit.
 */
#include "../harness.h"

/* An exception from kernel code, handled, then the combined exit. */
static void kernel_round_trip(struct test_regs *regs)
{
	irqentry_state_t state = irqentry_enter(regs);

	test_record(EV_HANDLER, 0);
	irqentry_exit(regs, state);
}

START_TEST(preempts_count0_need_resched)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	kernel_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(test_os.work, 0);
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(no_preempt_count1)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.preempt_count = 1;
	kernel_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
	/* The reschedule is owed, not dropped. */
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED);
}
END_TEST

START_TEST(no_preempt_irqs_off_context)
{
	struct test_regs regs = frame_kernel(false);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	kernel_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED);
}
END_TEST

START_TEST(no_preempt_from_idle)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.in_idle = true;
	kernel_round_trip(&regs);
	/* Idle entry: the idle hooks pair up, nothing preempts. */
	CHECK_TRACE({EV_ENTER_IDLE, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_EXIT_IDLE, S_TRAP});
}
END_TEST

START_TEST(idle_recorded_in_state)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state;

	test_os.in_idle = true;
	state = irqentry_enter(&regs);
	/* The idle test is made once, at entry: the exit must pair with
	 * the idle enter even if the OS's view changed meanwhile. */
	test_os.in_idle = false;
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	irqentry_exit(&regs, state);
	CHECK_TRACE({EV_ENTER_IDLE, S_TRAP}, {EV_EXIT_IDLE, S_TRAP});
}
END_TEST

START_TEST(no_preempt_lazy_only)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED_LAZY;
	kernel_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED_LAZY);
}
END_TEST

START_TEST(no_preempt_veto)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.veto = true;
	kernel_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
}
END_TEST

START_TEST(no_preempt_other_work)
{
	struct test_regs regs = frame_kernel(true);

	/* User-return work never runs on a kernel-mode return. */
	test_os.work = IRQENTRY_WORK_SIGPENDING | IRQENTRY_WORK_NOTIFY_RESUME |
		       TEST_OS_WORK_A;
	kernel_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
}
END_TEST

START_TEST(preempts_again_while_need_resched)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.reraise_resched = 2;
	kernel_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_PREEMPT, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(test_os.work, 0);
}
END_TEST

START_TEST(preempt_step_alone)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_enter_from_kernel_mode(&regs);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	ck_assert(irqentry_kernel_preempt_pending(&regs, state));
	irqentry_exit_to_kernel_mode_preempt(&regs, state);
	/* Preemption only: no state management yet. */
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_PREEMPT, S_TRAP});
	ck_assert(!irqentry_kernel_preempt_pending(&regs, state));
	irqentry_exit_to_kernel_mode_after_preempt(&regs, state);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_PREEMPT, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(after_preempt_never_schedules)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_enter_from_kernel_mode(&regs);

	/* Everything says preempt, but only the after step runs. */
	test_os.work = IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_SIGPENDING;
	irqentry_exit_to_kernel_mode_after_preempt(&regs, state);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED |
						IRQENTRY_WORK_SIGPENDING);
}
END_TEST

/* A simulated timer interrupt that asks for a reschedule. */
static void timer_irq(void *arg, unsigned long interrupted)
{
	struct test_regs regs = frame_from_interrupted(interrupted);
	irqentry_state_t state;

	(void)arg;
	test_arch_irq_entry();
	state = irqentry_enter(&regs);
	test_record(EV_IRQ_BEGIN, 0);
	irqentry_work_set(irqentry_os_work(), IRQENTRY_WORK_NEED_RESCHED);
	irqentry_exit(&regs, state);
	test_record(EV_IRQ_END, 0);
}

START_TEST(nested_irq_in_handler_with_irqs_on)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_enter(&regs);

	/* A page-fault-like handler re-enables IRQs; a timer IRQ arrives
	 * and preempts the handler (the nested frame had IRQs on). */
	irqentry_hosted_raise(timer_irq, NULL);
	irqentry_arch_local_irq_enable();
	irqentry_arch_local_irq_disable();
	irqentry_exit(&regs, state);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_ENTER_KERNEL, S_TRAP},
		    {EV_IRQ_BEGIN, S_TRAP}, {EV_PREEMPT, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP}, {EV_IRQ_END, S_TRAP},
		    {EV_EXIT_KERNEL, S_OFF});
	ck_assert_uint_eq(irqentry_hosted_cpu()->delivered, 1);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(every_exit_returns_masked)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	kernel_round_trip(&regs);
	ck_assert(irqentry_arch_irqs_disabled());
	ck_assert_uint_eq(STATUS(), S_TRAP);
}
END_TEST

Suite *irqentry_kernel_suite(void)
{
	Suite *s = suite_create("kernel");
	TCase *tc = tcase_create("preempt");

	test_add_fixture(tc);
	tcase_add_test(tc, preempts_count0_need_resched);
	tcase_add_test(tc, no_preempt_count1);
	tcase_add_test(tc, no_preempt_irqs_off_context);
	tcase_add_test(tc, no_preempt_from_idle);
	tcase_add_test(tc, idle_recorded_in_state);
	tcase_add_test(tc, no_preempt_lazy_only);
	tcase_add_test(tc, no_preempt_veto);
	tcase_add_test(tc, no_preempt_other_work);
	tcase_add_test(tc, preempts_again_while_need_resched);
	suite_add_tcase(s, tc);

	tc = tcase_create("split");
	test_add_fixture(tc);
	tcase_add_test(tc, preempt_step_alone);
	tcase_add_test(tc, after_preempt_never_schedules);
	tcase_add_test(tc, every_exit_returns_masked);
	suite_add_tcase(s, tc);

	tc = tcase_create("nesting");
	test_add_fixture(tc);
	tcase_add_test(tc, nested_irq_in_handler_with_irqs_on);
	suite_add_tcase(s, tc);
	return s;
}
