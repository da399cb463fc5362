/* SPDX-License-Identifier: MIT */
/*
 * Debug mode: the run-time rule checks the generic core and the arch
 * wrappers call. With IRQENTRY_DEBUG 0 every helper here is empty and
 * compiles away. Included by <irqentry/irqentry.h>; do not include directly.
 */
#ifndef IRQENTRY_DEBUG_H
#define IRQENTRY_DEBUG_H

#ifndef IRQENTRY_IRQENTRY_H
#error "include <irqentry/irqentry.h>, not <irqentry/debug.h>"
#endif

/* Report @rule unless @ok. Return: @ok, so callers can refuse the step. */
static inline bool irqentry_priv_check(bool ok, enum irqentry_rule rule,
				       const char *message,
				       irqentry_regs_t *regs)
{
	if (IRQENTRY_DEBUG && IRQENTRY_UNLIKELY(!ok))
		irqentry_os_report(rule, message, regs);
	return ok;
}

/*
 * Every enter and exit path starts with interrupts disabled. A violation is
 * reported and repaired (interrupts disabled) so the path does not go on
 * with an interrupt window it does not expect.
 */
static inline void irqentry_priv_check_irqs_off(enum irqentry_rule rule,
						const char *message,
						irqentry_regs_t *regs)
{
	if (!IRQENTRY_DEBUG)
		return;
	if (!irqentry_priv_check(irqentry_arch_irqs_disabled(), rule, message,
				 regs))
		irqentry_arch_local_irq_disable();
}

/* The frame's mode must match the path. */
static inline void irqentry_priv_check_mode(irqentry_regs_t *regs, bool user,
					    const char *message)
{
	if (IRQENTRY_DEBUG)
		(void)irqentry_priv_check(irqentry_arch_user_mode(regs) == user,
					  IRQENTRY_RULE_WRONG_MODE, message,
					  regs);
}

/**
 * irqentry_check_schedule - may the CPU switch tasks here?
 *
 * The library asks before each schedule it makes; an OS's context switch
 * should call it too, to catch schedules from its own hooks in forbidden
 * places (an NMI, an after-preempt/after-prepare hook, arm64 with D/A
 * masked). Reports the first broken rule.
 *
 * The NMI depth is per CPU, so it is read only with IRQs disabled, where
 * the thread cannot move to another CPU in the middle of the read (and a
 * read with IRQs enabled could be another CPU's, and report falsely). An
 * NMI-class entry runs with IRQs masked, so with IRQs enabled no NMI is in
 * flight on this CPU. The rest is per thread or the live mask state.
 *
 * Context: any. Return: true when allowed (always true without
 * IRQENTRY_DEBUG).
 */
static inline bool irqentry_check_schedule(void)
{
	if (!IRQENTRY_DEBUG)
		return true;
	if (irqentry_arch_irqs_disabled() &&
	    !irqentry_priv_check(irqentry_os_cpu()->nmi_depth == 0,
				 IRQENTRY_RULE_SCHEDULE_IN_NMI,
				 "irqentry: schedule inside an NMI-class entry",
				 NULL))
		return false;
	if (!irqentry_priv_check(
		    irqentry_os_thread()->no_sched == 0,
		    IRQENTRY_RULE_SCHEDULE_AFTER_PREPARE,
		    "irqentry: schedule from after_preempt/after_prepare (state management only)",
		    NULL))
		return false;
	return irqentry_priv_check(
		irqentry_arch_schedule_state_ok(),
		IRQENTRY_RULE_SCHEDULE_MASKED,
		"irqentry: schedule with exception classes masked beyond IRQs (arm64: D, A or F)",
		NULL);
}

/*
 * Kernel-mode nesting is LIFO per thread: an enter records its depth in
 * the state and the exit must find the same depth. The depth lives in the
 * thread's block (irqentry_os_thread()), so a thread that sleeps or is
 * preempted inside an entry and resumes on another CPU finds its own.
 * Each access asks for the block again: nothing is kept across a call.
 */
static inline void irqentry_priv_depth_enter(irqentry_state_t *state)
{
#if IRQENTRY_DEBUG
	state->depth = (unsigned short)++irqentry_os_thread()->depth;
#else
	(void)state;
#endif
}

static inline void irqentry_priv_depth_exit(irqentry_regs_t *regs,
					    irqentry_state_t state)
{
#if IRQENTRY_DEBUG
	struct irqentry_thread *thread = irqentry_os_thread();

	if (irqentry_priv_check(
		    state.depth != 0 && state.depth == thread->depth,
		    IRQENTRY_RULE_UNBALANCED,
		    "irqentry: kernel-mode exit does not match the innermost enter (missing enter, enter twice, or wrong state)",
		    regs))
		thread->depth--;
#else
	(void)regs;
	(void)state;
#endif
}

