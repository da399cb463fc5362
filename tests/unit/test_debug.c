/* SPDX-License-Identifier: MIT */
/*
 * Debug mode: each broken rule is reported under its own name, and the
 * library refuses the offending step instead of going on. Built into the
 * IRQENTRY_DEBUG=1 executables only; the debug=0 ones check that the same
 * misuse costs nothing (no report hook is even compiled in).
 */
#include "../harness.h"

#if IRQENTRY_DEBUG
START_TEST(exit_with_irqs_enabled)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_enter(&regs);

	irqentry_arch_local_irq_enable();
	irqentry_exit(&regs, state);
	CHECK_REPORT(IRQENTRY_RULE_EXIT_IRQS_ENABLED);
	/* Repaired: the exit went on with IRQs disabled. */
	ck_assert(irqentry_arch_irqs_disabled());
}
END_TEST

START_TEST(no_progress_stops_loop)
{
	struct test_regs regs = frame_user();

	test_os.work = IRQENTRY_WORK_SIGPENDING;
	test_os.keep_bits = true; /* the signal hook never clears its bit */
	irqentry_enter_from_user_mode(&regs);
	irqentry_exit_to_user_mode(&regs);
	CHECK_REPORT(IRQENTRY_RULE_NO_PROGRESS);
	ck_assert(irqentry_arch_irqs_disabled());
	ck_assert_uint_eq(test_os.count[EV_SIGNAL], IRQENTRY_WORK_LOOP_LIMIT);
}
END_TEST

START_TEST(preempt_declined_without_clearing)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_enter_from_kernel_mode(&regs);

	/* The preempt hook declines to switch and leaves NEED_RESCHED set:
	 * a release build would preempt again and again, forever. The veto
	 * belongs in irqentry_os_preempt_allowed(). */
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.keep_bits = true;
	irqentry_exit_to_kernel_mode_preempt(&regs, state);
	CHECK_REPORT(IRQENTRY_RULE_NO_PROGRESS);
	ck_assert_uint_eq(test_os.count[EV_PREEMPT], IRQENTRY_WORK_LOOP_LIMIT);
	ck_assert(irqentry_arch_irqs_disabled());
	irqentry_exit_to_kernel_mode_after_preempt(&regs, state);
	ck_assert_uint_eq(NREPORTS(), 1);
}
END_TEST

START_TEST(preempt_veto_declines_cleanly)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_enter_from_kernel_mode(&regs);

	/* The same refusal through the veto: no call, no report, and the
	 * bit stays for the next chance (preempt_enable, the user return). */
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.veto = true;
	irqentry_exit_to_kernel_mode_preempt(&regs, state);
	irqentry_exit_to_kernel_mode_after_preempt(&regs, state);
	ck_assert_uint_eq(test_os.count[EV_PREEMPT], 0);
	ck_assert_uint_eq(NREPORTS(), 0);
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED);
}
END_TEST

static void enable_irqs(void)
{
	irqentry_arch_local_irq_enable();
}

START_TEST(prepare_returns_irqs_enabled)
{
	struct test_regs regs = frame_user();

	/* The OS's last prepare hook turns interrupts back on. */
	test_os.on_event[EV_PREPARE] = enable_irqs;
	irqentry_enter_from_user_mode(&regs);
	irqentry_exit_to_user_mode(&regs);
	CHECK_REPORT(IRQENTRY_RULE_LOOP_IRQS_ENABLED);
	/* Repaired before the state management step. */
	ck_assert(irqentry_arch_irqs_disabled());
	ck_assert_uint_eq(test_os.count[EV_EXIT_USER], 1);
}
END_TEST

START_TEST(user_work_on_kernel_return)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_SIGPENDING;
	irqentry_exit_to_user_mode_prepare(&regs);
	CHECK_REPORT(IRQENTRY_RULE_USER_WORK_ON_KERNEL_RETURN);
	/* Refused: no signal delivered into a kernel frame. */
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_SIGPENDING);
}
END_TEST

START_TEST(wrong_mode_kernel_path)
{
	struct test_regs regs = frame_user();
	irqentry_state_t state = irqentry_enter_from_kernel_mode(&regs);

	CHECK_REPORT(IRQENTRY_RULE_WRONG_MODE);
	irqentry_exit_to_kernel_mode(&regs, state);
}
END_TEST

START_TEST(wrong_mode_user_path)
{
	struct test_regs regs = frame_kernel(true);

	irqentry_enter_from_user_mode(&regs);
	CHECK_REPORT(IRQENTRY_RULE_WRONG_MODE);
}
END_TEST

