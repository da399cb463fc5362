/* SPDX-License-Identifier: MIT */
/*
 * The arm64 backend: every wrapper's hook sequence with DAIF at each hook
 * (never schedule with D, A or F masked; all masked for after-preempt,
 * after-prepare and the return), the exact DAIF writes per path, every
 * interrupted DAIF combination, the seed's bug reproduced, and interrupts
 * injected at each unmask of the work loop. Built into the arm64 executables.
 */
#include "../harness.h"

#define MASK   IRQENTRY_ARM64_DAIF_MASK          /* D|A|I|F */
#define NOIRQ  IRQENTRY_ARM64_DAIF_PROCCTX_NOIRQ /* I|F */
#define OPEN   IRQENTRY_ARM64_DAIF_PROCCTX       /* all open */
#define ERRCTX IRQENTRY_ARM64_DAIF_ERRCTX        /* A|I|F */

/* Each vector starts as the hardware leaves it: all of DAIF masked. */
static void vector_entry(void)
{
	irqentry_hosted_reset(MASK);
}

static void handler(struct test_regs *regs, void *arg)
{
	(void)regs;
	test_record(EV_HANDLER, (long)(unsigned long)arg);
	if (arg)
		irqentry_work_set(irqentry_os_work(), (unsigned long)arg);
}

static void dispatch(struct test_regs *regs, long nr, void *arg)
{
	(void)arg;
	test_record(EV_SYSCALL, nr);
	irqentry_os_syscall_set_return(regs, nr + 100);
}

static void ends_masked(void)
{
	ck_assert_uint_eq(STATUS(), MASK);
	ck_assert_uint_eq(NREPORTS(), 0);
}

/* ---- EL1 IRQ ------------------------------------------------------------ */

START_TEST(el1_irq_fast)
{
	struct test_regs regs = frame_kernel(true);

	vector_entry();
	irqentry_arm64_el1_irq(&regs, handler, NULL);
	CHECK_TRACE({EV_ENTER_KERNEL, NOIRQ}, {EV_HANDLER, NOIRQ},
		    {EV_EXIT_KERNEL, MASK});
	ck_assert_uint_eq(WRITES(), 2);
	ends_masked();
}
END_TEST

START_TEST(el1_irq_preempts_at_noirq)
{
	struct test_regs regs = frame_kernel(true);

	vector_entry();
	irqentry_arm64_el1_irq(&regs, handler,
			       (void *)IRQENTRY_WORK_NEED_RESCHED);
	CHECK_TRACE({EV_ENTER_KERNEL, NOIRQ}, {EV_HANDLER, NOIRQ},
		    {EV_PREEMPT, NOIRQ}, {EV_EXIT_KERNEL, MASK});
	ck_assert_uint_eq(WRITES(), 2);
	ends_masked();
}
END_TEST

START_TEST(el1_irq_no_preempt_count1)
{
	struct test_regs regs = frame_kernel(true);

	vector_entry();
	test_os.preempt_count = 1;
	irqentry_arm64_el1_irq(&regs, handler,
			       (void *)IRQENTRY_WORK_NEED_RESCHED);
	CHECK_TRACE({EV_ENTER_KERNEL, NOIRQ}, {EV_HANDLER, NOIRQ},
		    {EV_EXIT_KERNEL, MASK});
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED);
	ends_masked();
}
END_TEST

/* ---- EL1 sync ----------------------------------------------------------- */

START_TEST(el1_sync_fast_inherits)
{
	struct test_regs regs = frame_kernel(true);

	vector_entry();
	irqentry_arm64_el1_sync(&regs, handler, NULL);
	CHECK_TRACE({EV_ENTER_KERNEL, MASK}, {EV_HANDLER, OPEN},
		    {EV_EXIT_KERNEL, MASK});
	ck_assert_uint_eq(WRITES(), 2);
	ends_masked();
}
END_TEST

START_TEST(el1_sync_preempts_at_noirq)
{
	struct test_regs regs = frame_kernel(true);

	vector_entry();
	irqentry_arm64_el1_sync(&regs, handler,
				(void *)IRQENTRY_WORK_NEED_RESCHED);
	/* Never at the handler's (inherited, all-open) state, never at
	 * all-masked (the seed's bug): at I|F. */
	CHECK_TRACE({EV_ENTER_KERNEL, MASK}, {EV_HANDLER, OPEN},
		    {EV_PREEMPT, NOIRQ}, {EV_EXIT_KERNEL, MASK});
	ck_assert_uint_eq(WRITES(), 4);
	ends_masked();
}
END_TEST

