/* SPDX-License-Identifier: MIT */
/*
 * The riscv backend's own suite: its wrappers' hook sequences and mask
 * register at each step, and its write counts per path. Built only into
 * the riscv executables.
 *
 * sstatus.SIE writes per path (fast / per work-loop pass), as asserted
 * below: irq 0 / +2, exception with SPIE set 2 / +2, with SPIE clear 0,
 * kernel_trap 0, ecall_u 2 / +2.
 */
#include <limits.h>

#include "../harness.h"
#include "single_bit.h"

static int handler_arg;
static int dispatch_arg;

/* An exception or interrupt handler: records the NMI depth it runs at. */
static void handler(struct test_regs *regs, void *arg)
{
	(void)regs;
	ck_assert_ptr_eq(arg, &handler_arg);
	test_record(EV_HANDLER, (long)irqentry_in_nmi());
}

/* A syscall dispatcher: sees the preset error, stores nr * 10. */
static void dispatch(struct test_regs *regs, long nr, void *arg)
{
	ck_assert_ptr_eq(arg, &dispatch_arg);
	ck_assert_int_eq(regs->ret, IRQENTRY_OS_ENOSYS);
	test_record(EV_SYSCALL, nr);
	regs->ret = nr * 10;
}

/* A device interrupt's handler: asks for a reschedule. */
static void irq_handler(struct test_regs *regs, void *arg)
{
	(void)regs;
	(void)arg;
	test_record(EV_IRQ_BEGIN, 0);
	irqentry_work_set(irqentry_os_work(), IRQENTRY_WORK_NEED_RESCHED);
}

/* A simulated interrupt taken by the S-mode code it hits. */
static void hosted_irq(void *arg, unsigned long interrupted)
{
	struct test_regs regs = frame_from_interrupted(interrupted);

	(void)arg;
	irqentry_riscv_irq(&regs, irq_handler, NULL);
}

/* A kernel trap (ebreak, BUG) hit by whatever runs now. */
static void kernel_trap_now(void)
{
	struct test_regs regs = frame_kernel(false);

	irqentry_riscv_kernel_trap(&regs, handler, &handler_arg);
}

/* An IRQ handler that hits a kernel trap, then asks for a reschedule. */
static void irq_handler_traps(struct test_regs *regs, void *arg)
{
	kernel_trap_now();
	irq_handler(regs, arg);
}

static void arch_reset(void)
{
	test_orig_a0 = 0;
}

/* ---- irq ----------------------------------------------------------------- */

