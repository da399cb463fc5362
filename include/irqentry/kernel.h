/* SPDX-License-Identifier: MIT */
/*
 * Entry from and exit to kernel mode: the state tracking on entry, and the
 * exit split into a preempt step (may schedule) and an after-preempt step
 * (state management only) so an architecture can change its masking in
 * between. Included by <irqentry/irqentry.h>; do not include directly.
 */
#ifndef IRQENTRY_KERNEL_H
#define IRQENTRY_KERNEL_H

#ifndef IRQENTRY_IRQENTRY_H
#error "include <irqentry/irqentry.h>, not <irqentry/kernel.h>"
#endif

static inline irqentry_state_t irqentry_priv_state_init(void)
{
	irqentry_state_t state;

	state.exit_idle = false;
	state.nmi_depth = 0;
#if IRQENTRY_DEBUG
	state.depth = 0;
#endif
#ifdef IRQENTRY_OS_STATE_TYPE
	{
		/* Zero whatever the type is, without memset (freestanding). */
		static const IRQENTRY_OS_STATE_TYPE zero_os =
			IRQENTRY_PRIV_ZERO_INIT;

		state.os = zero_os;
	}
#endif
	return state;
}

/**
 * irqentry_enter_from_kernel_mode - state tracking for an entry from kernel mode
 * @regs: the trap frame (its mode must be kernel)
 *
 * If irqentry_os_in_idle() says the CPU was idle, calls
 * irqentry_os_enter_from_idle() and records it, so the matching exit calls
 * irqentry_os_exit_to_idle() and does not preempt; otherwise calls
 * irqentry_os_enter_from_kernel().
 *
 * Context: IRQs disabled (as the exception left them), does not schedule.
 * Return: the state to pass to the matching exit.
 */
IRQENTRY_API irqentry_state_t
irqentry_enter_from_kernel_mode(irqentry_regs_t *regs)
{
	irqentry_state_t state = irqentry_priv_state_init();

	irqentry_priv_check_irqs_off(
		IRQENTRY_RULE_ENTER_IRQS_ENABLED,
		"irqentry: enter from kernel mode with IRQs enabled", regs);
	irqentry_priv_check_mode(
		regs, false,
		"irqentry: user-mode frame on a kernel-mode entry path");
	irqentry_priv_depth_enter(&state);
#ifdef IRQENTRY_OS_STATE_TYPE
	irqentry_os_state_enter(regs, &state.os);
#endif
	if (IRQENTRY_UNLIKELY(irqentry_os_in_idle())) {
		irqentry_os_enter_from_idle(regs);
		state.exit_idle = true;
	} else {
		irqentry_os_enter_from_kernel(regs);
	}
	return state;
}

/**
 * irqentry_kernel_preempt_pending - would the preempt step preempt now?
 * @regs: the trap frame
 * @state: the state from the matching enter
 *
 * True when the interrupted context had IRQs enabled, the entry was not from
 * idle, preemption is configured, the preempt count is 0, NEED_RESCHED (not
 * the lazy bit) is set, and neither the arch nor the OS vetoes. Arch
 * sequences use it to test before changing masks; the preempt step uses it.
 * Debug builds also ask irqentry_os_on_thread_stack() once the count is 0,
 * and report and answer false off the thread stack.
 *
 * Context: IRQs disabled. Does not schedule.
 */
IRQENTRY_API bool irqentry_kernel_preempt_pending(irqentry_regs_t *regs,
						  irqentry_state_t state)
{
	if (!IRQENTRY_PREEMPTION || state.exit_idle ||
	    irqentry_arch_regs_irqs_disabled(regs))
		return false;
	if (irqentry_os_preempt_count() != 0)
		return false;
	/* Preemptible from here: it must also be the thread's stack, whether
	 * or not a reschedule is due now (a rare NEED_RESCHED would hide the
	 * bug from most test runs). */
	if (IRQENTRY_DEBUG &&
	    !irqentry_priv_check(
		    irqentry_os_on_thread_stack(),
		    IRQENTRY_RULE_PREEMPT_OFF_THREAD_STACK,
		    "irqentry: preemptible kernel-mode exit off the thread stack (switch back from the IRQ stack before the exit)",
		    regs))
		return false;
	if (IRQENTRY_LIKELY(!(irqentry_work_read(irqentry_os_work()) &
			      IRQENTRY_WORK_NEED_RESCHED)))
		return false;
	return irqentry_arch_preempt_allowed(regs) &&
	       irqentry_os_preempt_allowed(regs);
}