/* Every DAIF combination in the interrupted context's PSTATE. */
START_TEST(el1_sync_every_daif)
{
	unsigned long daif = (unsigned long)_i << 6;
	struct test_regs regs = frame_kernel(true);
	bool irqs_on = !(daif & IRQENTRY_ARM64_DAIF_I);

	regs.status = IRQENTRY_ARM64_PSTATE_EL1h | daif;
	vector_entry();
	irqentry_arm64_el1_sync(&regs, handler,
				(void *)IRQENTRY_WORK_NEED_RESCHED);
	/* The handler runs with exactly the interrupted DAIF; preempted
	 * only when I was clear, and then at I|F. */
	ck_assert_uint_eq(test_os.n, irqs_on ? 4U : 3U);
	ck_assert_uint_eq(test_os.trace[0].ev, EV_ENTER_KERNEL);
	ck_assert_uint_eq(test_os.trace[0].status, MASK);
	ck_assert_uint_eq(test_os.trace[1].ev, EV_HANDLER);
	ck_assert_uint_eq(test_os.trace[1].status, daif);
	if (irqs_on) {
		ck_assert_uint_eq(test_os.trace[2].ev, EV_PREEMPT);
		ck_assert_uint_eq(test_os.trace[2].status, NOIRQ);
	}
	ck_assert_uint_eq(test_os.trace[test_os.n - 1].ev, EV_EXIT_KERNEL);
	ck_assert_uint_eq(test_os.trace[test_os.n - 1].status, MASK);
	ck_assert_uint_eq(WRITES(), irqs_on ? 4U : 2U);
	ends_masked();
}
END_TEST

/* ---- EL1 NMI class ------------------------------------------------------ */

START_TEST(el1_nmi_errctx_never_schedules)
{
	struct test_regs regs = frame_kernel(false);

	vector_entry();
	test_os.work = IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_SIGPENDING;
	irqentry_arm64_el1_nmi(&regs, handler, NULL);
	CHECK_TRACE({EV_NMI_ENTER, ERRCTX}, {EV_HANDLER, ERRCTX},
		    {EV_NMI_EXIT, ERRCTX});
	ck_assert_uint_eq(WRITES(), 2);
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
	ends_masked();
}
END_TEST

START_TEST(el1_dbg_stays_masked)
{
	struct test_regs regs = frame_kernel(false);

	vector_entry();
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	irqentry_arm64_el1_dbg(&regs, handler, NULL);
	CHECK_TRACE({EV_NMI_ENTER, MASK}, {EV_HANDLER, MASK},
		    {EV_NMI_EXIT, MASK});
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
	ends_masked();
}
END_TEST

/* A sleeping el1_sync handler: other threads enter and exit meanwhile. */
static void sleeping_handler(struct test_regs *regs, void *arg)
{
	struct test_regs other = frame_kernel(true);
	irqentry_state_t state;

	(void)regs;
	(void)arg;
	test_record(EV_HANDLER, 0);
	/* Meanwhile another thread takes an exception (hardware masks)
	 * and is switched away inside it, its exit still pending. */
	irqentry_arm64_daif_mask();
	state = irqentry_enter_from_kernel_mode(&other);
	(void)state;
	irqentry_arm64_daif_restore(OPEN);
}

START_TEST(el1_sync_handler_may_sleep)
{
	struct test_regs regs = frame_kernel(true);

	vector_entry();
	irqentry_arm64_el1_sync(&regs, sleeping_handler, NULL);
	/* No false "unbalanced" report: the depth is the thread's own. */
	ends_masked();
}
END_TEST

/* ---- EL0 ---------------------------------------------------------------- */

START_TEST(el0_dbg_no_write_without_work)
{
	struct test_regs regs = frame_user();

	vector_entry();
	irqentry_arm64_el0_dbg(&regs, handler, NULL);
	CHECK_TRACE({EV_ENTER_USER, MASK}, {EV_HANDLER, MASK},
		    {EV_PREPARE, MASK}, {EV_EXIT_USER, MASK});
	ck_assert_uint_eq(WRITES(), 0);
	ends_masked();
}
END_TEST