START_TEST(irq_from_kernel)
{
	struct test_regs regs = frame_kernel(true);
	struct test_regs saved = regs;

	irqentry_riscv_irq(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(WRITES(), 0);
	/* sret restores SIE from the untouched SPIE; SIE is clear till then. */
	ck_assert_uint_eq(STATUS(), S_TRAP);
	ck_assert_mem_eq(&regs, &saved, sizeof(regs));
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(irq_from_kernel_preempts)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	irqentry_riscv_irq(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(test_os.work, 0);
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(irq_from_user)
{
	struct test_regs regs = frame_user();

	irqentry_riscv_irq(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(irq_from_user_work_loop)
{
	struct test_regs regs = frame_user();

	/* Two passes: the schedule raises NEED_RESCHED once more. */
	test_os.work = IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_SIGPENDING;
	test_os.reraise_resched = 1;
	irqentry_riscv_irq(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_SCHEDULE, S_ON}, {EV_SIGNAL, S_ON}, {EV_SCHEDULE, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 4);
	ck_assert_uint_eq(test_os.work, 0);
	ck_assert_uint_eq(STATUS(), S_OFF);
}
END_TEST

START_TEST(irq_pair)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state;

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	state = irqentry_riscv_irq_enter(&regs);
	test_record(EV_HANDLER, 0);
	irqentry_riscv_irq_exit(&regs, state);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(WRITES(), 0);
}
END_TEST

/* ---- exception ------------------------------------------------------------ */

/* ---- kernel_trap (NMI class) ---------------------------------------------- */

START_TEST(kernel_trap_never_preempts)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_SIGPENDING;
	irqentry_riscv_kernel_trap(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_NMI_ENTER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_NMI_EXIT, S_TRAP});
	ck_assert_int_eq(test_os.trace[1].arg, 1); /* ran NMI-class */
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED |
						IRQENTRY_WORK_SIGPENDING);
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(kernel_trap_inside_irq)
{
	struct test_regs regs = frame_kernel(true);

	/* A trap in an IRQ handler nests NMI-class; the IRQ's own exit still
	 * preempts for the reschedule its handler asked for. */
	irqentry_riscv_irq(&regs, irq_handler_traps, NULL);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_NMI_ENTER, S_TRAP},
		    {EV_HANDLER, S_TRAP}, {EV_NMI_EXIT, S_TRAP},
		    {EV_IRQ_BEGIN, S_TRAP}, {EV_PREEMPT, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(kernel_trap_inside_preemption)
{
	struct test_regs regs = frame_kernel(true);

	/* A trap inside the preemption itself does not preempt again. */
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.on_event[EV_PREEMPT] = kernel_trap_now;
	test_os.reraise_resched = 1;
	irqentry_riscv_irq(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_NMI_ENTER, S_TRAP},
		    {EV_HANDLER, S_TRAP}, {EV_NMI_EXIT, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_NMI_ENTER, S_TRAP},
		    {EV_HANDLER, S_TRAP}, {EV_NMI_EXIT, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(kernel_trap_pair)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state;

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	state = irqentry_riscv_kernel_trap_enter(&regs);
	ck_assert_uint_eq(irqentry_in_nmi(), 1);
	irqentry_riscv_kernel_trap_exit(&regs, state);
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
	CHECK_TRACE({EV_NMI_ENTER, S_TRAP}, {EV_NMI_EXIT, S_TRAP});
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED);
}
END_TEST

#if IRQENTRY_DEBUG
START_TEST(kernel_trap_user_frame_reported)
{
	struct test_regs regs = frame_user();

	irqentry_riscv_kernel_trap(&regs, handler, &handler_arg);
	CHECK_REPORT(IRQENTRY_RULE_WRONG_MODE);
}
END_TEST
#endif

/* ---- ecall_u ----------------------------------------------------------- */

/* A U-mode ecall frame: a7 = @nr, a0 = 111, sepc at the ecall. */
static struct test_regs frame_ecall(long nr)
{
	struct test_regs r = frame_user();

	r.nr = nr;
	r.ret = 111;
	r.pc = 0x10000;
	return r;
}

START_TEST(ecall_dispatches)
{
	struct test_regs regs = frame_ecall(5);

	irqentry_riscv_ecall_u(&regs, dispatch, &dispatch_arg);
	CHECK_TRACE({EV_SC_GET_NR, S_TRAP}, {EV_ENTER_USER, S_TRAP},
		    {EV_SYSCALL, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_int_eq(regs.ret, 50);
	ck_assert_uint_eq(regs.pc, 0x10004); /* sret resumes after the ecall */
	ck_assert_int_eq(test_orig_a0, 111); /* first argument kept */
	ck_assert_uint_eq(regs.status, frame_user().status);
	ck_assert_uint_eq(WRITES(), 2);
	ck_assert_uint_eq(STATUS(), S_OFF);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

/* The vector-state discard runs SIE clear, before SIE is set (Linux
 * do_trap_ecall_u: riscv_v_vstate_discard); the exit step after the loop. */
START_TEST(ecall_masked_steps)
{
	struct test_regs regs = frame_ecall(5);

	test_os.record_masked = true;
	test_os.work = IRQENTRY_WORK_NOTIFY_RESUME;
	irqentry_riscv_ecall_u(&regs, dispatch, &dispatch_arg);
	CHECK_TRACE({EV_SC_GET_NR, S_TRAP}, {EV_ENTER_USER, S_TRAP},
		    {EV_SC_ENTER_MASKED, S_TRAP}, {EV_SYSCALL, S_ON},
		    {EV_NOTIFY, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_SC_EXIT_MASKED, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(ecall_bounds_dispatched)
{
	struct test_regs regs = frame_ecall(0);

	irqentry_riscv_ecall_u(&regs, dispatch, &dispatch_arg);
	ck_assert_int_eq(regs.ret, 0);
	regs = frame_ecall(IRQENTRY_OS_NR_SYSCALLS - 1);
	irqentry_riscv_ecall_u(&regs, dispatch, &dispatch_arg);
	ck_assert_int_eq(regs.ret, (IRQENTRY_OS_NR_SYSCALLS - 1) * 10);
	ck_assert_uint_eq(test_os.count[EV_SYSCALL], 2);
	ck_assert_uint_eq(WRITES(), 4);
}
END_TEST

START_TEST(ecall_out_of_range_not_dispatched)
{
	static const long bad[] = {IRQENTRY_OS_NR_SYSCALLS,
				   IRQENTRY_OS_NR_SYSCALLS + 1,
				   -1,
				   -5,
				   LONG_MAX,
				   LONG_MIN};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct test_regs regs = frame_ecall(bad[i]);

		irqentry_riscv_ecall_u(&regs, dispatch, &dispatch_arg);
		ck_assert_int_eq(regs.ret, IRQENTRY_OS_ENOSYS);
		ck_assert_uint_eq(regs.pc, 0x10004);
		ck_assert_uint_eq(WRITES(), 2 * (i + 1));
	}
	ck_assert_uint_eq(test_os.count[EV_SYSCALL], 0);
	ck_assert_uint_eq(test_os.count[EV_EXIT_USER], i);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(ecall_skipped_by_tracer)
{
	struct test_regs regs = frame_ecall(5);

	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_TRACE;
	test_os.trace_skip = true;
	irqentry_riscv_ecall_u(&regs, dispatch, &dispatch_arg);
	CHECK_TRACE({EV_SC_GET_NR, S_TRAP}, {EV_ENTER_USER, S_TRAP},
		    {EV_SC_TRACE_ENTER, S_ON}, {EV_SC_TRACE_EXIT, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_int_eq(regs.ret, IRQENTRY_OS_ENOSYS);
	ck_assert_uint_eq(WRITES(), 2);
}
END_TEST

START_TEST(ecall_tracer_rewrites_out_of_range)
{
	struct test_regs regs = frame_ecall(5);

	/* The number is checked after the tracer had its say. */
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_TRACE;
	test_os.rewrite_nr = 1000;
	irqentry_riscv_ecall_u(&regs, dispatch, &dispatch_arg);
	ck_assert_uint_eq(test_os.count[EV_SYSCALL], 0);
	ck_assert_int_eq(regs.ret, IRQENTRY_OS_ENOSYS);
}
END_TEST

START_TEST(ecall_work_loop)
{
	struct test_regs regs = frame_ecall(3);

	/* Exit work, then the loop (IRQs on), then the one-shot prepare
	 * step with SIE clear, after the loop. */
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_AUDIT;
	test_os.work = IRQENTRY_WORK_SIGPENDING | IRQENTRY_WORK_NEED_RESCHED;
	test_os.reraise_resched = 1;
	irqentry_riscv_ecall_u(&regs, dispatch, &dispatch_arg);
	CHECK_TRACE({EV_SC_GET_NR, S_TRAP}, {EV_ENTER_USER, S_TRAP},
		    {EV_SC_GET_NR, S_ON}, {EV_SC_AUDIT_ENTER, S_ON},
		    {EV_SYSCALL, S_ON}, {EV_SC_AUDIT_EXIT, S_ON},
		    {EV_SCHEDULE, S_ON}, {EV_SIGNAL, S_ON}, {EV_SCHEDULE, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 2 + 2 * 2);
	ck_assert_int_eq(regs.ret, 30);
}
END_TEST

START_TEST(ecall_pair)
{
	struct test_regs regs = frame_ecall(7);
	long nr = irqentry_riscv_ecall_u_enter(&regs);

	ck_assert_int_eq(nr, 7);
	ck_assert_uint_eq(STATUS(), S_ON);
	ck_assert_int_eq(regs.ret, IRQENTRY_OS_ENOSYS);
	irqentry_riscv_ecall_u_exit(&regs);
	ck_assert_uint_eq(STATUS(), S_OFF);

	regs = frame_ecall(IRQENTRY_OS_NR_SYSCALLS);
	ck_assert_int_eq(irqentry_riscv_ecall_u_enter(&regs), -1);
	irqentry_riscv_ecall_u_exit(&regs);
	ck_assert_uint_eq(WRITES(), 4);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(ecall_interrupted_by_irq)
{
	struct test_regs regs = frame_ecall(2);

	/* An IRQ pending at entry is taken at the csrs, between the entry
	 * work and the syscall; its reschedule runs in the syscall's loop. */
	irqentry_hosted_raise(hosted_irq, NULL);
	irqentry_riscv_ecall_u(&regs, dispatch, &dispatch_arg);
	CHECK_TRACE({EV_SC_GET_NR, S_TRAP}, {EV_ENTER_USER, S_TRAP},
		    {EV_ENTER_KERNEL, S_TRAP}, {EV_IRQ_BEGIN, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_EXIT_KERNEL, S_TRAP},
		    {EV_SYSCALL, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 2);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(backend_selected)
{
	ck_assert_str_eq(IRQENTRY_ARCH_NAME, "riscv64");
}
END_TEST

/* This backend's wrappers for the shared exception suite (single_bit.c). */
const struct single_bit_wrappers single_bit = {
	irqentry_riscv_exception,        irqentry_riscv_exception_enter,
	irqentry_riscv_exception_exit,   irqentry_riscv_irq,
	irqentry_riscv_kernel_trap,      irqentry_riscv_user_exception,
	irqentry_riscv_kernel_exception, irqentry_riscv_user_irq,
	irqentry_riscv_kernel_irq,
};

static TCase *arch_tcase(const char *name)
{
	TCase *tc = tcase_create(name);

	test_add_fixture(tc);
	tcase_add_checked_fixture(tc, arch_reset, NULL);
	return tc;
}

Suite *irqentry_arch_suite(void)
{
	Suite *s = suite_create("riscv");
	TCase *tc = arch_tcase("backend");

	tcase_add_test(tc, backend_selected);
	suite_add_tcase(s, tc);

	tc = arch_tcase("irq");
	tcase_add_test(tc, irq_from_kernel);
	tcase_add_test(tc, irq_from_kernel_preempts);
	tcase_add_test(tc, irq_from_user);
	tcase_add_test(tc, irq_from_user_work_loop);
	tcase_add_test(tc, irq_pair);
	suite_add_tcase(s, tc);

	suite_add_tcase(s, single_bit_exception_tcase());
	suite_add_tcase(s, single_bit_mode_known_tcase());

	tc = arch_tcase("nmi_class");
	tcase_add_test(tc, kernel_trap_never_preempts);
	tcase_add_test(tc, kernel_trap_inside_irq);
	tcase_add_test(tc, kernel_trap_inside_preemption);
	tcase_add_test(tc, kernel_trap_pair);
#if IRQENTRY_DEBUG
	tcase_add_test(tc, kernel_trap_user_frame_reported);
#endif
	suite_add_tcase(s, tc);

	tc = arch_tcase("syscall");
	tcase_add_test(tc, ecall_dispatches);
	tcase_add_test(tc, ecall_masked_steps);
	tcase_add_test(tc, ecall_bounds_dispatched);
	tcase_add_test(tc, ecall_out_of_range_not_dispatched);
	tcase_add_test(tc, ecall_skipped_by_tracer);
	tcase_add_test(tc, ecall_tracer_rewrites_out_of_range);
	tcase_add_test(tc, ecall_work_loop);
	tcase_add_test(tc, ecall_pair);
	tcase_add_test(tc, ecall_interrupted_by_irq);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, frame_access_tcase());
	return s;
}
