/* SPDX-License-Identifier: MIT */
/*
 * Syscalls: entry work order and skip paths, number rewrite by a tracer,
 * exit work exactly once and in order, then the ordinary return to user;
 * a new thread's first return, and threads that die on the way.
 */
#include <setjmp.h>

#include "../harness.h"

/* What an arch syscall wrapper does; returns the number dispatched. */
static long do_syscall(struct test_regs *regs)
{
	long nr;

	regs->ret = -38; /* preset: -ENOSYS unless the syscall runs */
	nr = irqentry_syscall_enter_from_user_mode(regs, regs->nr);
	if (nr >= 0) {
		test_record(EV_SYSCALL, nr);
		regs->ret = nr * 10;
	}
	irqentry_syscall_exit_to_user_mode(regs);
	return nr;
}

START_TEST(plain_syscall)
{
	struct test_regs regs = frame_user();

	regs.nr = 5;
	ck_assert_int_eq(do_syscall(&regs), 5);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SYSCALL, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_int_eq(regs.ret, 50);
	ck_assert_uint_eq(WRITES(), 2);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(all_entry_and_exit_work_in_order)
{
	struct test_regs regs = frame_user();

	regs.nr = 9;
	test_os.syscall_work =
		IRQENTRY_SYSCALL_WORK_USER_DISPATCH |
		IRQENTRY_SYSCALL_WORK_TRACE | IRQENTRY_SYSCALL_WORK_FILTER |
		IRQENTRY_SYSCALL_WORK_TRACEPOINT | IRQENTRY_SYSCALL_WORK_AUDIT;
	ck_assert_int_eq(do_syscall(&regs), 9);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SC_DISPATCH, S_ON},
		    {EV_SC_TRACE_ENTER, S_ON}, {EV_SC_FILTER, S_ON},
		    {EV_SC_GET_NR, S_ON}, {EV_SC_TP_ENTER, S_ON},
		    {EV_SC_GET_NR, S_ON}, {EV_SC_AUDIT_ENTER, S_ON},
		    {EV_SYSCALL, S_ON}, {EV_SC_AUDIT_EXIT, S_ON},
		    {EV_SC_TP_EXIT, S_ON}, {EV_SC_TRACE_EXIT, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_int_eq(test_os.trace[11].arg, 0); /* not a step report */
}
END_TEST

START_TEST(user_dispatch_skips)
{
	struct test_regs regs = frame_user();

	regs.nr = 1;
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_USER_DISPATCH |
			       IRQENTRY_SYSCALL_WORK_TRACE |
			       IRQENTRY_SYSCALL_WORK_AUDIT |
			       IRQENTRY_SYSCALL_WORK_TRACEPOINT |
			       IRQENTRY_SYSCALL_WORK_SINGLESTEP;
	test_os.dispatch_skip = true;
	ck_assert_int_eq(do_syscall(&regs), -1);
	/* Redirected: its ABI may not be ours, its entry was never reported,
	 * so no exit work either (Linux's syscall_exit_work() returns early
	 * on dispatch). */
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SC_DISPATCH, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_int_eq(regs.ret, -38);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(user_dispatch_not_redirected_keeps_exit_work)
{
	struct test_regs regs = frame_user();

	regs.nr = 1;
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_USER_DISPATCH |
			       IRQENTRY_SYSCALL_WORK_TRACE;
	ck_assert_int_eq(do_syscall(&regs), 1);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SC_DISPATCH, S_ON},
		    {EV_SC_TRACE_ENTER, S_ON}, {EV_SC_GET_NR, S_ON},
		    {EV_SYSCALL, S_ON}, {EV_SC_TRACE_EXIT, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
}
END_TEST

/* The next syscall after a redirected one is reported in full. */
START_TEST(user_dispatch_skip_is_per_syscall)
{
	struct test_regs regs = frame_user();

	regs.nr = 1;
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_USER_DISPATCH |
			       IRQENTRY_SYSCALL_WORK_AUDIT;
	test_os.dispatch_skip = true;
	ck_assert_int_eq(do_syscall(&regs), -1);
	test_os.dispatch_skip = false;
	test_os.n = 0;
	regs = frame_user();
	regs.nr = 2;
	ck_assert_int_eq(do_syscall(&regs), 2);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SC_DISPATCH, S_ON},
		    {EV_SC_GET_NR, S_ON}, {EV_SC_AUDIT_ENTER, S_ON},
		    {EV_SYSCALL, S_ON}, {EV_SC_AUDIT_EXIT, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(test_os.work, 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(tracer_skips)
{
	struct test_regs regs = frame_user();

	regs.nr = 1;
	test_os.syscall_work =
		IRQENTRY_SYSCALL_WORK_TRACE | IRQENTRY_SYSCALL_WORK_FILTER;
	test_os.trace_skip = true;
	ck_assert_int_eq(do_syscall(&regs), -1);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SC_TRACE_ENTER, S_ON},
		    {EV_SC_TRACE_EXIT, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
}
END_TEST

START_TEST(emu_always_skips_and_no_step_report)
{
	struct test_regs regs = frame_user();

	regs.nr = 1;
	test_os.syscall_work =
		IRQENTRY_SYSCALL_WORK_EMU | IRQENTRY_SYSCALL_WORK_SINGLESTEP;
	ck_assert_int_eq(do_syscall(&regs), -1);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SC_TRACE_ENTER, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
}
END_TEST

START_TEST(filter_denies)
{
	struct test_regs regs = frame_user();

	regs.nr = 1;
	test_os.syscall_work =
		IRQENTRY_SYSCALL_WORK_FILTER | IRQENTRY_SYSCALL_WORK_AUDIT;
	test_os.filter_skip = true;
	ck_assert_int_eq(do_syscall(&regs), -1);
	/* Denied before audit; audit still records the exit. */
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SC_FILTER, S_ON},
		    {EV_SC_AUDIT_EXIT, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
}
END_TEST

START_TEST(tracer_rewrites_number)
{
	struct test_regs regs = frame_user();

	regs.nr = 1;
	test_os.syscall_work =
		IRQENTRY_SYSCALL_WORK_TRACE | IRQENTRY_SYSCALL_WORK_TRACEPOINT;
	test_os.rewrite_nr = 42;
	ck_assert_int_eq(do_syscall(&regs), 42);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SC_TRACE_ENTER, S_ON},
		    {EV_SC_GET_NR, S_ON}, {EV_SC_TP_ENTER, S_ON},
		    {EV_SC_GET_NR, S_ON}, {EV_SYSCALL, S_ON},
		    {EV_SC_TP_EXIT, S_ON}, {EV_SC_TRACE_EXIT, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_int_eq(test_os.trace[3].arg, 42);
	ck_assert_int_eq(regs.ret, 420);
}
END_TEST

/* A tracepoint probe (BPF) may change the number too; audit and the
 * dispatcher see its value (Linux since "entry: Respect changes to system
 * call number by trace_sys_enter()", 2024). */
START_TEST(tracepoint_rewrites_number)
{
	struct test_regs regs = frame_user();

	regs.nr = 1;
	test_os.syscall_work =
		IRQENTRY_SYSCALL_WORK_TRACEPOINT | IRQENTRY_SYSCALL_WORK_AUDIT;
	test_os.tp_rewrite_nr = 7;
	ck_assert_int_eq(do_syscall(&regs), 7);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SC_GET_NR, S_ON},
		    {EV_SC_TP_ENTER, S_ON}, {EV_SC_GET_NR, S_ON},
		    {EV_SC_AUDIT_ENTER, S_ON}, {EV_SYSCALL, S_ON},
		    {EV_SC_AUDIT_EXIT, S_ON}, {EV_SC_TP_EXIT, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_int_eq(test_os.trace[2].arg, 1);
	ck_assert_int_eq(test_os.trace[4].arg, 7);
	ck_assert_int_eq(regs.ret, 70);
}
END_TEST

START_TEST(singlestep_reports_step)
{
	struct test_regs regs = frame_user();

	regs.nr = 2;
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_SINGLESTEP;
	ck_assert_int_eq(do_syscall(&regs), 2);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SYSCALL, S_ON},
		    {EV_SC_TRACE_EXIT, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_int_eq(test_os.trace[2].arg, 1);
}
END_TEST

START_TEST(work_loop_after_exit_work)
{
	struct test_regs regs = frame_user();

	regs.nr = 3;
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_AUDIT;
	test_os.work = IRQENTRY_WORK_SIGPENDING;
	ck_assert_int_eq(do_syscall(&regs), 3);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SC_GET_NR, S_ON},
		    {EV_SC_AUDIT_ENTER, S_ON}, {EV_SYSCALL, S_ON},
		    {EV_SC_AUDIT_EXIT, S_ON}, {EV_SIGNAL, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 4);
}
END_TEST

/* The syscall-only steps with IRQs still masked: after the user-mode entry
 * and before IRQs are enabled, and after the exit work loop (nothing may
 * schedule any more) and before the state management of the return. */
START_TEST(masked_steps_in_place)
{
	struct test_regs regs = frame_user();

	regs.nr = 4;
	test_os.record_masked = true;
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	ck_assert_int_eq(do_syscall(&regs), 4);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_SC_ENTER_MASKED, S_TRAP},
		    {EV_SYSCALL, S_ON}, {EV_SCHEDULE, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_SC_EXIT_MASKED, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

/* Only syscalls: an interrupt's return to user does not call them. */
START_TEST(masked_steps_syscall_only)
{
	struct test_regs regs = frame_user();
	irqentry_state_t st;

	test_os.record_masked = true;
	st = irqentry_enter(&regs);
	irqentry_exit(&regs, st);
	ck_assert_uint_eq(test_os.count[EV_SC_ENTER_MASKED], 0);
	ck_assert_uint_eq(test_os.count[EV_SC_EXIT_MASKED], 0);
}
END_TEST

/* ---- Threads: the first return of a new one, and dying ones ---------- */

/* The CPU as a thread switched to in the kernel finds it: not in user mode,
 * and (debug) the depth of whatever the previous thread was inside. */
static void switched_in(unsigned int depth_left_behind)
{
	irqentry_os_thread()->in_user = 0;
	irqentry_os_thread()->depth = depth_left_behind;
	irqentry_hosted_reset(S_ON); /* the switch returns with IRQs on */
}

static void cpu_clean(bool in_user)
{
	struct irqentry_cpu *cpu = irqentry_os_cpu();
	struct irqentry_thread *thread = irqentry_os_thread();
	unsigned int want_user = in_user ? 1U : 0U;

	/* The thread's debug bookkeeping (kept by debug builds only). */
	if (IRQENTRY_DEBUG) {
		ck_assert_uint_eq(thread->depth, 0);
		ck_assert_uint_eq(thread->no_sched, 0);
		ck_assert_uint_eq(thread->in_user, want_user);
	}
	ck_assert_uint_eq(cpu->nmi_depth, 0);
	/* No library bit left in the thread's work word. */
	ck_assert_uint_eq(test_os.work & ((1UL << IRQENTRY_WORK_OS_SHIFT) - 1) &
				  ~IRQENTRY_WORK_LIBRARY_MASK,
			  0);
}

/* A traced fork child: its first return is a syscall return, with the
 * syscall-exit stop, which a debug build accepts although the thread never
 * had an entry (Linux: ret_from_fork -> syscall_exit_to_user_mode()). */
START_TEST(new_thread_first_return)
{
	struct test_regs regs = frame_user();

	switched_in(1); /* the parent was preempted in a kernel entry */
	regs.ret = 0;   /* fork() returns 0 in the child */
	test_os.syscall_work =
		IRQENTRY_SYSCALL_WORK_TRACE | IRQENTRY_SYSCALL_WORK_AUDIT;
	irqentry_syscall_new_thread(&regs);
	irqentry_syscall_exit_to_user_mode(&regs);
	CHECK_TRACE({EV_SC_AUDIT_EXIT, S_ON}, {EV_SC_TRACE_EXIT, S_ON},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_int_eq(regs.ret, 0);
	ck_assert_uint_eq(NREPORTS(), 0);
	cpu_clean(true);
	/* Its next syscall is an ordinary one. */
	test_os.n = 0;
	regs.nr = 3;
	irqentry_hosted_reset(S_TRAP);
	ck_assert_int_eq(do_syscall(&regs), 3);
	ck_assert_uint_eq(test_os.count[EV_SC_TRACE_EXIT], 2); /* one each */
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

/* A copied parent work word may carry the library's private bits. */
START_TEST(new_thread_clears_copied_bits)
{
	struct test_regs regs = frame_user();

	switched_in(0);
	test_os.work = (1UL << 6) | (1UL << 7); /* the parent's, mid-syscall */
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_USER_DISPATCH |
			       IRQENTRY_SYSCALL_WORK_TRACE;
	irqentry_syscall_new_thread(&regs);
	irqentry_syscall_exit_to_user_mode(&regs);
	/* Not taken for a redirected syscall: the stop is reported. */
	CHECK_TRACE({EV_SC_TRACE_EXIT, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(NREPORTS(), 0);
	cpu_clean(true);
}
END_TEST

static jmp_buf thread_gone;

/* The OS's exit: tell the library, switch away for good. */
static void os_exit_thread(void)
{
	irqentry_thread_dead();
	longjmp(thread_gone, 1);
}

/* The next thread on this CPU: a new one, first return, one syscall. */
static void next_thread_runs(void)
{
	struct test_regs regs = frame_user();

	test_os.on_event[EV_SIGNAL] = NULL;
	test_os.on_event[EV_HANDLER] = NULL;
	test_os.work = 0;
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_TRACE;
	switched_in(irqentry_os_thread()->depth);
	irqentry_syscall_new_thread(&regs);
	irqentry_syscall_exit_to_user_mode(&regs);
	regs.nr = 2;
	irqentry_hosted_reset(S_TRAP);
	ck_assert_int_eq(do_syscall(&regs), 2);
	ck_assert_uint_eq(NREPORTS(), 0);
	cpu_clean(true);
}

/* A fatal signal: the signal hook calls the OS's exit. */
START_TEST(thread_dies_in_work_loop)
{
	struct test_regs regs = frame_user();

	regs.nr = 1;
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_AUDIT;
	test_os.work = IRQENTRY_WORK_SIGPENDING;
	test_os.on_event[EV_SIGNAL] = os_exit_thread;
	if (!setjmp(thread_gone)) {
		(void)do_syscall(&regs);
		ck_abort_msg("the signal hook returned");
	}
	cpu_clean(false);
	next_thread_runs();
}
END_TEST

/* exit() itself: the dispatcher never returns, the exit work is owed. */
static void exit_syscall(struct test_regs *regs, long nr, void *arg)
{
	(void)regs;
	(void)nr;
	(void)arg;
	os_exit_thread();
}

START_TEST(thread_dies_in_dispatcher)
{
	struct test_regs regs = frame_user();
	long nr;

	regs.nr = 1;
	if (!setjmp(thread_gone)) {
		nr = irqentry_syscall_enter_from_user_mode(&regs, regs.nr);
		(void)irqentry_syscall_dispatch(&regs, nr, exit_syscall, NULL);
		ck_abort_msg("exit returned");
	}
	cpu_clean(false);
	next_thread_runs();
}
END_TEST

/* A fatal kernel fault inside a syscall: the thread dies in the handler
 * of a kernel-mode entry it never leaves. */
static void fatal_fault(struct test_regs *regs, void *arg)
{
	(void)regs;
	(void)arg;
	os_exit_thread();
}

static void faulting_syscall(struct test_regs *regs, long nr, void *arg)
{
	struct test_regs kregs = frame_kernel(true);
	irqentry_state_t st;

	(void)regs;
	(void)nr;
	(void)arg;
	irqentry_arch_local_irq_disable(); /* the fault's trap */
	st = irqentry_enter(&kregs);
	irqentry_call_handler(&kregs, fatal_fault, NULL);
	irqentry_exit(&kregs, st);
}

START_TEST(thread_dies_in_kernel_fault)
{
	struct test_regs regs = frame_user();
	long nr;

	regs.nr = 1;
	if (!setjmp(thread_gone)) {
		nr = irqentry_syscall_enter_from_user_mode(&regs, regs.nr);
		(void)irqentry_syscall_dispatch(&regs, nr, faulting_syscall,
						NULL);
		ck_abort_msg("the fault handler returned");
	}
	cpu_clean(false);
	next_thread_runs();
}
END_TEST

Suite *irqentry_syscall_suite(void)
{
	Suite *s = suite_create("syscall");
	TCase *tc = tcase_create("entry");

	test_add_fixture(tc);
	tcase_add_test(tc, plain_syscall);
	tcase_add_test(tc, all_entry_and_exit_work_in_order);
	tcase_add_test(tc, user_dispatch_skips);
	tcase_add_test(tc, user_dispatch_not_redirected_keeps_exit_work);
	tcase_add_test(tc, user_dispatch_skip_is_per_syscall);
	tcase_add_test(tc, tracer_skips);
	tcase_add_test(tc, emu_always_skips_and_no_step_report);
	tcase_add_test(tc, filter_denies);
	tcase_add_test(tc, tracer_rewrites_number);
	tcase_add_test(tc, tracepoint_rewrites_number);
	suite_add_tcase(s, tc);

	tc = tcase_create("exit");
	test_add_fixture(tc);
	tcase_add_test(tc, singlestep_reports_step);
	tcase_add_test(tc, work_loop_after_exit_work);
	tcase_add_test(tc, masked_steps_in_place);
	tcase_add_test(tc, masked_steps_syscall_only);
	suite_add_tcase(s, tc);

	tc = tcase_create("thread");
	test_add_fixture(tc);
	tcase_add_test(tc, new_thread_first_return);
	tcase_add_test(tc, new_thread_clears_copied_bits);
	tcase_add_test(tc, thread_dies_in_work_loop);
	tcase_add_test(tc, thread_dies_in_dispatcher);
	tcase_add_test(tc, thread_dies_in_kernel_fault);
	suite_add_tcase(s, tc);
	return s;
}