START_TEST(el0_dbg_sigtrap)
{
	struct test_regs regs = frame_user();

	vector_entry();
	irqentry_arm64_el0_dbg(&regs, handler,
			       (void *)IRQENTRY_WORK_SIGPENDING);
	CHECK_TRACE({EV_ENTER_USER, MASK}, {EV_HANDLER, MASK},
		    {EV_SIGNAL, OPEN}, {EV_PREPARE, NOIRQ},
		    {EV_EXIT_USER, MASK});
	ck_assert_uint_eq(WRITES(), 3);
	ends_masked();
}
END_TEST

START_TEST(el0_sync_fast)
{
	struct test_regs regs = frame_user();

	vector_entry();
	irqentry_arm64_el0_sync(&regs, handler, NULL);
	CHECK_TRACE({EV_ENTER_USER, MASK}, {EV_HANDLER, OPEN},
		    {EV_PREPARE, MASK}, {EV_EXIT_USER, MASK});
	ck_assert_uint_eq(WRITES(), 2);
	ends_masked();
}
END_TEST

START_TEST(el0_sync_work)
{
	struct test_regs regs = frame_user();

	vector_entry();
	test_os.work = IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_SIGPENDING |
		       IRQENTRY_WORK_NOTIFY_RESUME;
	irqentry_arm64_el0_sync(&regs, handler, NULL);
	/* Work with D and A open; re-read at I|F; all masked after. */
	CHECK_TRACE({EV_ENTER_USER, MASK}, {EV_HANDLER, OPEN},
		    {EV_SCHEDULE, OPEN}, {EV_SIGNAL, OPEN}, {EV_NOTIFY, OPEN},
		    {EV_PREPARE, NOIRQ}, {EV_EXIT_USER, MASK});
	ck_assert_uint_eq(WRITES(), 5);
	ends_masked();
}
END_TEST

START_TEST(el0_irq_fast)
{
	struct test_regs regs = frame_user();

	vector_entry();
	irqentry_arm64_el0_irq(&regs, handler, NULL);
	CHECK_TRACE({EV_ENTER_USER, MASK}, {EV_HANDLER, NOIRQ},
		    {EV_PREPARE, MASK}, {EV_EXIT_USER, MASK});
	ck_assert_uint_eq(WRITES(), 2);
	ends_masked();
}
END_TEST

START_TEST(el0_irq_tick_reschedules)
{
	struct test_regs regs = frame_user();

	vector_entry();
	irqentry_arm64_el0_irq(&regs, handler,
			       (void *)IRQENTRY_WORK_NEED_RESCHED);
	CHECK_TRACE({EV_ENTER_USER, MASK}, {EV_HANDLER, NOIRQ},
		    {EV_SCHEDULE, OPEN}, {EV_PREPARE, NOIRQ},
		    {EV_EXIT_USER, MASK});
	ck_assert_uint_eq(WRITES(), 5);
	ends_masked();
}
END_TEST

START_TEST(el0_svc_fast)
{
	struct test_regs regs = frame_user();

	vector_entry();
	regs.nr = 7;
	irqentry_arm64_el0_svc(&regs, dispatch, NULL);
	CHECK_TRACE({EV_ENTER_USER, MASK}, {EV_SC_GET_NR, MASK},
		    {EV_SYSCALL, OPEN}, {EV_PREPARE, MASK},
		    {EV_EXIT_USER, MASK});
	ck_assert_int_eq(regs.ret, 107);
	ck_assert_uint_eq(WRITES(), 2);
	ends_masked();
}
END_TEST

START_TEST(el0_svc_out_of_range)
{
	struct test_regs regs = frame_user();

	vector_entry();
	regs.nr = IRQENTRY_OS_NR_SYSCALLS;
	irqentry_arm64_el0_svc(&regs, dispatch, NULL);
	CHECK_TRACE({EV_ENTER_USER, MASK}, {EV_SC_GET_NR, MASK},
		    {EV_PREPARE, MASK}, {EV_EXIT_USER, MASK});
	ck_assert_int_eq(regs.ret, IRQENTRY_OS_ENOSYS);
	regs = frame_user();
	vector_entry();
	test_os.n = 0;
	regs.nr = -5;
	irqentry_arm64_el0_svc(&regs, dispatch, NULL);
	ck_assert_int_eq(regs.ret, IRQENTRY_OS_ENOSYS);
	ck_assert_uint_eq(test_os.count[EV_SYSCALL], 0);
	ends_masked();
}
END_TEST

