/* SPDX-License-Identifier: MIT */
/*
 * The hand-written baseline, shared part: what every arch's hand-inlined
 * entry code needs besides its mask instructions. Included by
 * baseline/<arch>.h after it has defined bl_irq_enable(), bl_irq_disable()
 * and bl_regs_irqs_off(); the includer has included <irqentry/irqentry.h>
 * before, for the OS header and its hooks (with the same defaults the
 * library gives optional hooks) and the work-bit numbers. Nothing else of
 * the library is used: no irqentry_state_t, no generic core, no wrappers.
 *
 * The slow paths are out of line and cold, as a kernel author keeps them
 * (and as the library does): the benchmarks compare the fast paths.
 */
#ifndef BENCH_BASELINE_COMMON_H
#define BENCH_BASELINE_COMMON_H

#define BL_LIKELY(x)   __builtin_expect(!!(x), 1)
#define BL_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define BL_INLINE      static inline __attribute__((__always_inline__))
#define BL_SLOW        static __attribute__((__noinline__, __cold__, __unused__))

typedef void (*baseline_handler_fn)(irqentry_regs_t *regs, void *arg);
typedef void (*baseline_syscall_fn)(irqentry_regs_t *regs, long nr, void *arg);

/* The work bits that send a return to user mode through the loop. */
#define BL_USER_WORK (IRQENTRY_WORK_LIBRARY_MASK | (IRQENTRY_OS_WORK_MASK))

/* Relaxed: a bit only decides whether a hook runs (see work.h). */
BL_INLINE unsigned long bl_work(void)
{
	return __atomic_load_n(irqentry_os_work(), __ATOMIC_RELAXED);
}

BL_INLINE unsigned long bl_syscall_work(void)
{
	unsigned long *word = irqentry_os_syscall_work();

	return word ? __atomic_load_n(word, __ATOMIC_RELAXED) : 0;
}

/* Return to kernel mode: preempt only an interrupted context that had
 * IRQs on, was not idle, holds no preempt count and has NEED_RESCHED. */
BL_INLINE bool bl_preempt_due(irqentry_regs_t *regs, bool idle)
{
	if (idle || bl_regs_irqs_off(regs))
		return false;
	if (irqentry_os_preempt_count() != 0)
		return false;
	if (BL_LIKELY(!(bl_work() & IRQENTRY_WORK_NEED_RESCHED)))
		return false;
	return irqentry_os_preempt_allowed(regs);
}

BL_SLOW void bl_preempt(irqentry_regs_t *regs)
{
	do
		irqentry_os_preempt_schedule_irq();
	while (bl_preempt_due(regs, false));
}

/* The work loop before a return to user mode: each pass handles the
 * snapshot with IRQs on, then re-reads the word with IRQs off. */
BL_SLOW void bl_user_work_loop(irqentry_regs_t *regs, unsigned long work)
{
	do {
		bl_irq_enable();
		if (work & IRQENTRY_WORK_RESCHED_MASK)
			irqentry_os_schedule();
		if (work & IRQENTRY_WORK_SIGNAL_MASK)
			irqentry_os_handle_signal(regs);
		if (work & IRQENTRY_WORK_NOTIFY_RESUME)
			irqentry_os_notify_resume(regs);
		if (work & (IRQENTRY_OS_WORK_MASK))
			irqentry_os_handle_work(regs,
						work & (IRQENTRY_OS_WORK_MASK));
		bl_irq_disable();
		work = bl_work() & BL_USER_WORK;
	} while (work);
}

/* Syscall entry work, in the library's documented order. */
BL_SLOW long bl_syscall_enter_slow(irqentry_regs_t *regs, long nr,
				   unsigned long work)
{
	if ((work & IRQENTRY_SYSCALL_WORK_USER_DISPATCH) &&
	    irqentry_os_syscall_user_dispatch(regs)) {
		irqentry_work_set(irqentry_os_work(), 1UL << 6);
		return -1;
	}
	if (work & (IRQENTRY_SYSCALL_WORK_TRACE | IRQENTRY_SYSCALL_WORK_EMU)) {
		if (irqentry_os_syscall_trace_enter(regs) ||
		    (work & IRQENTRY_SYSCALL_WORK_EMU))
			return -1;
	}
	if ((work & IRQENTRY_SYSCALL_WORK_FILTER) &&
	    irqentry_os_syscall_filter(regs))
		return -1;
	nr = irqentry_os_syscall_get_nr(regs);
	if (work & IRQENTRY_SYSCALL_WORK_TRACEPOINT) {
		irqentry_os_syscall_tracepoint_enter(regs, nr);
		nr = irqentry_os_syscall_get_nr(regs);
	}
	if (work & IRQENTRY_SYSCALL_WORK_AUDIT)
		irqentry_os_syscall_audit_enter(regs, nr);
	return nr;
}

BL_SLOW void bl_syscall_exit_slow(irqentry_regs_t *regs, unsigned long work)
{
	bool step = (work & IRQENTRY_SYSCALL_WORK_SINGLESTEP) &&
		    !(work & IRQENTRY_SYSCALL_WORK_EMU);

	/* A syscall user dispatch redirected: no exit work. */
	if ((work & IRQENTRY_SYSCALL_WORK_USER_DISPATCH) &&
	    irqentry_work_test_and_clear(irqentry_os_work(), 1UL << 6))
		return;
	if (work & IRQENTRY_SYSCALL_WORK_AUDIT)
		irqentry_os_syscall_audit_exit(regs);
	if (work & IRQENTRY_SYSCALL_WORK_TRACEPOINT)
		irqentry_os_syscall_tracepoint_exit(regs);
	if (step || (work & IRQENTRY_SYSCALL_WORK_TRACE))
		irqentry_os_syscall_trace_exit(regs, step);
}

/* Syscall entry work on the fast path: the number, or -1 to skip. */
BL_INLINE long bl_syscall_enter_work(irqentry_regs_t *regs, long nr)
{
	unsigned long work = bl_syscall_work();

	if (BL_UNLIKELY(work & IRQENTRY_SYSCALL_WORK_ENTER_MASK))
		return bl_syscall_enter_slow(regs, nr, work);
	return nr;
}

BL_INLINE void bl_syscall_exit_work(irqentry_regs_t *regs)
{
	unsigned long work = bl_syscall_work();

	if (BL_UNLIKELY(work & IRQENTRY_SYSCALL_WORK_EXIT_MASK))
		bl_syscall_exit_slow(regs, work);
}

/* Dispatch a valid number; others keep the preset -ENOSYS. */
BL_INLINE void bl_syscall_dispatch(irqentry_regs_t *regs, long nr,
				   baseline_syscall_fn dispatch, void *arg)
{
	if ((unsigned long)nr < (unsigned long)IRQENTRY_OS_NR_SYSCALLS)
		dispatch(regs, nr, arg);
}

/* NMI-class: nest the per-CPU depth irqentry_in_nmi() reads. */
BL_INLINE void bl_nmi(irqentry_regs_t *regs, baseline_handler_fn handler,
		      void *arg)
{
	struct irqentry_cpu *cpu = irqentry_os_cpu();
	unsigned int depth = cpu->nmi_depth;

	cpu->nmi_depth = depth + 1;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	irqentry_os_nmi_enter(regs);
	handler(regs, arg);
	irqentry_os_nmi_exit(regs);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	cpu->nmi_depth = depth;
}

#endif /* BENCH_BASELINE_COMMON_H */