/*
 * Around each call that may schedule. Only for the default block inside
 * the CPU's (a uniprocessor kernel): the thread switched to has a depth of
 * its own, so the caller keeps this thread's on its stack and puts it back
 * after the call. A kernel with per-thread blocks needs none of this.
 */
static inline unsigned int irqentry_priv_sched_save(void)
{
#if IRQENTRY_DEBUG && defined(IRQENTRY_PRIV_THREAD_IN_CPU)
	return irqentry_os_thread()->depth;
#else
	return 0;
#endif
}

static inline void irqentry_priv_sched_restore(unsigned int depth)
{
#if IRQENTRY_DEBUG && defined(IRQENTRY_PRIV_THREAD_IN_CPU)
	irqentry_os_thread()->depth = depth;
#else
	(void)depth;
#endif
}

/*
 * User-mode transitions alternate: an enter from user mode must follow an
 * exit to user mode, and the reverse (Linux's context-tracking check).
 */
static inline void irqentry_priv_user_transition(irqentry_regs_t *regs,
						 bool to_user)
{
	struct irqentry_thread *thread;

	if (!IRQENTRY_DEBUG)
		return;
	thread = irqentry_os_thread();
	(void)irqentry_priv_check(
		thread->in_user == (to_user ? 0U : 1U),
		IRQENTRY_RULE_UNBALANCED,
		to_user ? "irqentry: exit to user mode twice without an enter from user mode"
			: "irqentry: enter from user mode without an exit to user mode before it",
		regs);
	thread->in_user = to_user ? 1U : 0U;
}

/* Steps that do state management only: nothing may schedule inside. */
static inline void irqentry_priv_no_sched_begin(void)
{
	if (IRQENTRY_DEBUG)
		irqentry_os_thread()->no_sched++;
}

static inline void irqentry_priv_no_sched_end(void)
{
	if (IRQENTRY_DEBUG)
		irqentry_os_thread()->no_sched--;
}

/*
 * A work loop makes progress unless the same bit survives pass after pass.
 * Return: false (after reporting) when the loop must stop.
 */
static inline bool irqentry_priv_loop_progress(unsigned int *stuck,
					       unsigned long prev,
					       unsigned long work,
					       irqentry_regs_t *regs)
{
	if (!IRQENTRY_DEBUG)
		return true;
	*stuck = (prev & work) ? *stuck + 1 : 0;
	return irqentry_priv_check(
		*stuck < IRQENTRY_WORK_LOOP_LIMIT, IRQENTRY_RULE_NO_PROGRESS,
		"irqentry: work loop makes no progress: a hook does not clear its work bit",
		regs);
}

/**
 * irqentry_handler_fn - an exception handler called by the arch wrappers
 * @regs: the trap frame
 * @arg: the wrapper's argument
 *
 * Context: as the wrapper documents (IRQs inherited, masked, ...).
 */
typedef void (*irqentry_handler_fn)(irqentry_regs_t *regs, void *arg);

/*
 * Call a handler (or, with @sc, a syscall dispatcher). Debug builds check
 * that it returns with the preempt count it was called with.
 */
static inline void
irqentry_priv_call_checked(irqentry_regs_t *regs, irqentry_handler_fn fn,
			   void (*sc)(irqentry_regs_t *, long, void *), long nr,
			   void *arg)
{
	long count = IRQENTRY_DEBUG ? (long)irqentry_os_preempt_count() : 0;
	/* A handler may sleep (a page fault): other threads' entries and
	 * exits run meanwhile. With per-thread blocks that changes nothing
	 * here; with the uniprocessor default block the depth is this
	 * thread's again only after the restore. */
	unsigned int depth = irqentry_priv_sched_save();

	if (sc)
		sc(regs, nr, arg);
	else
		fn(regs, arg);
	irqentry_priv_sched_restore(depth);
	if (IRQENTRY_DEBUG)
		(void)irqentry_priv_check(
			count == (long)irqentry_os_preempt_count(),
			IRQENTRY_RULE_PREEMPT_COUNT_LEAK,
			"irqentry: handler returned with a different preempt count",
			regs);
}

/**
 * irqentry_call_handler - call an exception handler from an arch wrapper
 * @regs: the trap frame
 * @fn: the handler
 * @arg: its argument
 *
 * Debug builds report IRQENTRY_RULE_PREEMPT_COUNT_LEAK when the handler
 * changes the preempt count. Context: the wrapper's.
 */
static inline void irqentry_call_handler(irqentry_regs_t *regs,
					 irqentry_handler_fn fn, void *arg)
{
	irqentry_priv_call_checked(regs, fn, NULL, 0, arg);
}

/* Debug-only marker in the work word: a syscall's exit work is owed. */
#define IRQENTRY_WORK_PRIV_SYSCALL (1UL << 7)

#endif /* IRQENTRY_DEBUG_H */