START_TEST(exit_without_enter)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state;

	memset(&state, 0, sizeof(state));
	irqentry_exit_to_kernel_mode(&regs, state);
	CHECK_REPORT(IRQENTRY_RULE_UNBALANCED);
}
END_TEST

START_TEST(enter_twice)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t first = irqentry_enter(&regs);

	(void)irqentry_enter(&regs); /* entered again, never exited */
	irqentry_exit(&regs, first);
	CHECK_REPORT(IRQENTRY_RULE_UNBALANCED);
}
END_TEST

START_TEST(user_enter_twice)
{
	struct test_regs regs = frame_user();

	irqentry_enter_from_user_mode(&regs);
	irqentry_enter_from_user_mode(&regs);
	CHECK_REPORT(IRQENTRY_RULE_UNBALANCED);
}
END_TEST

START_TEST(nmi_unbalanced)
{
	struct test_regs regs = frame_kernel(false);
	irqentry_state_t outer = irqentry_nmi_enter(&regs);

	(void)irqentry_nmi_enter(&regs);
	irqentry_nmi_exit(&regs, outer); /* skips the inner exit */
	CHECK_REPORT(IRQENTRY_RULE_NMI_UNBALANCED);
	/* Repaired to the outer entry's depth. */
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
}
END_TEST

static void schedule_now(void)
{
	(void)irqentry_check_schedule();
}

/*
 * The user work loop runs with IRQs enabled, where the NMI depth (per CPU)
 * is not read: the prepare step checks it first, with IRQs still off.
 */
START_TEST(user_work_in_nmi)
{
	struct test_regs regs = frame_user();
	irqentry_state_t state = irqentry_nmi_enter(&regs);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_SIGPENDING;
	irqentry_exit_to_user_mode_prepare(&regs);
	CHECK_REPORT(IRQENTRY_RULE_SCHEDULE_IN_NMI);
	/* Refused: no schedule, no signal inside the NMI. */
	ck_assert_uint_eq(test_os.count[EV_SCHEDULE], 0);
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED |
						IRQENTRY_WORK_SIGPENDING);
	test_os.work = 0;
	irqentry_nmi_exit(&regs, state);
}
END_TEST

START_TEST(schedule_in_nmi)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_nmi_enter(&regs);

	schedule_now();
	irqentry_nmi_exit(&regs, state);
	CHECK_REPORT(IRQENTRY_RULE_SCHEDULE_IN_NMI);
}
END_TEST

START_TEST(schedule_from_after_preempt)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_enter(&regs);

	test_os.on_event[EV_EXIT_KERNEL] = schedule_now;
	irqentry_exit(&regs, state);
	CHECK_REPORT(IRQENTRY_RULE_SCHEDULE_AFTER_PREPARE);
}
END_TEST

START_TEST(schedule_from_after_prepare)
{
	struct test_regs regs = frame_user();
	irqentry_state_t state = irqentry_enter(&regs);

	test_os.on_event[EV_EXIT_USER] = schedule_now;
	irqentry_exit(&regs, state);
	CHECK_REPORT(IRQENTRY_RULE_SCHEDULE_AFTER_PREPARE);
}
END_TEST

START_TEST(syscall_exit_twice)
{
	struct test_regs regs = frame_user();

	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_AUDIT;
	(void)irqentry_syscall_enter_from_user_mode(&regs, 1);
	irqentry_syscall_exit_work(&regs);
	irqentry_syscall_exit_work(&regs);
	CHECK_REPORT(IRQENTRY_RULE_SYSCALL_EXIT_TWICE);
	/* Audit saw the exit once. */
	ck_assert_uint_eq(test_os.trace[test_os.n - 2].ev, EV_SC_AUDIT_EXIT);
	ck_assert_uint_eq(test_os.trace[test_os.n - 1].ev, EV_REPORT);
}
END_TEST

START_TEST(syscall_left_irqs_disabled)
{
	struct test_regs regs = frame_user();

	(void)irqentry_syscall_enter_from_user_mode(&regs, 1);
	irqentry_arch_local_irq_disable();
	irqentry_syscall_exit_to_user_mode(&regs);
	CHECK_REPORT(IRQENTRY_RULE_SYSCALL_IRQS_DISABLED);
}
END_TEST

START_TEST(enter_with_irqs_enabled)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state;

	irqentry_arch_local_irq_enable();
	state = irqentry_enter(&regs);
	CHECK_REPORT(IRQENTRY_RULE_ENTER_IRQS_ENABLED);
	irqentry_exit(&regs, state);
	ck_assert_uint_eq(NREPORTS(), 1);
}
END_TEST

