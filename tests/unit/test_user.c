/* SPDX-License-Identifier: MIT */
/*
 * Return to user mode: the work loop's order, work raised while it runs
 * (by a hook or by an interrupt at the moment IRQs are unmasked), the
 * re-check with IRQs disabled, lazy reschedule, the split steps.
 */
#include "../harness.h"

static void user_round_trip(struct test_regs *regs)
{
	irqentry_state_t state = irqentry_enter(regs);

	test_record(EV_HANDLER, 0);
	irqentry_exit(regs, state);
}

START_TEST(no_work_fast_path)
{
	struct test_regs regs = frame_user();

	user_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_PREPARE, S_TRAP}, {EV_EXIT_USER, S_TRAP});
	ck_assert_uint_eq(WRITES(), 0);
}
END_TEST

START_TEST(loop_order)
{
	struct test_regs regs = frame_user();

	test_os.work = IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_SIGPENDING |
		       IRQENTRY_WORK_NOTIFY_RESUME | TEST_OS_WORK_A;
	user_round_trip(&regs);
	/* One pass, IRQs on for every hook, off again for the re-read and
	 * the one-shot prepare hook. */
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_SCHEDULE, S_ON}, {EV_SIGNAL, S_ON}, {EV_NOTIFY, S_ON},
		    {EV_OS_WORK, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(test_os.work, 0);
	ck_assert_uint_eq(WRITES(), 2);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(work_check_before_each_read)
{
	struct test_regs regs = frame_user();

	test_os.trace_work_check = true;
	test_os.work = IRQENTRY_WORK_SIGPENDING;
	user_round_trip(&regs);
	/* Before the first read and before the re-read, IRQs off both times,
	 * as Linux's tick_nohz_user_enter_prepare(). */
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_WORK_CHECK, S_TRAP}, {EV_SIGNAL, S_ON},
		    {EV_WORK_CHECK, S_OFF}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
}
END_TEST

START_TEST(work_check_raises_work)
{
	struct test_regs regs = frame_user();

	/* No work at the exit, but the hook flushes a deferred wake-up that
	 * sets NEED_RESCHED: the read after it sees the bit. */
	test_os.trace_work_check = true;
	test_os.raise_in_check = IRQENTRY_WORK_NEED_RESCHED;
	user_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_WORK_CHECK, S_TRAP}, {EV_SCHEDULE, S_ON},
		    {EV_WORK_CHECK, S_OFF}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(test_os.work, 0);
}
END_TEST

static void raise_resched_once(void)
{
	if (test_os.count[EV_SIGNAL] == 1)
		test_os.raise_in_check = IRQENTRY_WORK_NEED_RESCHED;
}

START_TEST(work_check_raises_work_in_loop)
{
	struct test_regs regs = frame_user();

	/* Raised by the check after the first pass: a second pass. */
	test_os.trace_work_check = true;
	test_os.work = IRQENTRY_WORK_SIGPENDING;
	test_os.on_event[EV_SIGNAL] = raise_resched_once;
	user_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_WORK_CHECK, S_TRAP}, {EV_SIGNAL, S_ON},
		    {EV_WORK_CHECK, S_OFF}, {EV_SCHEDULE, S_ON},
		    {EV_WORK_CHECK, S_OFF}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
}
END_TEST

START_TEST(notify_signal_delivers)
{
	struct test_regs regs = frame_user();

	test_os.work = IRQENTRY_WORK_NOTIFY_SIGNAL;
	user_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_SIGNAL, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
}
END_TEST

START_TEST(lazy_honoured_at_user_exit)
{
	struct test_regs regs = frame_user();

	test_os.work = IRQENTRY_WORK_NEED_RESCHED_LAZY;
	user_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_SCHEDULE, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(test_os.work, 0);
}
END_TEST

START_TEST(need_resched_again_schedules_again)
{
	struct test_regs regs = frame_user();

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.reraise_resched = 2;
	user_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_SCHEDULE, S_ON}, {EV_SCHEDULE, S_ON},
		    {EV_SCHEDULE, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 6);
}
END_TEST

static void raise_sigpending(void)
{
	irqentry_work_set(irqentry_os_work(), IRQENTRY_WORK_SIGPENDING);
}

START_TEST(work_raised_in_schedule)
{
	struct test_regs regs = frame_user();

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.on_event[EV_SCHEDULE] = raise_sigpending;
	user_round_trip(&regs);
	/* Not in the first snapshot: handled on the second pass. */
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_SCHEDULE, S_ON}, {EV_SIGNAL, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 4);
}
END_TEST

START_TEST(work_raised_in_signal_delivery)
{
	struct test_regs regs = frame_user();

	test_os.work = IRQENTRY_WORK_SIGPENDING;
	test_os.raise_in_signal =
		IRQENTRY_WORK_NOTIFY_RESUME | IRQENTRY_WORK_NEED_RESCHED;
	user_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_SIGNAL, S_ON}, {EV_SCHEDULE, S_ON}, {EV_NOTIFY, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(test_os.work, 0);
}
END_TEST

/* An interrupt (from kernel code with IRQs on) that raises work. */
static void notify_irq(void *arg, unsigned long interrupted)
{
	struct test_regs regs = frame_from_interrupted(interrupted);
	irqentry_state_t state;

	test_arch_irq_entry();
	state = irqentry_enter(&regs);

	test_record(EV_IRQ_BEGIN, (long)(unsigned long)arg);
	irqentry_work_set(irqentry_os_work(), (unsigned long)arg);
	irqentry_exit(&regs, state);
}

