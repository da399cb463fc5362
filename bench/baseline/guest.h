/* SPDX-License-Identifier: MIT */
/*
 * The hand-written baseline of the guest-entry checks: what a hypervisor
 * writes by hand instead of irqentry_guest_handle_work() and
 * irqentry_guest_work_pending() (<irqentry/guest.h>), for the null
 * hypercall benchmark of the hypervisor build (core/vmm.c, BENCH=1 HV=1).
 * Included after <irqentry/irqentry.h>, for the OS header's hooks and the
 * work-bit numbers; nothing else of the library is used. Like every
 * baseline, its slow path is out of line and cold.
 */
#ifndef BENCH_BASELINE_GUEST_H
#define BENCH_BASELINE_GUEST_H

#ifndef BL_INLINE
#define BL_LIKELY(x) __builtin_expect(!!(x), 1)
#define BL_INLINE    static inline __attribute__((__always_inline__))
#define BL_SLOW      static __attribute__((__noinline__, __cold__, __unused__))
#endif

/* The work bits that must be handled before a guest entry. */
#define BL_GUEST_WORK                                                          \
	(IRQENTRY_WORK_RESCHED_MASK | IRQENTRY_WORK_SIGNAL_MASK |              \
	 IRQENTRY_WORK_NOTIFY_RESUME | (IRQENTRY_OS_GUEST_WORK_MASK))

BL_INLINE unsigned long bl_guest_work(void)
{
	return __atomic_load_n(irqentry_os_work(), __ATOMIC_RELAXED) &
	       BL_GUEST_WORK;
}

/* The final check, IRQs disabled. */
BL_INLINE bool bl_guest_work_pending(void)
{
	irqentry_os_before_work_check();
	return bl_guest_work() != 0;
}

/* The work loop, IRQs enabled: reschedule, stop for a signal, resume
 * work, the OS's guest work; again until the word is clean. */
BL_SLOW int bl_guest_work_loop(irqentry_vcpu_t *vcpu, unsigned long work)
{
	do {
		if (work & IRQENTRY_WORK_RESCHED_MASK)
			irqentry_os_schedule();
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
		work = bl_guest_work();
	} while (work);
	return 0;
}

BL_INLINE int bl_guest_handle_work(irqentry_vcpu_t *vcpu)
{
	unsigned long work = bl_guest_work();

	if (BL_LIKELY(!work))
		return 0;
	return bl_guest_work_loop(vcpu, work);
}

#endif /* BENCH_BASELINE_GUEST_H */
