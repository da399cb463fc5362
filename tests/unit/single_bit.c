/* SPDX-License-Identifier: MIT */
/*
 * The exception and NMI-class wrappers of the single-mask-bit backends
 * (RISC-V sstatus.SIE, x86 RFLAGS.IF) have the same contract: interrupts
 * back on for the handler only if the interrupted context had them, off
 * again before the combined exit; NMI-class never preempts. One suite, run
 * by both backends through their table (single_bit.h).
 */
#include "../harness.h"
#include "single_bit.h"

static int handler_arg;

/* An exception handler: records the NMI depth it runs at. */
static void handler(struct test_regs *regs, void *arg)
{
	(void)regs;
	ck_assert_ptr_eq(arg, &handler_arg);
	test_record(EV_HANDLER, (long)irqentry_in_nmi());
}

/* A device interrupt's handler: asks for a reschedule. */
static void irq_handler(struct test_regs *regs, void *arg)
{
	(void)regs;
	(void)arg;
	test_record(EV_IRQ_BEGIN, 0);
	irqentry_work_set(irqentry_os_work(), IRQENTRY_WORK_NEED_RESCHED);
}

/* A simulated interrupt taken by the kernel code it hits. */
static void hosted_irq(void *arg, unsigned long interrupted)
{
	struct test_regs regs = frame_from_interrupted(interrupted);

	(void)arg;
	single_bit.irq(&regs, irq_handler, NULL);
}

START_TEST(exception_kernel_irqs_on)
{
	struct test_regs regs = frame_kernel(true);
	struct test_regs saved = regs;

	single_bit.exception(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_ON},
		    {EV_EXIT_KERNEL, S_OFF});
	ck_assert_uint_eq(WRITES(), 2);
	ck_assert_uint_eq(STATUS(), S_OFF);
	ck_assert_mem_eq(&regs, &saved, sizeof(regs));
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(exception_kernel_irqs_off)
{
	struct test_regs regs = frame_kernel(false);

	/* The faulting code had interrupts masked: the handler keeps it clear and
	 * nothing preempts it, whatever is pending. */
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	single_bit.exception(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(exception_kernel_preempts)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	single_bit.exception(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_ON},
		    {EV_PREEMPT, S_OFF}, {EV_EXIT_KERNEL, S_OFF});
	ck_assert_uint_eq(WRITES(), 2);
	ck_assert_uint_eq(test_os.work, 0);
}
END_TEST

START_TEST(exception_user)
{
	struct test_regs regs = frame_user();

	single_bit.exception(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 2);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(exception_user_work_loop)
{
	struct test_regs regs = frame_user();

	test_os.work = IRQENTRY_WORK_SIGPENDING;
	single_bit.exception(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_ON},
		    {EV_SIGNAL, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 4);
}
END_TEST

START_TEST(exception_interrupted_by_irq)
{
	struct test_regs regs = frame_kernel(true);

	/* Pending now, taken at the unmask that opens the handler: the IRQ
	 * preempts the page-fault handler, which then resumes with SIE set
	 * again, exactly as the IRQ found it. */
	irqentry_hosted_raise(hosted_irq, NULL);
	single_bit.exception(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_ENTER_KERNEL, S_TRAP},
		    {EV_IRQ_BEGIN, S_TRAP}, {EV_PREEMPT, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP}, {EV_HANDLER, S_ON},
		    {EV_EXIT_KERNEL, S_OFF});
	ck_assert_uint_eq(irqentry_hosted_cpu()->delivered, 1);
	ck_assert_uint_eq(WRITES(), 2);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(exception_pair_kernel)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = single_bit.exception_enter(&regs);

	ck_assert_uint_eq(STATUS(), S_ON);
	ck_assert_uint_eq(WRITES(), 1);
	single_bit.exception_exit(&regs, state);
	ck_assert_uint_eq(STATUS(), S_OFF);
	ck_assert_uint_eq(WRITES(), 2);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_EXIT_KERNEL, S_OFF});
}
END_TEST

START_TEST(nmi_class_irqs_off_context)
{
	struct test_regs regs = frame_kernel(false);

	single_bit.nmi_class(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_NMI_ENTER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_NMI_EXIT, S_TRAP});
	ck_assert_uint_eq(WRITES(), 0);
}
END_TEST

START_TEST(exception_pair_user)
{
	struct test_regs regs = frame_user();
	irqentry_state_t state = single_bit.exception_enter(&regs);

	ck_assert_uint_eq(STATUS(), S_ON);
	single_bit.exception_exit(&regs, state);
	ck_assert_uint_eq(STATUS(), S_OFF);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 2);
}
END_TEST

START_TEST(exception_user_work_loop_two_passes)
{
	struct test_regs regs = frame_user();

	test_os.work = IRQENTRY_WORK_SIGPENDING | IRQENTRY_WORK_NEED_RESCHED;
	test_os.reraise_resched = 1;
	single_bit.exception(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_ON},
		    {EV_SCHEDULE, S_ON}, {EV_SIGNAL, S_ON}, {EV_SCHEDULE, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 2 + 2 * 2);
}
END_TEST

TCase *single_bit_exception_tcase(void)
{
	TCase *tc = tcase_create("exception");

	test_add_fixture(tc);
	tcase_add_test(tc, exception_kernel_irqs_on);
	tcase_add_test(tc, exception_kernel_irqs_off);
	tcase_add_test(tc, exception_kernel_preempts);
	tcase_add_test(tc, exception_user);
	tcase_add_test(tc, exception_user_work_loop);
	tcase_add_test(tc, exception_interrupted_by_irq);
	tcase_add_test(tc, exception_pair_kernel);
	tcase_add_test(tc, nmi_class_irqs_off_context);
	tcase_add_test(tc, exception_pair_user);
	tcase_add_test(tc, exception_user_work_loop_two_passes);
	return tc;
}
