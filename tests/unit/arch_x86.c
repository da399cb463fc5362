/* SPDX-License-Identifier: MIT */
/*
 * The x86 backend's own suite: its wrappers' hook sequences and mask
 * register at each step, and its write counts per path. Built only into
 * the x86 executables.
 *
 * IF writes per path (fast / per work-loop pass), as asserted below:
 * idtentry with IF set 2 / +2, with IF clear 0, idtentry_irq 0 / +2,
 * idtentry_raw from kernel 0, from user 2 / +2, syscall_64 2 / +2, nmi 0.
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

/* A device interrupt's (or an NMI's) handler: asks for a reschedule. */
static void resched_handler(struct test_regs *regs, void *arg)
{
	(void)regs;
	(void)arg;
	test_record(EV_IRQ_BEGIN, (long)irqentry_in_nmi());
	irqentry_work_set(irqentry_os_work(), IRQENTRY_WORK_NEED_RESCHED);
}

/* A simulated NMI: IF does not mask it; its gate clears IF. */
static void hosted_nmi(void *arg, unsigned long interrupted)
{
	struct test_regs regs = frame_from_interrupted(interrupted);

	(void)arg;
	irqentry_x86_nmi(&regs, resched_handler, NULL);
}

/* Hook actions: an NMI now, whatever IF is (delivered through the hosted
 * CPU when IF is set, so the gate's IF clear and IRET's restore are real). */
static void nmi_now(void)
{
	if (irqentry_arch_irqs_disabled())
		hosted_nmi(NULL, irqentry_hosted_cpu()->status);
	else
		irqentry_hosted_raise(hosted_nmi, NULL);
}

/* An IRQ handler hit by an NMI. */
static void irq_handler_nmi(struct test_regs *regs, void *arg)
{
	(void)arg;
	test_record(EV_HANDLER, (long)irqentry_in_nmi());
	nmi_now();
	(void)regs;
}

/* A kernel #BP (int3) hit by whatever runs now. */
static void kernel_int3_now(void)
{
	struct test_regs regs = frame_kernel(false);

	irqentry_x86_idtentry_raw(&regs, handler, &handler_arg);
}

static void arch_reset(void)
{
	test_sysret_bad_selectors = false;
}

/* ---- idtentry ------------------------------------------------------------ */

/* ---- idtentry_irq -------------------------------------------------------- */

START_TEST(irq_kernel)
{
	struct test_regs regs = frame_kernel(true);

	irqentry_x86_idtentry_irq(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(STATUS(), S_TRAP);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(irq_kernel_preempts)
{
	struct test_regs regs = frame_kernel(true);

	irqentry_x86_idtentry_irq(&regs, resched_handler, NULL);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_IRQ_BEGIN, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(test_os.work, 0);
}
END_TEST

START_TEST(irq_user_work_loop)
{
	struct test_regs regs = frame_user();

	irqentry_x86_idtentry_irq(&regs, resched_handler, NULL);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_IRQ_BEGIN, S_TRAP},
		    {EV_SCHEDULE, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 2);
}
END_TEST

START_TEST(irq_pair)
{
	struct test_regs regs = frame_user();
	irqentry_state_t state = irqentry_x86_idtentry_irq_enter(&regs);

	test_record(EV_HANDLER, 0);
	irqentry_x86_idtentry_irq_exit(&regs, state);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_PREPARE, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 0);
}
END_TEST

/* ---- idtentry_raw (#DB, #BP, #MC) ---------------------------------------- */