static void leaky_handler(struct test_regs *regs, void *arg)
{
	(void)regs;
	(void)arg;
	test_os.preempt_count++; /* a preempt_disable() without enable */
}

START_TEST(preempt_count_leak)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_enter(&regs);

	irqentry_call_handler(&regs, leaky_handler, NULL);
	CHECK_REPORT(IRQENTRY_RULE_PREEMPT_COUNT_LEAK);
	test_os.preempt_count = 0;
	irqentry_exit(&regs, state);
	ck_assert_uint_eq(NREPORTS(), 1);
}
END_TEST

/* The kernel-mode exit the split API makes: preempt step, after-preempt. */
static void exit_to_kernel(struct test_regs *regs, irqentry_state_t state)
{
	irqentry_exit_to_kernel_mode_preempt(regs, state);
	irqentry_exit_to_kernel_mode_after_preempt(regs, state);
}

START_TEST(preempt_off_thread_stack)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_enter_from_kernel_mode(&regs);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.off_stack = true; /* the OS is still on its IRQ stack */
	exit_to_kernel(&regs, state);
	CHECK_REPORT(IRQENTRY_RULE_PREEMPT_OFF_THREAD_STACK);
	/* Refused: no switch from the IRQ stack. */
	ck_assert_uint_eq(test_os.count[EV_PREEMPT], 0);
	ck_assert_uint_eq(test_os.count[EV_EXIT_KERNEL], 1);
}
END_TEST

START_TEST(off_thread_stack_without_resched)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_enter_from_kernel_mode(&regs);

	/* Reported on every preemptible exit, not only when one is due. */
	test_os.off_stack = true;
	exit_to_kernel(&regs, state);
	CHECK_REPORT(IRQENTRY_RULE_PREEMPT_OFF_THREAD_STACK);
}
END_TEST

START_TEST(off_thread_stack_not_preemptible)
{
	struct test_regs regs = frame_kernel(false);
	irqentry_state_t state;

	/* IRQs were off in the interrupted context, then a raised preempt
	 * count: no preemption possible, so the stack does not matter. */
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.off_stack = true;
	state = irqentry_enter_from_kernel_mode(&regs);
	exit_to_kernel(&regs, state);
	regs = frame_kernel(true);
	test_os.preempt_count = 1;
	state = irqentry_enter_from_kernel_mode(&regs);
	exit_to_kernel(&regs, state);
	ck_assert_uint_eq(NREPORTS(), 0);
	ck_assert_uint_eq(test_os.count[EV_PREEMPT], 0);
}
END_TEST

#if IRQENTRY_ARCH_ARM64
static void stay_on_irq_stack(struct test_regs *regs, void *arg)
{
	(void)regs;
	(void)arg;
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.off_stack = true;
}

START_TEST(arm64_el1_irq_off_thread_stack)
{
	struct test_regs regs = frame_kernel(true);

	/* The arm64 wrapper's own exit sequence asks too. */
	irqentry_hosted_reset(S_HWTRAP);
	irqentry_arm64_el1_irq(&regs, stay_on_irq_stack, NULL);
	CHECK_REPORT(IRQENTRY_RULE_PREEMPT_OFF_THREAD_STACK);
	ck_assert_uint_eq(test_os.count[EV_PREEMPT], 0);
}
END_TEST
#endif

START_TEST(guest_check_with_irqs_enabled)
{
	irqentry_arch_local_irq_enable();
	(void)irqentry_guest_work_pending();
	CHECK_REPORT(IRQENTRY_RULE_EXIT_IRQS_ENABLED);
}
END_TEST

START_TEST(guest_no_progress)
{
	int vcpu = 0;

	irqentry_hosted_reset(S_ON);
	test_os.keep_bits = true;
	test_os.work = TEST_OS_GUEST_WORK;
	ck_assert_int_eq(irqentry_guest_handle_work(&vcpu),
			 IRQENTRY_GUEST_EXIT_NO_PROGRESS);
	CHECK_REPORT(IRQENTRY_RULE_NO_PROGRESS);
}
END_TEST
#else
START_TEST(misuse_is_not_checked)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state;

	/* Without debug mode the checks are compiled out: no report, no
	 * repair, no extra mask writes. */
	memset(&state, 0, sizeof(state));
	irqentry_arch_local_irq_enable();
	irqentry_exit_to_kernel_mode(&regs, state);
	ck_assert_uint_eq(NREPORTS(), 0);
	ck_assert_uint_eq(WRITES(), 1);
	ck_assert(!irqentry_arch_irqs_disabled());
}
END_TEST
#endif

/* Each rule's name is its enumerator's, so a report can print it. */
#define RULE(r)                                                                \
	{                                                                      \
		IRQENTRY_RULE_##r, "IRQENTRY_RULE_" #r                         \
	}