/* x0 is the first argument and the return register: the wrapper saves it
 * (orig_x0) before presetting -ENOSYS, so the dispatcher and a tracer see
 * the argument, as RISC-V's ecall wrapper does for a0. */
START_TEST(el0_svc_saves_x0_before_preset)
{
	struct test_regs regs = frame_user();

	vector_entry();
	regs.nr = 4;
	regs.ret = 0x1234; /* x0 at the SVC: the first argument */
	test_orig_x0 = 0;
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_TRACE;
	test_os.trace_skip = true; /* the tracer stop sees the preset */
	irqentry_arm64_el0_svc(&regs, dispatch, NULL);
	ck_assert_int_eq(test_orig_x0, 0x1234);
	ck_assert_int_eq(regs.ret, IRQENTRY_OS_ENOSYS);
	ck_assert_uint_eq(test_os.count[EV_SYSCALL], 0);
	ends_masked();
}
END_TEST

/* SVE/SME discard and the Cortex-A76 erratum 1463225 step run all
 * masked before DAIF opens; the step after the work loop all masked before
 * the return's state management (Linux el0_svc: fpsimd_syscall_enter/exit,
 * cortex_a76_erratum_1463225_svc_handler). */
START_TEST(el0_svc_masked_steps)
{
	struct test_regs regs = frame_user();

	vector_entry();
	regs.nr = 2;
	test_os.record_masked = true;
	irqentry_arm64_el0_svc(&regs, dispatch, NULL);
	CHECK_TRACE({EV_ENTER_USER, MASK}, {EV_SC_GET_NR, MASK},
		    {EV_SC_ENTER_MASKED, MASK}, {EV_SYSCALL, OPEN},
		    {EV_PREPARE, MASK}, {EV_SC_EXIT_MASKED, MASK},
		    {EV_EXIT_USER, MASK});
	ck_assert_uint_eq(WRITES(), 2);
	/* With work: the loop ends at I|F, masked again before the step. */
	test_os.n = 0;
	regs = frame_user();
	regs.nr = 2;
	vector_entry();
	test_os.work = IRQENTRY_WORK_SIGPENDING;
	irqentry_arm64_el0_svc(&regs, dispatch, NULL);
	CHECK_TRACE({EV_ENTER_USER, MASK}, {EV_SC_GET_NR, MASK},
		    {EV_SC_ENTER_MASKED, MASK}, {EV_SYSCALL, OPEN},
		    {EV_SIGNAL, OPEN}, {EV_PREPARE, NOIRQ},
		    {EV_SC_EXIT_MASKED, MASK}, {EV_EXIT_USER, MASK});
	ends_masked();
}
END_TEST

/* A traced fork child's first return on arm64: the SVC exit, entered with
 * DAIF open after the switch; the exit stop at all open, the return all
 * masked, and a debug build accepts a thread that never had an entry. */
START_TEST(el0_new_thread_first_return)
{
	struct test_regs regs = frame_user();

	irqentry_os_thread()->in_user = 0; /* switched in, in the kernel */
	irqentry_hosted_reset(OPEN);
	regs.ret = 0;
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_TRACE;
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	irqentry_syscall_new_thread(&regs);
	irqentry_arm64_el0_svc_exit(&regs);
	CHECK_TRACE({EV_SC_TRACE_EXIT, OPEN}, {EV_SCHEDULE, OPEN},
		    {EV_PREPARE, NOIRQ}, {EV_EXIT_USER, MASK});
	ck_assert_int_eq(regs.ret, 0);
	ends_masked();
}
END_TEST

