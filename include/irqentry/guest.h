/* SPDX-License-Identifier: MIT */
/*
 * Guest entry for hypervisors: the work a vCPU thread must do before it
 * enters a guest (reschedule, pending signal, notify-resume, OS work), on
 * the same work word and with the same re-check rule as the return to user
 * mode. Included by <irqentry/irqentry.h>; do not include directly.
 *
 * The vCPU loop:
 *
 *	for (;;) {
 *		int r = irqentry_guest_handle_work(vcpu);   // IRQs on
 *		if (r)
 *			return r;                  // to the VMM (signal)
 *		irqentry_arch_local_irq_disable();
 *		if (irqentry_guest_work_pending()) {        // final check
 *			irqentry_arch_local_irq_enable();
 *			continue;
 *		}
 *		enter_guest(vcpu);                          // IRQs off
 *		irqentry_arch_local_irq_enable();
 *		handle_exit(vcpu);
 *	}
 */
#ifndef IRQENTRY_GUEST_H
#define IRQENTRY_GUEST_H

#ifndef IRQENTRY_IRQENTRY_H
#error "include <irqentry/irqentry.h>, not <irqentry/guest.h>"
#endif

/* The work bits that must be handled before a guest entry. */
#define IRQENTRY_WORK_GUEST_MASK                                               \
	(IRQENTRY_WORK_RESCHED_MASK | IRQENTRY_WORK_SIGNAL_MASK |              \
	 IRQENTRY_WORK_NOTIFY_RESUME | (IRQENTRY_OS_GUEST_WORK_MASK))

/**
 * irqentry_guest_work_pending - must work run before entering the guest?
 *
 * The final check before guest entry: made with IRQs disabled, a "no"
 * stays true until the guest runs (a later bit comes with an interrupt
 * that exits the guest).
 *
 * Calls irqentry_os_before_work_check() first, so work it raises is seen.
 *
 * Context: IRQs disabled (debug builds report otherwise). Does not schedule.
 * Return: true if irqentry_guest_handle_work() must run first.
 */
IRQENTRY_API bool irqentry_guest_work_pending(void)
{
	if (IRQENTRY_DEBUG)
		(void)irqentry_priv_check(
			irqentry_arch_irqs_disabled(),
			IRQENTRY_RULE_EXIT_IRQS_ENABLED,
			"irqentry: guest work check with IRQs enabled (the answer is stale at once)",
			NULL);
	irqentry_os_before_work_check();
	return (irqentry_work_read(irqentry_os_work()) &
		IRQENTRY_WORK_GUEST_MASK) != 0;
}

/* The loop, out of the fast path. */
IRQENTRY_SLOWPATH int irqentry_priv_guest_loop(irqentry_vcpu_t *vcpu,
					       unsigned long work)
{
	unsigned int stuck = 0;

	do {
		unsigned long prev = work;

		if (work & IRQENTRY_WORK_RESCHED_MASK) {
			unsigned int depth = irqentry_priv_sched_save();

			if (irqentry_check_schedule())
				irqentry_os_schedule();
			irqentry_priv_sched_restore(depth);
		}
		/* A signal is delivered by the VMM's return to user mode,
		 * never in guest context. */
		if (work & IRQENTRY_WORK_SIGNAL_MASK)
			return irqentry_os_guest_signal_exit(vcpu);
		if (work & IRQENTRY_WORK_NOTIFY_RESUME)
			irqentry_os_notify_resume(NULL);
		if (work & (IRQENTRY_OS_GUEST_WORK_MASK)) {
			int r = irqentry_os_guest_handle_work(
				vcpu, work & (IRQENTRY_OS_GUEST_WORK_MASK));

			if (r)
				return r;
		}
		work = irqentry_work_read(irqentry_os_work()) &
		       IRQENTRY_WORK_GUEST_MASK;
		if (!irqentry_priv_loop_progress(&stuck, prev, work, NULL))
			return IRQENTRY_GUEST_EXIT_NO_PROGRESS;
	} while (work);
	return 0;
}

/**
 * irqentry_guest_handle_work - do the work due before entering a guest
 * @vcpu: the vCPU, passed to the OS hooks
 *
 * Loops while work is pending: reschedule (irqentry_os_schedule(), also for
 * the lazy bit), signal (stop: return irqentry_os_guest_signal_exit()),
 * notify-resume (irqentry_os_notify_resume(NULL)), OS guest work
 * (irqentry_os_guest_handle_work(), non-zero stops), re-read.
 *
 * Context: IRQs enabled, preemptible; may schedule. Follow it with
 * irqentry_guest_work_pending() under IRQs disabled.
 * Return: 0 when the guest may be entered, else the code from a hook, or
 * (debug builds) IRQENTRY_GUEST_EXIT_NO_PROGRESS after reporting a hook that
 * does not clear its bit.
 */
IRQENTRY_API int irqentry_guest_handle_work(irqentry_vcpu_t *vcpu)
{
	unsigned long work = irqentry_work_read(irqentry_os_work()) &
			     IRQENTRY_WORK_GUEST_MASK;

	if (IRQENTRY_LIKELY(!work))
		return 0;
	return irqentry_priv_guest_loop(vcpu, work);
}

#endif /* IRQENTRY_GUEST_H */
