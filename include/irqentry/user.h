/* SPDX-License-Identifier: MIT */
/*
 * Entry from and exit to user mode: state tracking, and the work loop that
 * runs before every return to user mode (reschedule, signals,
 * notify-resume, OS work), re-checked with interrupts disabled so no work
 * raised meanwhile is lost. Included by <irqentry/irqentry.h>; do not
 * include directly.
 */
#ifndef IRQENTRY_USER_H
#define IRQENTRY_USER_H

#ifndef IRQENTRY_IRQENTRY_H
#error "include <irqentry/irqentry.h>, not <irqentry/user.h>"
#endif

/* The bits that make the return to user mode run the work loop. */
#define IRQENTRY_WORK_EXIT_TO_USER_MASK                                        \
	(IRQENTRY_WORK_LIBRARY_MASK | (IRQENTRY_OS_WORK_MASK))

/**
 * irqentry_enter_from_user_mode - state tracking for an entry from user mode
 * @regs: the trap frame (its mode must be user)
 *
 * Calls irqentry_os_enter_from_user() (context tracking: the CPU is in the
 * kernel now).
 *
 * Context: IRQs disabled (as the exception left them), does not schedule.
 */
IRQENTRY_API void irqentry_enter_from_user_mode(irqentry_regs_t *regs)
{
	irqentry_priv_check_irqs_off(
		IRQENTRY_RULE_ENTER_IRQS_ENABLED,
		"irqentry: enter from user mode with IRQs enabled", regs);
	irqentry_priv_check_mode(
		regs, true,
		"irqentry: kernel-mode frame on a user-mode entry path");
	irqentry_priv_user_transition(regs, false);
	irqentry_os_enter_from_user(regs);
}

/**
 * irqentry_exit_to_user_mode_work_pending - does the return to user have work?
 *
 * Context: IRQs disabled (the answer is final only then). Does not schedule.
 * Return: the pending work bits that the work loop handles, 0 if none.
 */
IRQENTRY_API unsigned long irqentry_exit_to_user_mode_work_pending(void)
{
	return irqentry_work_read(irqentry_os_work()) &
	       IRQENTRY_WORK_EXIT_TO_USER_MASK;
}

/*
 * The work loop, out of the fast path. Each pass enables interrupts, handles
 * every bit of the snapshot, disables interrupts and takes a new snapshot;
 * it ends only on a snapshot taken with interrupts disabled that shows no
 * work, so a bit raised by an interrupt at any point is handled first.
 */
IRQENTRY_SLOWPATH void
irqentry_priv_exit_to_user_mode_loop(irqentry_regs_t *regs, unsigned long work)
{
	unsigned int stuck = 0;

	do {
		unsigned long prev = work;

		irqentry_arch_local_irq_enable();
		if (work & IRQENTRY_WORK_RESCHED_MASK) {
			unsigned int depth = irqentry_priv_sched_save();

			if (irqentry_check_schedule())
				irqentry_os_schedule();
			irqentry_priv_sched_restore(depth);
		}
		if (work & IRQENTRY_WORK_SIGNAL_MASK)
			irqentry_os_handle_signal(regs);
		if (work & IRQENTRY_WORK_NOTIFY_RESUME)
			irqentry_os_notify_resume(regs);
		if (work & (IRQENTRY_OS_WORK_MASK))
			irqentry_os_handle_work(regs,
						work & (IRQENTRY_OS_WORK_MASK));
		irqentry_arch_local_irq_disable();
		irqentry_os_before_work_check();
		work = irqentry_exit_to_user_mode_work_pending();
		if (!irqentry_priv_loop_progress(&stuck, prev, work, regs))
			return;
	} while (work);
}

/*
 * The prepare step; returns whether the work loop ran (the live mask state
 * is then the loop's, which arch sequences may need to change again).
 */