static const struct {
	enum irqentry_rule rule;
	const char *name;
} rule_names[] = {
	RULE(NONE),
	RULE(EXIT_IRQS_ENABLED),
	RULE(SCHEDULE_IN_NMI),
	RULE(SCHEDULE_AFTER_PREPARE),
	RULE(SCHEDULE_MASKED),
	RULE(LOOP_IRQS_ENABLED),
	RULE(NO_PROGRESS),
	RULE(UNBALANCED),
	RULE(NMI_UNBALANCED),
	RULE(PREEMPT_COUNT_LEAK),
	RULE(USER_WORK_ON_KERNEL_RETURN),
	RULE(SYSCALL_EXIT_TWICE),
	RULE(WRONG_MODE),
	RULE(SYSCALL_IRQS_DISABLED),
	RULE(ENTER_IRQS_ENABLED),
	RULE(PREEMPT_OFF_THREAD_STACK),
};
#undef RULE

START_TEST(every_rule_has_its_name)
{
	unsigned int i, j;

	for (i = 0; i < sizeof(rule_names) / sizeof(rule_names[0]); i++)
		ck_assert_str_eq(irqentry_rule_name(rule_names[i].rule),
				 rule_names[i].name);
	/* Also a rule this table does not know yet: named, and uniquely. */
	for (i = 0; i < IRQENTRY_RULE_COUNT; i++) {
		const char *name = irqentry_rule_name((enum irqentry_rule)i);

		ck_assert_msg(strncmp(name, "IRQENTRY_RULE_", 14) == 0 &&
				      strcmp(name, IRQENTRY_RULE_NAME_UNKNOWN),
			      "rule %u has no name (%s)", i, name);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(name, irqentry_rule_name(
						       (enum irqentry_rule)j));
	}
}
END_TEST

START_TEST(unknown_rule_name)
{
	ck_assert_str_eq(irqentry_rule_name(IRQENTRY_RULE_COUNT),
			 IRQENTRY_RULE_NAME_UNKNOWN);
	ck_assert_str_eq(irqentry_rule_name((enum irqentry_rule)1000),
			 "IRQENTRY_RULE_(unknown)");
	ck_assert_str_eq(irqentry_rule_name((enum irqentry_rule) - 1),
			 IRQENTRY_RULE_NAME_UNKNOWN);
}
END_TEST

Suite *irqentry_debug_suite(void)
{
	Suite *s = suite_create("debug");
	TCase *tc = tcase_create("rules");

	test_add_fixture(tc);
#if IRQENTRY_DEBUG
	tcase_add_test(tc, exit_with_irqs_enabled);
	tcase_add_test(tc, no_progress_stops_loop);
	tcase_add_test(tc, preempt_declined_without_clearing);
	tcase_add_test(tc, preempt_veto_declines_cleanly);
	tcase_add_test(tc, prepare_returns_irqs_enabled);
	tcase_add_test(tc, user_work_on_kernel_return);
	tcase_add_test(tc, wrong_mode_kernel_path);
	tcase_add_test(tc, wrong_mode_user_path);
	tcase_add_test(tc, exit_without_enter);
	tcase_add_test(tc, enter_twice);
	tcase_add_test(tc, user_enter_twice);
	tcase_add_test(tc, nmi_unbalanced);
	tcase_add_test(tc, schedule_in_nmi);
	tcase_add_test(tc, user_work_in_nmi);
	tcase_add_test(tc, schedule_from_after_preempt);
	tcase_add_test(tc, schedule_from_after_prepare);
	tcase_add_test(tc, syscall_exit_twice);
	tcase_add_test(tc, syscall_left_irqs_disabled);
	tcase_add_test(tc, enter_with_irqs_enabled);
	tcase_add_test(tc, preempt_count_leak);
	tcase_add_test(tc, preempt_off_thread_stack);
	tcase_add_test(tc, off_thread_stack_without_resched);
	tcase_add_test(tc, off_thread_stack_not_preemptible);
#if IRQENTRY_ARCH_ARM64
	tcase_add_test(tc, arm64_el1_irq_off_thread_stack);
#endif
	tcase_add_test(tc, guest_check_with_irqs_enabled);
	tcase_add_test(tc, guest_no_progress);
#else
	tcase_add_test(tc, misuse_is_not_checked);
#endif
	suite_add_tcase(s, tc);
	tc = tcase_create("names");
	tcase_add_test(tc, every_rule_has_its_name);
	tcase_add_test(tc, unknown_rule_name);
	suite_add_tcase(s, tc);
	return s;
}