START_TEST(el0_svc_work_and_tracing)
{
	struct test_regs regs = frame_user();

	vector_entry();
	regs.nr = 3;
	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_AUDIT;
	test_os.work = IRQENTRY_WORK_SIGPENDING;
	irqentry_arm64_el0_svc(&regs, dispatch, NULL);
	CHECK_TRACE({EV_ENTER_USER, MASK}, {EV_SC_GET_NR, MASK},
		    {EV_SC_GET_NR, OPEN}, {EV_SC_AUDIT_ENTER, OPEN},
		    {EV_SYSCALL, OPEN}, {EV_SC_AUDIT_EXIT, OPEN},
		    {EV_SIGNAL, OPEN}, {EV_PREPARE, NOIRQ},
		    {EV_EXIT_USER, MASK});
	ck_assert_uint_eq(WRITES(), 5);
	ends_masked();
}
END_TEST

START_TEST(el0_serror)
{
	struct test_regs regs = frame_user();

	vector_entry();
	irqentry_arm64_el0_serror(&regs, handler,
				  (void *)IRQENTRY_WORK_SIGPENDING);
	/* The handler in NMI context at ERRCTX; the signal it raised is
	 * delivered by the return to user, with D and A open. */
	CHECK_TRACE({EV_ENTER_USER, MASK}, {EV_NMI_ENTER, ERRCTX},
		    {EV_HANDLER, ERRCTX}, {EV_NMI_EXIT, ERRCTX},
		    {EV_SIGNAL, OPEN}, {EV_PREPARE, NOIRQ},
		    {EV_EXIT_USER, MASK});
	ck_assert_uint_eq(WRITES(), 5);
	ends_masked();
	test_os.n = 0;
	vector_entry();
	irqentry_arm64_el0_serror(&regs, handler, NULL);
	ck_assert_uint_eq(WRITES(), 2);
}
END_TEST

/* ---- The seed's bug ----------------------------------------------------- */

/* Every DAIF write of a run, to see the state each preemption ran in. */
static unsigned long preempt_daif[4];
static unsigned int npreempt_daif;

static void note_preempt(void)
{
	if (npreempt_daif < 4)
		preempt_daif[npreempt_daif++] = STATUS();
}

START_TEST(seed_bug_old_ordering_flagged)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state;

	/* The real wrapper first: a synchronous exception from EL1 whose
	 * handler (IRQs inherited on) makes a reschedule due. The seed's bug
	 * was this path preempting after the mask, at D|A|I|F: the wrapper
	 * must preempt exactly once, at I|F, and report nothing. */
	vector_entry();
	npreempt_daif = 0;
	test_os.on_event[EV_PREEMPT] = note_preempt;
	irqentry_arm64_el1_sync(&regs, handler,
				(void *)IRQENTRY_WORK_NEED_RESCHED);
	ck_assert_uint_eq(test_os.count[EV_PREEMPT], 1);
	ck_assert_uint_eq(preempt_daif[0], NOIRQ);
	ck_assert_uint_eq(NREPORTS(), 0);
	ends_masked();
	/* The split exit as the wrapper's _exit half, called by hand. */
	test_os.n = 0;
	test_os.count[EV_PREEMPT] = 0;
	npreempt_daif = 0;
	vector_entry();
	state = irqentry_arm64_el1_sync_enter(&regs);
	handler(&regs, (void *)IRQENTRY_WORK_NEED_RESCHED);
	irqentry_arm64_el1_sync_exit(&regs, state);
	ck_assert_uint_eq(test_os.count[EV_PREEMPT], 1);
	ck_assert_uint_eq(preempt_daif[0], NOIRQ);
	ck_assert_uint_eq(NREPORTS(), 0);
	test_os.on_event[EV_PREEMPT] = NULL;

	/* Then the 6.18-7.0 ordering itself: mask all of DAIF, then the
	 * combined exit that may preempt, i.e. preempt with D and A
	 * masked. */
	test_os.n = 0;
	test_os.count[EV_PREEMPT] = 0;
	vector_entry();
	state = irqentry_enter_from_kernel_mode(&regs);
	irqentry_arm64_daif_inherit(&regs);
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	irqentry_arm64_daif_mask();
	irqentry_exit_to_kernel_mode(&regs, state);
#if IRQENTRY_DEBUG
	/* Debug mode names the rule and refuses the switch. */
	CHECK_REPORT(IRQENTRY_RULE_SCHEDULE_MASKED);
	ck_assert_uint_eq(test_os.count[EV_PREEMPT], 0);