IRQENTRY_API bool irqentry_priv_exit_to_user_mode_prepare(irqentry_regs_t *regs)
{
	unsigned long work;
	bool looped = false;

	irqentry_priv_check_irqs_off(
		IRQENTRY_RULE_EXIT_IRQS_ENABLED,
		"irqentry: exit-to-user prepare step entered with IRQs enabled",
		regs);
	if (IRQENTRY_DEBUG &&
	    !irqentry_priv_check(
		    irqentry_arch_user_mode(regs),
		    IRQENTRY_RULE_USER_WORK_ON_KERNEL_RETURN,
		    "irqentry: user-mode exit work for a frame that returns to kernel mode",
		    regs))
		return false;
	/* The loop opens IRQs, where irqentry_check_schedule() no longer
	 * reads the per-CPU NMI depth: check it here, IRQs still off. */
	if (IRQENTRY_DEBUG &&
	    !irqentry_priv_check(
		    irqentry_os_cpu()->nmi_depth == 0,
		    IRQENTRY_RULE_SCHEDULE_IN_NMI,
		    "irqentry: exit-to-user work inside an NMI-class entry (an NMI exit runs no work)",
		    regs))
		return false;
	irqentry_os_before_work_check();
	work = irqentry_exit_to_user_mode_work_pending();
	if (IRQENTRY_UNLIKELY(work)) {
		irqentry_priv_exit_to_user_mode_loop(regs, work);
		looped = true;
	}
	irqentry_priv_no_sched_begin();
	irqentry_os_exit_to_user_prepare(regs);
	irqentry_priv_no_sched_end();
	irqentry_priv_check_irqs_off(
		IRQENTRY_RULE_LOOP_IRQS_ENABLED,
		"irqentry: exit-to-user prepare step would return with IRQs enabled",
		regs);
	return looped;
}

/**
 * irqentry_exit_to_user_mode_prepare - the work step of a return to user mode
 * @regs: the trap frame (returns to user mode)
 *
 * Runs the work loop while work is pending: with IRQs enabled, reschedule
 * (NEED_RESCHED or NEED_RESCHED_LAZY: irqentry_os_schedule()), signals
 * (SIGPENDING or NOTIFY_SIGNAL: irqentry_os_handle_signal()),
 * notify-resume (irqentry_os_notify_resume()), OS bits
 * (irqentry_os_handle_work()); then IRQs disabled and the word re-read.
 * Each read of the word (the first, and each re-read) follows a call of
 * irqentry_os_before_work_check(). Then irqentry_os_exit_to_user_prepare()
 * once, with IRQs disabled.
 *
 * Context: IRQs disabled on entry and exit; enabled inside the loop. May
 * schedule and deliver signals (arm64: call it at DAIF == I|F or with all
 * of DAIF masked, never with only D or A masked).
 */
IRQENTRY_API void irqentry_exit_to_user_mode_prepare(irqentry_regs_t *regs)
{
	(void)irqentry_priv_exit_to_user_mode_prepare(regs);
}

/**
 * irqentry_exit_to_user_mode_after_prepare - state management of a return to user
 * @regs: the trap frame
 *
 * Calls irqentry_os_exit_to_user() (context tracking: the CPU is in user
 * mode from here). After it the caller returns to user mode directly.
 *
 * Context: IRQs disabled (arm64: all of DAIF masked). Never schedules.
 */
IRQENTRY_API void
irqentry_exit_to_user_mode_after_prepare(irqentry_regs_t *regs)
{
	irqentry_priv_check_irqs_off(
		IRQENTRY_RULE_EXIT_IRQS_ENABLED,
		"irqentry: exit-to-user after-prepare step entered with IRQs enabled",
		regs);
	irqentry_priv_no_sched_begin();
	irqentry_priv_user_transition(regs, true);
	irqentry_os_exit_to_user(regs);
	irqentry_priv_no_sched_end();
}

/**
 * irqentry_exit_to_user_mode - complete return to user mode
 * @regs: the trap frame
 *
 * The prepare step, then the after-prepare step.
 *
 * Context: IRQs disabled on entry and exit. May schedule (prepare step).
 */
IRQENTRY_API void irqentry_exit_to_user_mode(irqentry_regs_t *regs)
{
	irqentry_exit_to_user_mode_prepare(regs);
	irqentry_exit_to_user_mode_after_prepare(regs);
}

#endif /* IRQENTRY_USER_H */
