/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of toyos's hooks and vector code on the simulated CPU, for
 * whichever backend the build forces (IRQENTRY_ARCH_*): the same test
 * source checks the arm64, RISC-V and x86-64 ports, on the host and under
 * qemu-user. No test framework: each test returns true or prints why not.
 */
#include <stdio.h>
#include <string.h>

#include <irqentry/testing.h>

#include "toyos.h"

#define TRAP IRQENTRY_TESTING_MASK_TRAP
#define ON   IRQENTRY_TESTING_MASK_ON
#define OFF  IRQENTRY_TESTING_MASK_OFF
#define ANY  IRQENTRY_TESTING_MASK_ANY

/* Print the reason and the trace, then fail the test. */
#define EXPECT(cond)                                                           \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("    %s:%d: expected %s\n", __FILE__, __LINE__, \
			       #cond);                                         \
			return dump();                                         \
		}                                                              \
	} while (0)

/* The trace is exactly these steps (match_all), starts with them
 * (match_prefix), or has them in this order among others (match_in_order);
 * the kit counts the steps up to IRQENTRY_TESTING_END. */
#define EXPECT_MATCH(how, ...)                                                 \
	do {                                                                   \
		static const struct irqentry_testing_step want_[] = {          \
			__VA_ARGS__, IRQENTRY_TESTING_END};                    \
		char why_[IRQENTRY_TESTING_WHY_SIZE];                          \
		if (!irqentry_testing_##how(want_, why_, sizeof(why_))) {      \
			printf("    %s:%d: %s\n", __FILE__, __LINE__, why_);   \
			return dump();                                         \
		}                                                              \
	} while (0)
#define EXPECT_TRACE(...)    EXPECT_MATCH(match_all, __VA_ARGS__)
#define EXPECT_PREFIX(...)   EXPECT_MATCH(match_prefix, __VA_ARGS__)
#define EXPECT_IN_ORDER(...) EXPECT_MATCH(match_in_order, __VA_ARGS__)

static bool dump(void)
{
	static char buf[8192];

	irqentry_testing_format(buf, sizeof(buf));
	printf("    trace:\n%s", buf);
	return false;
}

/* Frames as the vectors would save them. */
static struct toy_frame user_frame(void)
{
	struct toy_frame f;

	memset(&f, 0, sizeof(f));
	f.status = irqentry_testing_regs_status(true, true);
	f.cs = irqentry_testing_regs_cs(true);
	f.ss = irqentry_testing_regs_ss(true);
	f.pc = 0x400000;
	f.cx = f.pc; /* x86 SYSCALL: RCX = RIP, R11 = RFLAGS */
	f.r11 = f.status;
	return f;
}

static struct toy_frame kernel_frame(bool irqs_on)
{
	struct toy_frame f;

	memset(&f, 0, sizeof(f));
	f.status = irqentry_testing_regs_status(false, irqs_on);
	f.cs = irqentry_testing_regs_cs(false);
	f.ss = irqentry_testing_regs_ss(false);
	return f;
}

/* A syscall as user mode issues it (RISC-V: a0 is the first argument). */
static struct toy_frame syscall_frame(long nr, long arg0, long arg1)
{
	struct toy_frame f = user_frame();

	f.nr = nr;
	f.arg0 = arg0;
	f.arg1 = arg1;
	f.ret = arg0;
	return f;
}

/* ---- Tests -------------------------------------------------------------- */

/* A tick in user mode: the switch happens in the work loop, with
 * interrupts on, and consumes the request. */
static bool tick_in_user_switches_in_work_loop(void)
{
	struct toy_frame f = user_frame();

	toy_vector_irq(&f);
	EXPECT_TRACE({IRQENTRY_TESTING_ENTER_FROM_USER, TRAP},
		     {IRQENTRY_TESTING_MARK, OFF}, /* timer handler */
		     {IRQENTRY_TESTING_SCHEDULE, ON},
		     {IRQENTRY_TESTING_EXIT_TO_USER_PREPARE, OFF},
		     {IRQENTRY_TESTING_EXIT_TO_USER, TRAP});
	EXPECT(toy_threads[1].switched_in == 1);
	EXPECT(toy_threads[0].work == 0);
	EXPECT(toy_stats.voluntary == 1 && toy_stats.involuntary == 0);
	return true;
}