#else
	/* Without debug mode the test's own check sees it: the preemption
	 * happened with D and A masked. */
	ck_assert_uint_eq(test_os.count[EV_PREEMPT], 1);
	ck_assert_uint_eq(test_os.trace[1].ev, EV_PREEMPT);
	ck_assert_uint_ne(test_os.trace[1].status & (IRQENTRY_ARM64_DAIF_D |
						     IRQENTRY_ARM64_DAIF_A),
			  0);
#endif
}
END_TEST

/*
 * The combined path is refused at compile time on arm64 (tests/misuse
 * proves the error); this suite's OS header opts in with
 * IRQENTRY_ARM64_ALLOW_COMBINED 1 and then owns the masking: open D and A
 * before the exit (I|F), mask all after it. Preemption then happens at
 * I|F, as in the wrappers.
 */
START_TEST(combined_opt_in_owns_the_masking)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state;

	ck_assert_int_eq(IRQENTRY_ARM64_ALLOW_COMBINED, 1);
	vector_entry();
	state = irqentry_enter(&regs);
	test_record(EV_HANDLER, 0);
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	irqentry_arm64_daif_procctx_noirq();
	irqentry_exit(&regs, state);
	irqentry_arm64_daif_mask();
	CHECK_TRACE({EV_ENTER_KERNEL, MASK}, {EV_HANDLER, MASK},
		    {EV_PREEMPT, NOIRQ}, {EV_EXIT_KERNEL, NOIRQ});
	ck_assert_uint_eq(test_os.work, 0);
	ck_assert_uint_eq(WRITES(), 2);
	ends_masked();
}
END_TEST

/* ---- Injected interrupts at each unmask of the work loop ---------------- */

static unsigned int injected;

static void irq_handler(struct test_regs *regs, void *arg)
{
	(void)regs;
	(void)arg;
	test_record(EV_IRQ_BEGIN, 0);
	irqentry_work_set(irqentry_os_work(),
			  injected < 3 ? IRQENTRY_WORK_NOTIFY_RESUME
				       : IRQENTRY_WORK_SIGPENDING);
}

/* An EL1 IRQ through the real wrapper, re-raised for the next unmask. */
static void el1_irq(void *arg, unsigned long interrupted)
{
	struct test_regs regs = frame_from_interrupted(interrupted);

	(void)arg;
	injected++;
	irqentry_arm64_el1_irq(&regs, irq_handler, NULL);
	if (injected < 4)
		irqentry_hosted_raise(el1_irq, NULL);
}

START_TEST(interrupt_at_every_loop_unmask)
{
	struct test_regs regs = frame_user();
	unsigned int i;

	injected = 0;
	vector_entry();
	test_os.work = IRQENTRY_WORK_SIGPENDING;
	irqentry_hosted_raise(el1_irq, NULL);
	irqentry_arm64_el0_irq(&regs, handler, NULL);
	/* One interrupt per unmask (the loop's DAIF-open windows), each
	 * handled through el1_irq at I|F, its work handled before ERET. */
	ck_assert_uint_eq(injected, 4);
	ck_assert_uint_eq(test_os.work, 0);
	ck_assert_uint_eq(test_os.count[EV_IRQ_BEGIN], 4);
	for (i = 0; i < test_os.n; i++) {
		if (test_os.trace[i].ev == EV_IRQ_BEGIN)
			ck_assert_uint_eq(test_os.trace[i].status, NOIRQ);
		if (test_os.trace[i].ev == EV_SIGNAL ||
		    test_os.trace[i].ev == EV_NOTIFY)
			ck_assert_uint_eq(test_os.trace[i].status, OPEN);
	}
	ck_assert_uint_eq(test_os.trace[test_os.n - 1].ev, EV_EXIT_USER);
	ends_masked();
}
END_TEST

/* DAIF writes, observed one by one. */
static unsigned long writes_seen[8];
static unsigned int nwrites_seen;

static void observe(void *arg, unsigned long old_status,
		    unsigned long new_status)
{
	(void)arg;
	(void)old_status;
	if (nwrites_seen < 8)
		writes_seen[nwrites_seen++] = new_status & MASK;
}