START_TEST(work_raised_by_injected_interrupt)
{
	struct test_regs regs = frame_user();
	irqentry_state_t state = irqentry_enter(&regs);

	test_os.work = IRQENTRY_WORK_SIGPENDING;
	/* Pending while masked; delivered by the loop's first unmask. */
	irqentry_hosted_raise(
		notify_irq, (void *)(unsigned long)IRQENTRY_WORK_NOTIFY_RESUME);
	ck_assert_uint_eq(irqentry_hosted_cpu()->delivered, 0);
	irqentry_exit(&regs, state);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_ENTER_KERNEL, S_TRAP},
		    {EV_IRQ_BEGIN, S_TRAP}, {EV_EXIT_KERNEL, S_TRAP},
		    {EV_SIGNAL, S_ON}, {EV_NOTIFY, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(irqentry_hosted_cpu()->delivered, 1);
	ck_assert_uint_eq(test_os.work, 0);
}
END_TEST

START_TEST(resched_by_interrupt_in_loop_preempts_there)
{
	struct test_regs regs = frame_user();
	irqentry_state_t state = irqentry_enter(&regs);

	/* A tick in the loop's IRQs-on window: the interrupted context is
	 * preemptible kernel code, so the tick's exit preempts at once. */
	test_os.work = IRQENTRY_WORK_NOTIFY_RESUME;
	irqentry_hosted_raise(
		notify_irq, (void *)(unsigned long)IRQENTRY_WORK_NEED_RESCHED);
	irqentry_exit(&regs, state);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_ENTER_KERNEL, S_TRAP},
		    {EV_IRQ_BEGIN, S_TRAP}, {EV_PREEMPT, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP}, {EV_NOTIFY, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(test_os.work, 0);
}
END_TEST

static unsigned int raise_count;

/* Re-raise the interrupt from inside itself a few times: each delivery
 * happens at the next unmask, wherever that is. */
static void chain_irq(void *arg, unsigned long interrupted)
{
	(void)arg;
	notify_irq((void *)(unsigned long)IRQENTRY_WORK_SIGPENDING,
		   interrupted);
	if (++raise_count < 3)
		irqentry_hosted_raise(chain_irq, NULL);
}

START_TEST(interrupt_at_every_unmask)
{
	struct test_regs regs = frame_user();
	irqentry_state_t state = irqentry_enter(&regs);

	raise_count = 0;
	test_os.work = IRQENTRY_WORK_SIGPENDING;
	irqentry_hosted_raise(chain_irq, NULL);
	irqentry_exit(&regs, state);
	/* Three interrupts, each raising SIGPENDING: the loop ends only
	 * after a masked re-read shows nothing left. */
	ck_assert_uint_eq(irqentry_hosted_cpu()->delivered, 3);
	ck_assert_uint_eq(test_os.work, 0);
	ck_assert_uint_eq(STATUS(), S_OFF);
	ck_assert(test_os.trace[test_os.n - 1].ev == EV_EXIT_USER);
	ck_assert(test_os.trace[test_os.n - 2].ev == EV_PREPARE);
	ck_assert(test_os.trace[test_os.n - 3].ev == EV_SIGNAL);
}
END_TEST

START_TEST(prepare_and_after_prepare_split)
{
	struct test_regs regs = frame_user();

	irqentry_enter_from_user_mode(&regs);
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	ck_assert_uint_eq(irqentry_exit_to_user_mode_work_pending(),
			  IRQENTRY_WORK_NEED_RESCHED);
	irqentry_exit_to_user_mode_prepare(&regs);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SCHEDULE, S_ON},
		    {EV_PREPARE, S_OFF});
	ck_assert_uint_eq(irqentry_exit_to_user_mode_work_pending(), 0);
	/* New work now is the next exit's business: after_prepare only
	 * manages state. */
	test_os.work = IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_SIGPENDING;
	irqentry_exit_to_user_mode_after_prepare(&regs);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SCHEDULE, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(unknown_os_bits_ignored)
{
	struct test_regs regs = frame_user();

	/* An OS bit not declared in IRQENTRY_OS_WORK_MASK is not loop
	 * work (library-internal bits 5..7 neither). */
	test_os.work = 1UL << 12;
	user_round_trip(&regs);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_PREPARE, S_TRAP}, {EV_EXIT_USER, S_TRAP});
}
END_TEST

Suite *irqentry_user_suite(void)
{
	Suite *s = suite_create("user");
	TCase *tc = tcase_create("loop");

	test_add_fixture(tc);
	tcase_add_test(tc, no_work_fast_path);
	tcase_add_test(tc, loop_order);
	tcase_add_test(tc, work_check_before_each_read);
	tcase_add_test(tc, work_check_raises_work);
	tcase_add_test(tc, work_check_raises_work_in_loop);
	tcase_add_test(tc, notify_signal_delivers);
	tcase_add_test(tc, unknown_os_bits_ignored);
	tcase_add_test(tc, prepare_and_after_prepare_split);
	suite_add_tcase(s, tc);

	tc = tcase_create("lazy");
	test_add_fixture(tc);
	tcase_add_test(tc, lazy_honoured_at_user_exit);
	tcase_add_test(tc, need_resched_again_schedules_again);
	suite_add_tcase(s, tc);

	tc = tcase_create("raised");
	test_add_fixture(tc);
	tcase_add_test(tc, work_raised_in_schedule);
	tcase_add_test(tc, work_raised_in_signal_delivery);
	tcase_add_test(tc, work_raised_by_injected_interrupt);
	tcase_add_test(tc, resched_by_interrupt_in_loop_preempts_there);
	tcase_add_test(tc, interrupt_at_every_unmask);
	suite_add_tcase(s, tc);
	return s;
}