/* A tick in the kernel preempts only a context with preempt count 0 and
 * interrupts on, in the preempt step (interrupts still off). */
static bool tick_in_kernel_preempts_at_count_zero(void)
{
	struct toy_frame f = kernel_frame(true);

	toy_threads[0].preempt_count = 1;
	toy_vector_irq(&f);
	EXPECT(irqentry_testing_calls(IRQENTRY_TESTING_PREEMPT_SCHEDULE_IRQ) ==
	       0);
	EXPECT(toy_threads[1].switched_in == 0);
	/* The entry is the same either way; only the exit differs. */
	EXPECT_PREFIX({IRQENTRY_TESTING_ENTER_FROM_KERNEL, OFF},
		      {IRQENTRY_TESTING_MARK, OFF});
	/* The request stays for the preempt_enable() that drops to 0. */
	EXPECT(toy_threads[0].work & IRQENTRY_WORK_NEED_RESCHED);

	toy_threads[0].preempt_count = 0;
	toy_threads[0].work = 0;
	irqentry_testing_reset(TRAP);
	toy_vector_irq(&f);
	EXPECT_TRACE({IRQENTRY_TESTING_ENTER_FROM_KERNEL, OFF},
		     {IRQENTRY_TESTING_MARK, OFF},
		     {IRQENTRY_TESTING_PREEMPT_SCHEDULE_IRQ, OFF},
		     {IRQENTRY_TESTING_EXIT_TO_KERNEL, TRAP});
	EXPECT(toy_threads[1].switched_in == 1);
	EXPECT(toy_stats.involuntary == 1);
	return true;
}

/* Interrupted with interrupts off (an NMI-class entry's business only, but
 * the rule must hold): never preempted. */
static bool tick_with_irqs_off_never_preempts(void)
{
	struct toy_frame f = kernel_frame(false);

	toy_vector_irq(&f);
	EXPECT(irqentry_testing_calls(IRQENTRY_TESTING_PREEMPT_SCHEDULE_IRQ) ==
	       0);
	EXPECT(toy_threads[1].switched_in == 0);
	return true;
}

static void ipi_kill(void *arg, unsigned long interrupted)
{
	(void)interrupted;
	toy_kill((struct toy_thread *)arg, 5);
}

/* A signal posted by an interrupt while the syscall runs (another CPU's
 * kill and its IPI) is delivered on this very return to user mode. */
static bool signal_posted_during_syscall_is_delivered(void)
{
	struct toy_frame f = syscall_frame(TOY_SYS_GETPID, 0, 0);

	toy_threads[0].handler = 0x401000;
	/* The first unmask is the syscall's own: interrupts on for it. */
	EXPECT(irqentry_testing_inject_at_unmask(1, ipi_kill, &toy_threads[0]));
	(void)toy_vector_syscall(&f);
	EXPECT(f.ret == 1); /* getpid of thread 1 */
	EXPECT(f.pc == 0x401000 && f.arg0 == 5);
	/* Only what this test is about: the interrupt, then the signal with
	 * interrupts on, then the return to user mode. */
	EXPECT_IN_ORDER({IRQENTRY_TESTING_IRQ, ANY},
			{IRQENTRY_TESTING_HANDLE_SIGNAL, ON},
			{IRQENTRY_TESTING_EXIT_TO_USER, ANY});
	EXPECT(toy_stats.signals == 1);
	return true;
}

/* yield: the switch happens at the return, not inside the syscall. */
static bool yield_switches_at_return(void)
{
	struct toy_frame f = syscall_frame(TOY_SYS_YIELD, 0, 0);
	int sys, sched;

	(void)toy_vector_syscall(&f);
	sys = irqentry_testing_find(IRQENTRY_TESTING_MARK, 0);
	sched = irqentry_testing_find(IRQENTRY_TESTING_SCHEDULE, 0);
	EXPECT(sys >= 0 && sched > sys);
	EXPECT(f.ret == 0);
	EXPECT(toy_threads[1].switched_in == 1);
	return true;
}

/* Out-of-range numbers never reach the dispatcher. */
static bool unknown_syscall_returns_enosys(void)
{
	struct toy_frame f = syscall_frame(99, 0, 0);

	(void)toy_vector_syscall(&f);
	EXPECT(f.ret == IRQENTRY_OS_ENOSYS);
	EXPECT(irqentry_testing_find(IRQENTRY_TESTING_MARK, 0) < 0);
	return true;
}