START_TEST(raw_kernel_is_nmi_class)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_SIGPENDING;
	irqentry_x86_idtentry_raw(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_NMI_ENTER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_NMI_EXIT, S_TRAP});
	ck_assert_int_eq(test_os.trace[1].arg, 1);
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED |
						IRQENTRY_WORK_SIGPENDING);
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(raw_kernel_inside_preemption)
{
	struct test_regs regs = frame_kernel(true);

	/* An int3 inside the preemption, with NEED_RESCHED set again, does
	 * not preempt from its own exit: only the preempt loop does. */
	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	test_os.reraise_resched = 1;
	test_os.on_event[EV_PREEMPT] = kernel_int3_now;
	irqentry_x86_idtentry_irq(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_NMI_ENTER, S_TRAP},
		    {EV_HANDLER, S_TRAP}, {EV_NMI_EXIT, S_TRAP},
		    {EV_PREEMPT, S_TRAP}, {EV_NMI_ENTER, S_TRAP},
		    {EV_HANDLER, S_TRAP}, {EV_NMI_EXIT, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(raw_user_is_an_exception)
{
	struct test_regs regs = frame_user();

	test_os.work = IRQENTRY_WORK_SIGPENDING; /* the SIGTRAP it queued */
	irqentry_x86_idtentry_raw(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_ON},
		    {EV_SIGNAL, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_int_eq(test_os.trace[1].arg, 0);
	ck_assert_uint_eq(WRITES(), 2 + 2);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(raw_pair)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state;

	state = irqentry_x86_idtentry_raw_enter(&regs);
	ck_assert_uint_eq(irqentry_in_nmi(), 1);
	irqentry_x86_idtentry_raw_exit(&regs, state);
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
	regs = frame_user();
	state = irqentry_x86_idtentry_raw_enter(&regs);
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
	ck_assert_uint_eq(STATUS(), S_ON);
	irqentry_x86_idtentry_raw_exit(&regs, state);
	CHECK_TRACE({EV_NMI_ENTER, S_TRAP}, {EV_NMI_EXIT, S_TRAP},
		    {EV_ENTER_USER, S_TRAP}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(WRITES(), 2);
}
END_TEST

/* ---- nmi ------------------------------------------------------------------ */

START_TEST(nmi_never_preempts_or_runs_work)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_SIGPENDING;
	irqentry_x86_nmi(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_NMI_ENTER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_NMI_EXIT, S_TRAP});
	ck_assert_int_eq(test_os.trace[1].arg, 1);
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED |
						IRQENTRY_WORK_SIGPENDING);
	ck_assert_uint_eq(WRITES(), 0);
}
END_TEST

START_TEST(nmi_from_user_no_transition)
{
	struct test_regs regs = frame_user();

	test_os.work = IRQENTRY_WORK_SIGPENDING;
	irqentry_x86_nmi(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_NMI_ENTER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_NMI_EXIT, S_TRAP});
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_SIGPENDING);
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(nmi_inside_irq)
{
	struct test_regs regs = frame_kernel(true);

	/* The NMI's reschedule waits for the IRQ's own exit. */
	irqentry_x86_idtentry_irq(&regs, irq_handler_nmi, NULL);
	CHECK_TRACE({EV_ENTER_KERNEL, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_NMI_ENTER, S_TRAP}, {EV_IRQ_BEGIN, S_TRAP},
		    {EV_NMI_EXIT, S_TRAP}, {EV_PREEMPT, S_TRAP},
		    {EV_EXIT_KERNEL, S_TRAP});
	ck_assert_int_eq(test_os.trace[3].arg, 1);
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(nmi_inside_work_loop)
{
	struct test_regs regs = frame_user();

	/* An NMI during signal delivery (IF set): its gate clears IF, its
	 * IRET restores it, and the loop's next pass handles its bit. */
	test_os.work = IRQENTRY_WORK_SIGPENDING;
	test_os.on_event[EV_SIGNAL] = nmi_now;
	irqentry_x86_idtentry_irq(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_SIGNAL, S_ON}, {EV_NMI_ENTER, S_TRAP},
		    {EV_IRQ_BEGIN, S_TRAP}, {EV_NMI_EXIT, S_TRAP},
		    {EV_SCHEDULE, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(irqentry_hosted_cpu()->delivered, 1);
	ck_assert_uint_eq(WRITES(), 2 * 2);
	ck_assert_uint_eq(test_os.work, 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(nmi_after_work_loop)
{
	struct test_regs regs = frame_user();

	/* An NMI in the prepare step (IF clear, after the last check) does
	 * not schedule; its bit is owed to the next exit (an OS's NMI sends
	 * itself an IPI for that). */
	test_os.on_event[EV_PREPARE] = nmi_now;
	irqentry_x86_idtentry_irq(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_ENTER_USER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_PREPARE, S_OFF}, {EV_NMI_ENTER, S_OFF},
		    {EV_IRQ_BEGIN, S_OFF}, {EV_NMI_EXIT, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED);
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

static void nested_nmi_handler(struct test_regs *regs, void *arg)
{
	(void)arg;
	test_record(EV_HANDLER, (long)irqentry_in_nmi());
	if (irqentry_in_nmi() < 3)
		irqentry_x86_nmi(regs, nested_nmi_handler, NULL);
}

START_TEST(nmi_nested)
{
	struct test_regs regs = frame_kernel(false);

	irqentry_x86_nmi(&regs, nested_nmi_handler, NULL);
	CHECK_TRACE({EV_NMI_ENTER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_NMI_ENTER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_NMI_ENTER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_NMI_EXIT, S_TRAP}, {EV_NMI_EXIT, S_TRAP},
		    {EV_NMI_EXIT, S_TRAP});
	ck_assert_int_eq(test_os.trace[5].arg, 3);
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(nmi_pair)
{
	struct test_regs regs = frame_kernel(true);
	irqentry_state_t state = irqentry_x86_nmi_enter(&regs);

	ck_assert_uint_eq(irqentry_in_nmi(), 1);
	irqentry_x86_nmi_exit(&regs, state);
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
	CHECK_TRACE({EV_NMI_ENTER, S_TRAP}, {EV_NMI_EXIT, S_TRAP});
	ck_assert_uint_eq(WRITES(), 0);
}
END_TEST

/* The mode-known raw variant: kernel #DB/#BP/#MC, NMI-class. */
START_TEST(kernel_raw_is_nmi_class)
{
	struct test_regs regs = frame_kernel(true);

	test_os.work = IRQENTRY_WORK_NEED_RESCHED;
	irqentry_x86_kernel_idtentry_raw(&regs, handler, &handler_arg);
	CHECK_TRACE({EV_NMI_ENTER, S_TRAP}, {EV_HANDLER, S_TRAP},
		    {EV_NMI_EXIT, S_TRAP});
	ck_assert_int_eq(test_os.trace[1].arg, 1);
	ck_assert_uint_eq(WRITES(), 0);
	ck_assert_uint_eq(test_os.work, IRQENTRY_WORK_NEED_RESCHED);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(kernel_raw_user_frame_reported)
{
	struct test_regs regs = frame_user();

	irqentry_x86_kernel_idtentry_raw(&regs, handler, &handler_arg);
#if IRQENTRY_DEBUG
	CHECK_REPORT(IRQENTRY_RULE_WRONG_MODE);
#else
	ck_assert_uint_eq(NREPORTS(), 0);
#endif
	ck_assert_uint_eq(irqentry_in_nmi(), 0);
}
END_TEST

/* ---- syscall_64 ---------------------------------------------------------- */

#define USER_RIP 0x401000UL

/* A SYSCALL frame as the entry asm saves it: RCX = RIP, R11 = RFLAGS. */
static struct test_regs frame_syscall(long nr)
{
	struct test_regs r = frame_user();

	r.nr = nr;
	r.ret = nr; /* RAX held the number */
	r.pc = USER_RIP;
	r.cx = USER_RIP;
	r.r11 = r.status;
	return r;
}

START_TEST(syscall_dispatches_sysret)
{
	struct test_regs regs = frame_syscall(5);

	ck_assert(irqentry_x86_syscall_64(&regs, dispatch, &dispatch_arg));
	CHECK_TRACE({EV_SC_GET_NR, S_TRAP}, {EV_ENTER_USER, S_TRAP},
		    {EV_SYSCALL, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_int_eq(regs.ret, 50);
	ck_assert_uint_eq(regs.pc, USER_RIP);
	ck_assert_uint_eq(WRITES(), 2);
	ck_assert_uint_eq(STATUS(), S_OFF);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

/* The syscall-only masked steps: IF clear, after the user-mode entry and
 * before the sti; after the work loop and before the return's state
 * management (the SYSRET decision comes after it). */
START_TEST(syscall_masked_steps)
{
	struct test_regs regs = frame_syscall(5);

	test_os.record_masked = true;
	test_os.work = IRQENTRY_WORK_SIGPENDING;
	ck_assert(irqentry_x86_syscall_64(&regs, dispatch, &dispatch_arg));
	CHECK_TRACE({EV_SC_GET_NR, S_TRAP}, {EV_ENTER_USER, S_TRAP},
		    {EV_SC_ENTER_MASKED, S_TRAP}, {EV_SYSCALL, S_ON},
		    {EV_SIGNAL, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_SC_EXIT_MASKED, S_OFF}, {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(syscall_out_of_range_not_dispatched)
{
	static const long bad[] = {IRQENTRY_OS_NR_SYSCALLS,
				   IRQENTRY_OS_NR_SYSCALLS + 1,
				   -1,
				   -5,
				   LONG_MAX,
				   LONG_MIN};
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct test_regs regs = frame_syscall(bad[i]);

		ck_assert(irqentry_x86_syscall_64(&regs, dispatch,
						  &dispatch_arg));
		ck_assert_int_eq(regs.ret, IRQENTRY_OS_ENOSYS);
		ck_assert_uint_eq(WRITES(), 2 * (i + 1));
	}
	ck_assert_uint_eq(test_os.count[EV_SYSCALL], 0);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(syscall_bounds_dispatched)
{
	struct test_regs regs = frame_syscall(0);

	(void)irqentry_x86_syscall_64(&regs, dispatch, &dispatch_arg);
	ck_assert_int_eq(regs.ret, 0);
	regs = frame_syscall(IRQENTRY_OS_NR_SYSCALLS - 1);
	(void)irqentry_x86_syscall_64(&regs, dispatch, &dispatch_arg);
	ck_assert_int_eq(regs.ret, (IRQENTRY_OS_NR_SYSCALLS - 1) * 10);
	ck_assert_uint_eq(test_os.count[EV_SYSCALL], 2);
}
END_TEST

START_TEST(syscall_skipped_by_filter)
{
	struct test_regs regs = frame_syscall(5);

	test_os.syscall_work = IRQENTRY_SYSCALL_WORK_FILTER;
	test_os.filter_skip = true;
	(void)irqentry_x86_syscall_64(&regs, dispatch, &dispatch_arg);
	CHECK_TRACE({EV_SC_GET_NR, S_TRAP}, {EV_ENTER_USER, S_TRAP},
		    {EV_SC_FILTER, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_int_eq(regs.ret, IRQENTRY_OS_ENOSYS);
	ck_assert_uint_eq(WRITES(), 2);
}
END_TEST

START_TEST(syscall_work_loop_then_prepare_if_clear)
{
	struct test_regs regs = frame_syscall(3);

	/* The one-shot prepare hook (FPU state restore) runs once, after
	 * the loop, with IF clear. */
	test_os.work = IRQENTRY_WORK_SIGPENDING | IRQENTRY_WORK_NOTIFY_RESUME;
	test_os.raise_in_signal = IRQENTRY_WORK_NEED_RESCHED;
	ck_assert(irqentry_x86_syscall_64(&regs, dispatch, &dispatch_arg));
	CHECK_TRACE({EV_SC_GET_NR, S_TRAP}, {EV_ENTER_USER, S_TRAP},
		    {EV_SYSCALL, S_ON}, {EV_SIGNAL, S_ON}, {EV_NOTIFY, S_ON},
		    {EV_SCHEDULE, S_ON}, {EV_PREPARE, S_OFF},
		    {EV_EXIT_USER, S_OFF});
	ck_assert_uint_eq(test_os.count[EV_PREPARE], 1);
	ck_assert_uint_eq(WRITES(), 2 + 2 * 2);
}
END_TEST

static struct test_regs *signal_regs;

/* Signal delivery builds a handler frame: a new RIP, RCX untouched. */
static void deliver_signal_frame(void)
{
	signal_regs->pc = 0x402000UL;
}

START_TEST(syscall_signal_frame_forces_iret)
{
	struct test_regs regs = frame_syscall(5);

	signal_regs = &regs;
	test_os.work = IRQENTRY_WORK_SIGPENDING;
	test_os.on_event[EV_SIGNAL] = deliver_signal_frame;
	ck_assert(!irqentry_x86_syscall_64(&regs, dispatch, &dispatch_arg));
	ck_assert_int_eq(regs.ret, 50);
	ck_assert_uint_eq(WRITES(), 4);
}
END_TEST

START_TEST(syscall_pair)
{
	struct test_regs regs = frame_syscall(9);

	ck_assert_int_eq(irqentry_x86_syscall_64_enter(&regs), 9);
	ck_assert_uint_eq(STATUS(), S_ON);
	ck_assert_int_eq(regs.ret, IRQENTRY_OS_ENOSYS);
	ck_assert(irqentry_x86_syscall_64_exit(&regs));
	ck_assert_uint_eq(STATUS(), S_OFF);

	regs = frame_syscall(-7);
	ck_assert_int_eq(irqentry_x86_syscall_64_enter(&regs), -1);
	ck_assert(irqentry_x86_syscall_64_exit(&regs));
	ck_assert_uint_eq(WRITES(), 4);
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(sysret_good_frames)
{
	struct test_regs regs = frame_syscall(0);

	ck_assert(irqentry_x86_sysret_allowed(&regs));
	/* The last address below the limit; IF clear in user RFLAGS is
	 * odd but restorable. */
	regs.pc = regs.cx = IRQENTRY_X86_SYSRET_RIP_LIMIT - 1;
	ck_assert(irqentry_x86_sysret_allowed(&regs));
	regs.status = regs.r11 = 0x2UL;
	ck_assert(irqentry_x86_sysret_allowed(&regs));
	ck_assert_uint_eq(WRITES(), 0);
	CHECK_NO_TRACE();
}
END_TEST

START_TEST(sysret_bad_frames)
{
	struct test_regs good = frame_syscall(0);
	struct test_regs r;

	r = good; /* RCX no longer the return address (ptrace, signal) */
	r.cx = USER_RIP + 2;
	ck_assert(!irqentry_x86_sysret_allowed(&r));
	r = good; /* R11 no longer RFLAGS */
	r.r11 = good.status | 0x1UL;
	ck_assert(!irqentry_x86_sysret_allowed(&r));
	r = good; /* at the limit: the guard page below the hole */
	r.pc = r.cx = IRQENTRY_X86_SYSRET_RIP_LIMIT;
	ck_assert(!irqentry_x86_sysret_allowed(&r));
	r = good; /* non-canonical */
	r.pc = r.cx = 0x0000800000000000UL;
	ck_assert(!irqentry_x86_sysret_allowed(&r));
	r = good; /* kernel half */
	r.pc = r.cx = 0xffffffff81000000UL;
	ck_assert(!irqentry_x86_sysret_allowed(&r));
	r = good; /* single-stepping */
	r.status = r.r11 = good.status | IRQENTRY_X86_RFLAGS_TF;
	ck_assert(!irqentry_x86_sysret_allowed(&r));
	r = good; /* resume flag */
	r.status = r.r11 = good.status | IRQENTRY_X86_RFLAGS_RF;
	ck_assert(!irqentry_x86_sysret_allowed(&r));
	r = good; /* not ring 3 */
	r.cs = 0x08;
	ck_assert(!irqentry_x86_sysret_allowed(&r));
}
END_TEST

/*
 * SYSRET loads CS and SS from STAR, not from the frame: a frame with any
 * other user selectors (ptrace, sigreturn, a 32-bit code segment) returns
 * with IRET, by default, without an OS hook (Linux's do_syscall_64()).
 */
START_TEST(sysret_selectors_checked_by_default)
{
	struct test_regs good = frame_syscall(0);
	struct test_regs r;

	ck_assert_uint_eq(good.cs, IRQENTRY_OS_X86_USER_CS);
	ck_assert_uint_eq(good.ss, IRQENTRY_OS_X86_USER_SS);
	ck_assert(irqentry_x86_sysret_allowed(&good));
	r = good; /* another ring-3 code segment (a compat one, 0x1b) */
	r.cs = 0x1b;
	ck_assert(!irqentry_x86_sysret_allowed(&r));
	r = good; /* another ring-3 stack segment */
	r.ss = 0x33;
	ck_assert(!irqentry_x86_sysret_allowed(&r));
	r = good; /* a null SS */
	r.ss = 0;
	ck_assert(!irqentry_x86_sysret_allowed(&r));
	r = good; /* both swapped */
	r.cs = IRQENTRY_OS_X86_USER_SS;
	r.ss = IRQENTRY_OS_X86_USER_CS;
	ck_assert(!irqentry_x86_sysret_allowed(&r));
	CHECK_NO_TRACE();
}
END_TEST

/* The whole syscall: the dispatcher's frame decides SYSRET or IRET. */
static void set_cs(struct test_regs *regs, long nr, void *arg)
{
	(void)nr;
	(void)arg;
	regs->cs = 0x2b;
}

static void set_ss(struct test_regs *regs, long nr, void *arg)
{
	(void)nr;
	(void)arg;
	regs->ss = 0x23;
}

START_TEST(syscall_changed_selectors_force_iret)
{
	struct test_regs regs = frame_syscall(5);

	ck_assert(!irqentry_x86_syscall_64(&regs, set_cs, NULL));
	regs = frame_syscall(5);
	ck_assert(!irqentry_x86_syscall_64(&regs, set_ss, NULL));
	regs = frame_syscall(5);
	ck_assert(irqentry_x86_syscall_64(&regs, dispatch, &dispatch_arg));
	ck_assert_uint_eq(NREPORTS(), 0);
}
END_TEST

START_TEST(backend_selected)
{
	ck_assert_str_eq(IRQENTRY_ARCH_NAME, "x86_64");
}
END_TEST

/* This backend's wrappers for the shared exception suite (single_bit.c). */
const struct single_bit_wrappers single_bit = {
	irqentry_x86_idtentry,
	irqentry_x86_idtentry_enter,
	irqentry_x86_idtentry_exit,
	irqentry_x86_idtentry_irq,
	irqentry_x86_idtentry_raw,
	irqentry_x86_user_idtentry,
	irqentry_x86_kernel_idtentry,
	irqentry_x86_user_idtentry_irq,
	irqentry_x86_kernel_idtentry_irq,
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
	Suite *s = suite_create("x86");
	TCase *tc = arch_tcase("backend");

	tcase_add_test(tc, backend_selected);
	suite_add_tcase(s, tc);

	suite_add_tcase(s, single_bit_exception_tcase());
	suite_add_tcase(s, single_bit_mode_known_tcase());

	tc = arch_tcase("irq");
	tcase_add_test(tc, irq_kernel);
	tcase_add_test(tc, irq_kernel_preempts);
	tcase_add_test(tc, irq_user_work_loop);
	tcase_add_test(tc, irq_pair);
	suite_add_tcase(s, tc);

	tc = arch_tcase("nmi_class");
	tcase_add_test(tc, raw_kernel_is_nmi_class);
	tcase_add_test(tc, raw_kernel_inside_preemption);
	tcase_add_test(tc, raw_user_is_an_exception);
	tcase_add_test(tc, raw_pair);
	tcase_add_test(tc, kernel_raw_is_nmi_class);
	tcase_add_test(tc, kernel_raw_user_frame_reported);
	suite_add_tcase(s, tc);

	tc = arch_tcase("nmi");
	tcase_add_test(tc, nmi_never_preempts_or_runs_work);
	tcase_add_test(tc, nmi_from_user_no_transition);
	tcase_add_test(tc, nmi_inside_irq);
	tcase_add_test(tc, nmi_inside_work_loop);
	tcase_add_test(tc, nmi_after_work_loop);
	tcase_add_test(tc, nmi_nested);
	tcase_add_test(tc, nmi_pair);
	suite_add_tcase(s, tc);

	tc = arch_tcase("syscall");
	tcase_add_test(tc, syscall_dispatches_sysret);
	tcase_add_test(tc, syscall_masked_steps);
	tcase_add_test(tc, syscall_out_of_range_not_dispatched);
	tcase_add_test(tc, syscall_bounds_dispatched);
	tcase_add_test(tc, syscall_skipped_by_filter);
	tcase_add_test(tc, syscall_work_loop_then_prepare_if_clear);
	tcase_add_test(tc, syscall_signal_frame_forces_iret);
	tcase_add_test(tc, syscall_pair);
	tcase_add_test(tc, sysret_good_frames);
	tcase_add_test(tc, sysret_bad_frames);
	tcase_add_test(tc, sysret_selectors_checked_by_default);
	tcase_add_test(tc, syscall_changed_selectors_force_iret);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, frame_access_tcase());
	return s;
}
