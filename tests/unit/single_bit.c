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

/* ---- Mode-known variants (two-vector kernels) ---------------------------- */

/* What a wrapper did: the trace, the writes, the end state. */
struct outcome {
	unsigned int n;
	struct test_event trace[TEST_TRACE_MAX];
	unsigned long writes, status, work;
	unsigned int nreports;
};

static void outcome_take(struct outcome *o)
{
	o->n = test_os.n;
	memcpy(o->trace, test_os.trace, sizeof(o->trace));
	o->writes = WRITES();
	o->status = STATUS();
	o->work = test_os.work;
	o->nreports = NREPORTS();
}

typedef void (*wrapper_fn)(struct test_regs *regs, irqentry_handler_fn fn,
			   void *arg);

/*
 * Every frame of the variant's mode, every kind of work: the mode-known
 * variant does exactly what the run-time dispatching wrapper does (hooks,
 * masks at each hook, writes, end state, work left).
 */
START_TEST(mode_known_matches_runtime)
{
	static const unsigned long works[] = {
		0,
		IRQENTRY_WORK_NEED_RESCHED,
		IRQENTRY_WORK_NEED_RESCHED_LAZY,
		IRQENTRY_WORK_SIGPENDING | IRQENTRY_WORK_NOTIFY_RESUME,
	};
	/* _i: work (4) x frame (user, kernel IRQs on, kernel IRQs off) x
	 * class (exception, irq) */
	unsigned long work = works[_i % 4];
	int frame = (_i / 4) % 3;
	bool irq = _i / 12 != 0;
	wrapper_fn runtime = irq ? single_bit.irq : single_bit.exception;
	wrapper_fn known = frame == 0 ? (irq ? single_bit.user_irq
					     : single_bit.user_exception)
				      : (irq ? single_bit.kernel_irq
					     : single_bit.kernel_exception);
	static struct outcome want, got;
	struct test_regs regs;
	unsigned int i;

	regs = frame == 0 ? frame_user() : frame_kernel(frame == 1);
	test_os.work = work;
	runtime(&regs, handler, &handler_arg);
	outcome_take(&want);

	test_reset();
	regs = frame == 0 ? frame_user() : frame_kernel(frame == 1);
	test_os.work = work;
	known(&regs, handler, &handler_arg);
	outcome_take(&got);

	ck_assert_uint_eq(got.n, want.n);
	for (i = 0; i < got.n; i++) {
		ck_assert_msg(
			got.trace[i].ev == want.trace[i].ev &&
				got.trace[i].status == want.trace[i].status,
			"step %u: %s at %#lx, the run-time wrapper: %s at %#lx",
			i, test_ev_name(got.trace[i].ev), got.trace[i].status,
			test_ev_name(want.trace[i].ev), want.trace[i].status);
	}
	ck_assert_uint_eq(got.writes, want.writes);
	ck_assert_uint_eq(got.status, want.status);
	ck_assert_uint_eq(got.work, want.work);
	ck_assert_uint_eq(got.nreports, 0);
	ck_assert_uint_eq(want.nreports, 0);
}
END_TEST

START_TEST(user_irq_work_loop)
{
	struct test_regs regs = frame_user();

	single_bit.user_irq(&regs, irq_handler, NULL);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_IRQ_BEGIN, S_TRAP},
		    {EV_SCHEDULE, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 2);
	ck_assert_uint_eq(test_os.work, 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(kernel_irq_preempts)
{
	struct test_regs regs = frame_kernel(true);

	single_bit.kernel_irq(&regs, irq_handler, NULL);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_IRQ_BEGIN, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(user_exception_handler_irqs_on)
{
	struct test_regs regs = frame_user();

	single_bit.user_exception(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 2);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(kernel_exception_irqs_off_no_write)
{
	struct test_regs regs = frame_kernel(false);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	single_bit.kernel_exception(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

/* A frame of the other mode: debug builds name the rule first. */
START_TEST(mode_known_wrong_mode_reported)
{
	wrapper_fn known[] = {single_bit.user_exception, single_bit.user_irq,
			      single_bit.kernel_exception,
			      single_bit.kernel_irq};
	struct test_regs regs = _i < 2 ? frame_kernel(true) : frame_user();

	known[_i](&regs, handler, &handler_arg);
#if IRQENTRY_DEBUG
	ck_assert_uint_ge(NREPORTS(), 1);
	ck_assert_int_eq(test_os.reports[0], IRQENTRY_RULE_WRONG_MODE);
#else
	ck_assert_uint_eq(NREPORTS(), 0);
#endif
}
END_TEST

TCase *single_bit_mode_known_tcase(void)
{
	TCase *tc = tcase_create("mode_known");

	test_add_fixture(tc);
	tcase_add_loop_test(tc, mode_known_matches_runtime, 0, 24);
	tcase_add_test(tc, user_irq_work_loop);
	tcase_add_test(tc, kernel_irq_preempts);
	tcase_add_test(tc, user_exception_handler_irqs_on);
	tcase_add_test(tc, kernel_exception_irqs_off_no_write);
	tcase_add_loop_test(tc, mode_known_wrong_mode_reported, 0, 4);
	return tc;
}

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