/* An NMI never schedules, even with NEED_RESCHED set and the interrupted
 * context preemptible; the request survives for the next ordinary exit. */
static bool nmi_never_schedules(void)
{
	struct toy_frame f = kernel_frame(true);

	toy_threads[0].work = IRQENTRY_WORK_NEED_RESCHED;
	toy_vector_nmi(&f);
	EXPECT(irqentry_testing_calls(IRQENTRY_TESTING_SCHEDULE) == 0);
	EXPECT(irqentry_testing_calls(IRQENTRY_TESTING_PREEMPT_SCHEDULE_IRQ) ==
	       0);
	EXPECT(irqentry_testing_calls(IRQENTRY_TESTING_NMI_ENTER) == 1);
	EXPECT(toy_threads[0].work == IRQENTRY_WORK_NEED_RESCHED);
	EXPECT(toy_stats.nmis == 1);
	return true;
}

/* A signal with no handler is discarded, and its work bit with it. The
 * TOY_BUG=1 build forgets the bit: the work loop calls the hook again and
 * again until the library reports IRQENTRY_RULE_NO_PROGRESS (debug
 * builds) or the testing kit stops the loop (IRQENTRY_DEBUG=0, where the
 * library alone would spin forever), and this test fails. */
static bool signal_without_handler_is_discarded(void)
{
	struct toy_frame f = user_frame();

	toy_kill(&toy_threads[0], 9);
	toy_threads[0].preempt_count = 0;
	toy_vector_irq(&f);
	EXPECT(irqentry_testing_calls(IRQENTRY_TESTING_HANDLE_SIGNAL) == 1);
	EXPECT(toy_threads[0].sigmask == 0);
	EXPECT(toy_stats.signals == 0);
	return true;
}

/* ---- Runner ------------------------------------------------------------- */

struct test {
	const char *name;
	bool (*fn)(void);
};

static const struct test tests[] = {
	{"tick_in_user_switches_in_work_loop",
	 tick_in_user_switches_in_work_loop},
	{"tick_in_kernel_preempts_at_count_zero",
	 tick_in_kernel_preempts_at_count_zero},
	{"tick_with_irqs_off_never_preempts",
	 tick_with_irqs_off_never_preempts},
	{"signal_posted_during_syscall_is_delivered",
	 signal_posted_during_syscall_is_delivered},
	{"yield_switches_at_return", yield_switches_at_return},
	{"unknown_syscall_returns_enosys", unknown_syscall_returns_enosys},
	{"nmi_never_schedules", nmi_never_schedules},
	{"signal_without_handler_is_discarded",
	 signal_without_handler_is_discarded},
};

int main(void)
{
	unsigned int i, failed = 0;
	unsigned int n = (unsigned int)(sizeof(tests) / sizeof(tests[0]));

	/* A header line for scripts/test's per-test summary. */
	printf("irqentry testing kit example: toyos hooks and vectors\n");
	for (i = 0; i < n; i++) {
		bool ok;

		toy_reset();
		irqentry_testing_reset(TRAP);
		ok = tests[i].fn();
		/* Every test: no broken rule, no failed toyos check. */
		if (ok && irqentry_testing_reports()) {
			printf("    debug report: IRQENTRY_RULE_%s: %s\n",
			       irqentry_testing_rule_name(
				       irqentry_testing_last_rule()),
			       irqentry_testing_last_message());
			ok = dump();
		}
		/* A hung work loop the kit stopped, named. */
		if (irqentry_testing_failure()) {
			printf("    %s\n", irqentry_testing_failure());
			ok = false;
		}
		if (ok && toy_stats.errors) {
			printf("    toyos: %lu context-tracking errors\n",
			       toy_stats.errors);
			ok = false;
		}
		printf("%s %s\n", ok ? "ok  " : "FAIL", tests[i].name);
		failed += ok ? 0 : 1;
	}
#if defined(TOY_BUG) && TOY_BUG
	printf("summary: toyos tests (%s backend, TOY_BUG=%d build: must "
	       "fail): %u passed, %u failed\n",
	       IRQENTRY_ARCH_NAME, TOY_BUG, n - failed, failed);
#else
	printf("summary: toyos tests (%s backend): %u passed, %u failed\n",
	       IRQENTRY_ARCH_NAME, n - failed, failed);
#endif
	return failed ? 1 : 0;
}