START_TEST(el1_irq_write_sequence)
{
	struct test_regs regs = frame_kernel(true);

	vector_entry();
	nwrites_seen = 0;
	irqentry_hosted_cpu()->on_write = observe;
	irqentry_arm64_el1_irq(&regs, handler, NULL);
	ck_assert_uint_eq(nwrites_seen, 2);
	ck_assert_uint_eq(writes_seen[0], NOIRQ);
	ck_assert_uint_eq(writes_seen[1], MASK);
}
END_TEST

START_TEST(schedule_state_rule)
{
	/* The rule written out, one DAIF value per line, not computed: a
	 * task may be switched with everything open (PROCCTX) or with IRQs
	 * masked (PROCCTX_NOIRQ = I|F, and I alone, which Linux's
	 * local_irq_disable() never makes but which keeps D and A usable);
	 * never with D (debug) or A (SError) masked, nor with F masked while
	 * I is open (a state no Linux primitive makes). */
	static const struct {
		unsigned long daif;
		bool ok;
	} rule[16] = {
		{0x000, true},  /* none */
		{0x040, false}, /* F */
		{0x080, true},  /* I */
		{0x0c0, true},  /* I F */
		{0x100, false}, /* A */
		{0x140, false}, /* A F */
		{0x180, false}, /* A I */
		{0x1c0, false}, /* A I F */
		{0x200, false}, /* D */
		{0x240, false}, /* D F */
		{0x280, false}, /* D I */
		{0x2c0, false}, /* D I F */
		{0x300, false}, /* D A */
		{0x340, false}, /* D A F */
		{0x380, false}, /* D A I */
		{0x3c0, false}, /* D A I F */
	};
	unsigned int i;

	for (i = 0; i < 16; i++) {
		irqentry_hosted_reset(rule[i].daif);
		ck_assert_msg(
			irqentry_arch_schedule_state_ok() == rule[i].ok,
			"DAIF %#lx: schedule allowed %d, the rule says %d",
			rule[i].daif, irqentry_arch_schedule_state_ok(),
			rule[i].ok);
	}
}
END_TEST

START_TEST(backend_selected)
{
	ck_assert_str_eq(IRQENTRY_ARCH_NAME, "arm64");
}
END_TEST

Suite *irqentry_arch_suite(void)
{
	Suite *s = suite_create("arm64");
	TCase *tc = tcase_create("el1");

	test_add_fixture(tc);
	tcase_add_test(tc, el1_irq_fast);
	tcase_add_test(tc, el1_irq_preempts_at_noirq);
	tcase_add_test(tc, el1_irq_no_preempt_count1);
	tcase_add_test(tc, el1_sync_fast_inherits);
	tcase_add_test(tc, el1_sync_preempts_at_noirq);
	tcase_add_loop_test(tc, el1_sync_every_daif, 0, 16);
	tcase_add_test(tc, el1_nmi_errctx_never_schedules);
	tcase_add_test(tc, el1_dbg_stays_masked);
	tcase_add_test(tc, el1_sync_handler_may_sleep);
	suite_add_tcase(s, tc);

	tc = tcase_create("el0");
	test_add_fixture(tc);
	tcase_add_test(tc, el0_sync_fast);
	tcase_add_test(tc, el0_sync_work);
	tcase_add_test(tc, el0_irq_fast);
	tcase_add_test(tc, el0_irq_tick_reschedules);
	tcase_add_test(tc, el0_svc_fast);
	tcase_add_test(tc, el0_svc_out_of_range);
	tcase_add_test(tc, el0_svc_work_and_tracing);
	tcase_add_test(tc, el0_svc_saves_x0_before_preset);
	tcase_add_test(tc, el0_svc_masked_steps);
	tcase_add_test(tc, el0_new_thread_first_return);
	tcase_add_test(tc, el0_serror);
	tcase_add_test(tc, el0_dbg_no_write_without_work);
	tcase_add_test(tc, el0_dbg_sigtrap);
	suite_add_tcase(s, tc);

	tc = tcase_create("daif");
	test_add_fixture(tc);
	tcase_add_test(tc, seed_bug_old_ordering_flagged);
	tcase_add_test(tc, combined_opt_in_owns_the_masking);
	tcase_add_test(tc, interrupt_at_every_loop_unmask);
	tcase_add_test(tc, el1_irq_write_sequence);
	tcase_add_test(tc, schedule_state_rule);
	tcase_add_test(tc, backend_selected);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, frame_access_tcase());
	return s;
}