/*
 * The preemption itself, out of the fast path. Reached only when the
 * pending check said yes, so the entry was not from idle and a fresh state
 * answers the re-check the same: the caller need not keep its state alive
 * across the handler for this call (bench/README.md, static sizes).
 */
IRQENTRY_SLOWPATH void irqentry_priv_preempt(irqentry_regs_t *regs)
{
	unsigned int stuck = 0;

	do {
		unsigned int depth = irqentry_priv_sched_save();

		if (!irqentry_check_schedule())
			return;
		irqentry_os_preempt_schedule_irq();
		irqentry_priv_sched_restore(depth);
		irqentry_priv_check_irqs_off(
			IRQENTRY_RULE_EXIT_IRQS_ENABLED,
			"irqentry: irqentry_os_preempt_schedule_irq() returned with IRQs enabled",
			regs);
		if (!irqentry_priv_loop_progress(
			    &stuck, IRQENTRY_WORK_NEED_RESCHED,
			    irqentry_work_read(irqentry_os_work()), regs))
			return;
	} while (irqentry_kernel_preempt_pending(regs,
						 irqentry_priv_state_init()));
}

/**
 * irqentry_exit_to_kernel_mode_preempt - the preempt step of a kernel-mode exit
 * @regs: the trap frame
 * @state: the state from the matching enter
 *
 * Preempts (irqentry_os_preempt_schedule_irq(), again while NEED_RESCHED is
 * set) when irqentry_kernel_preempt_pending() says so; nothing else. Returns
 * at once if the interrupted context had IRQs disabled or the entry was from
 * idle.
 *
 * Context: IRQs disabled on entry and exit. May schedule: the CPU must be in
 * a state a task switch is legal in (arm64: DAIF == I|F, D and A open).
 */
IRQENTRY_API void irqentry_exit_to_kernel_mode_preempt(irqentry_regs_t *regs,
						       irqentry_state_t state)
{
	irqentry_priv_check_irqs_off(
		IRQENTRY_RULE_EXIT_IRQS_ENABLED,
		"irqentry: kernel-mode preempt step entered with IRQs enabled",
		regs);
	if (IRQENTRY_UNLIKELY(irqentry_kernel_preempt_pending(regs, state)))
		irqentry_priv_preempt(regs);
}

/**
 * irqentry_exit_to_kernel_mode_after_preempt - state management of a kernel-mode exit
 * @regs: the trap frame
 * @state: the state from the matching enter
 *
 * Calls irqentry_os_exit_to_idle() if the entry was from idle, otherwise
 * irqentry_os_exit_to_kernel(). After it the caller returns straight to the
 * interrupted context.
 *
 * Context: IRQs disabled (arm64: all of DAIF masked). Never schedules.
 */
IRQENTRY_API void
irqentry_exit_to_kernel_mode_after_preempt(irqentry_regs_t *regs,
					   irqentry_state_t state)
{
	irqentry_priv_check_irqs_off(
		IRQENTRY_RULE_EXIT_IRQS_ENABLED,
		"irqentry: kernel-mode after-preempt step entered with IRQs enabled",
		regs);
	irqentry_priv_no_sched_begin();
	if (IRQENTRY_UNLIKELY(state.exit_idle))
		irqentry_os_exit_to_idle(regs);
	else
		irqentry_os_exit_to_kernel(regs);
#ifdef IRQENTRY_OS_STATE_TYPE
	irqentry_os_state_exit(regs, &state.os);
#endif
	irqentry_priv_no_sched_end();
	irqentry_priv_depth_exit(regs, state);
}

/**
 * irqentry_exit_to_kernel_mode - complete kernel-mode exit
 * @regs: the trap frame
 * @state: the state from the matching enter
 *
 * The preempt step, then the after-preempt step: for architectures whose
 * masking does not change between the two.
 *
 * Context: IRQs disabled on entry and exit. May schedule (preempt step).
 */
IRQENTRY_API void irqentry_exit_to_kernel_mode(irqentry_regs_t *regs,
					       irqentry_state_t state)
{
	irqentry_exit_to_kernel_mode_preempt(regs, state);
	irqentry_exit_to_kernel_mode_after_preempt(regs, state);
}

#endif /* IRQENTRY_KERNEL_H */
