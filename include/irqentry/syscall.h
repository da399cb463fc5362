/* SPDX-License-Identifier: MIT */
/*
 * Syscall entry and exit: user-mode entry with interrupts enabled for the
 * syscall, the entry work (dispatch, tracing, filtering, audit) that may
 * skip or rewrite the syscall, and the exit work, run exactly once, before
 * the ordinary return to user mode. Included by <irqentry/irqentry.h>; do
 * not include directly.
 */
#ifndef IRQENTRY_SYSCALL_H
#define IRQENTRY_SYSCALL_H

#ifndef IRQENTRY_IRQENTRY_H
#error "include <irqentry/irqentry.h>, not <irqentry/syscall.h>"
#endif

/**
 * irqentry_syscall_fn - a syscall dispatcher called by the arch wrappers
 * @regs: the trap frame (arguments in, return value out)
 * @nr: the syscall number, 0 <= @nr < IRQENTRY_OS_NR_SYSCALLS
 * @arg: the wrapper's argument
 *
 * Context: IRQs enabled, may schedule. Stores the result with
 * irqentry_os_syscall_set_return() (the wrapper preset IRQENTRY_OS_ENOSYS).
 */
typedef void (*irqentry_syscall_fn)(irqentry_regs_t *regs, long nr, void *arg);

/**
 * irqentry_syscall_nr_valid - may a dispatcher index its table with @nr?
 * @nr: a syscall number (-1: skipped by entry work)
 *
 * One unsigned compare, the same test irqentry_syscall_dispatch() makes, so
 * a wrapper that checks first and dispatches after folds the two into one.
 *
 * Context: any. Return: 0 <= @nr < IRQENTRY_OS_NR_SYSCALLS. (Dispatchers
 * that index a table should still clamp the index against speculation.)
 */
IRQENTRY_API bool irqentry_syscall_nr_valid(long nr)
{
	return (unsigned long)nr < (unsigned long)IRQENTRY_OS_NR_SYSCALLS;
}

/**
 * irqentry_syscall_dispatch - run a syscall if its number is valid
 * @regs: the trap frame
 * @nr: from irqentry_syscall_enter_from_user_mode() (-1: skip)
 * @fn: the dispatcher
 * @arg: its argument
 *
 * Context: IRQs enabled, may schedule.
 * Return: true if @fn ran; false leaves the preset error in the frame.
 */
IRQENTRY_API bool irqentry_syscall_dispatch(irqentry_regs_t *regs, long nr,
					    irqentry_syscall_fn fn, void *arg)
{
	if (!irqentry_syscall_nr_valid(nr))
		return false;
	irqentry_priv_call_checked(regs, NULL, fn, nr, arg);
	return true;
}

static inline unsigned long irqentry_priv_syscall_work(void)
{
#ifdef IRQENTRY_PRIV_NO_SYSCALL_WORK
	return 0;
#else
	unsigned long *word = irqentry_os_syscall_work();

	return word ? irqentry_work_read(word) : 0;
#endif
}

/*
 * Library-private marker in the thread's work word (bits 5..7 are the
 * library's; the loop masks never include them): user dispatch redirected
 * this thread's current syscall, so its exit work is skipped. The work word
 * is per thread, so the marker survives a schedule between entry and exit,
 * as Linux's current->syscall_dispatch.on_dispatch does.
 */
#define IRQENTRY_WORK_PRIV_DISPATCHED (1UL << 6)

/* Entry work in its fixed order; -1 skips the syscall. */
IRQENTRY_SLOWPATH long irqentry_priv_syscall_trace_enter(irqentry_regs_t *regs,
							 long nr,
							 unsigned long work)
{
	/* First: the ABI of a redirected syscall may not even be ours. */
	if ((work & IRQENTRY_SYSCALL_WORK_USER_DISPATCH) &&
	    irqentry_os_syscall_user_dispatch(regs)) {
		irqentry_work_set(irqentry_os_work(),
				  IRQENTRY_WORK_PRIV_DISPATCHED);
		return -1;
	}
	if (work & (IRQENTRY_SYSCALL_WORK_TRACE | IRQENTRY_SYSCALL_WORK_EMU)) {
		bool skip = irqentry_os_syscall_trace_enter(regs);

		if (skip || (work & IRQENTRY_SYSCALL_WORK_EMU))
			return -1;
	}
	/* After the tracer, so the filter sees what the tracer changed. */
	if ((work & IRQENTRY_SYSCALL_WORK_FILTER) &&
	    irqentry_os_syscall_filter(regs))
		return -1;
	nr = irqentry_os_syscall_get_nr(regs);
	if (work & IRQENTRY_SYSCALL_WORK_TRACEPOINT) {
		irqentry_os_syscall_tracepoint_enter(regs, nr);
		/* A probe may change the number as well: what audit records
		 * and the dispatcher runs is its value (Linux re-reads it
		 * after trace_sys_enter() since 2024, kernel/entry/common.c
		 * syscall_trace_enter()). */
		nr = irqentry_os_syscall_get_nr(regs);
	}
	if (work & IRQENTRY_SYSCALL_WORK_AUDIT)
		irqentry_os_syscall_audit_enter(regs, nr);
	return nr;
}

/**
 * irqentry_syscall_enter_work - the syscall entry work
 * @regs: the trap frame
 * @nr: the syscall number the vector decoded
 *
 * With no syscall work pending returns @nr. Otherwise, in this order:
 * USER_DISPATCH (skip if dispatched), TRACE/EMU (skip if the tracer says so,
 * always with EMU), FILTER (skip if denied), the number re-read through
 * irqentry_os_syscall_get_nr(), TRACEPOINT (and the number re-read again:
 * a probe may rewrite it), AUDIT.
 *
 * Context: IRQs enabled, may schedule.
 * Return: the syscall to run, or -1 to skip it (the return value in the
 * frame is then whatever the vector preset or a hook stored).
 */
IRQENTRY_API long irqentry_syscall_enter_work(irqentry_regs_t *regs, long nr)
{
	unsigned long work = irqentry_priv_syscall_work();

	if (IRQENTRY_DEBUG)
		irqentry_work_set(irqentry_os_work(),
				  IRQENTRY_WORK_PRIV_SYSCALL);
	if (IRQENTRY_UNLIKELY(work & IRQENTRY_SYSCALL_WORK_ENTER_MASK))
		return irqentry_priv_syscall_trace_enter(regs, nr, work);
	return nr;
}

/* The syscall-only steps with IRQs masked: nothing may schedule inside. */
static inline void irqentry_priv_syscall_enter_masked(irqentry_regs_t *regs)
{
	irqentry_priv_no_sched_begin();
	irqentry_os_syscall_enter_masked(regs);
	irqentry_priv_no_sched_end();
}

static inline void irqentry_priv_syscall_exit_masked(irqentry_regs_t *regs)
{
	irqentry_priv_no_sched_begin();
	irqentry_os_syscall_exit_masked(regs);
	irqentry_priv_no_sched_end();
}

/**
 * irqentry_syscall_enter_from_user_mode - enter a syscall
 * @regs: the trap frame (from user mode)
 * @nr: the syscall number the vector decoded
 *
 * irqentry_enter_from_user_mode(), irqentry_os_syscall_enter_masked(),
 * enable IRQs, irqentry_syscall_enter_work().
 *
 * Context: IRQs disabled on entry, enabled on return. May schedule.
 * Return: the syscall to run, or -1 to skip it.
 */
IRQENTRY_API long irqentry_syscall_enter_from_user_mode(irqentry_regs_t *regs,
							long nr)
{
	irqentry_enter_from_user_mode(regs);
	irqentry_priv_syscall_enter_masked(regs);
	irqentry_arch_local_irq_enable();
	return irqentry_syscall_enter_work(regs, nr);
}

/* Exit work in its fixed order. */
IRQENTRY_SLOWPATH void irqentry_priv_syscall_exit_work(irqentry_regs_t *regs,
						       unsigned long work)
{
	bool step;

	/* A redirected syscall's entry was never reported and its ABI may
	 * be foreign: no audit, tracepoint or tracer stop for its exit
	 * (Linux: kernel/entry/common.c syscall_exit_work(), on_dispatch). */
	if ((work & IRQENTRY_SYSCALL_WORK_USER_DISPATCH) &&
	    irqentry_work_test_and_clear(irqentry_os_work(),
					 IRQENTRY_WORK_PRIV_DISPATCHED))
		return;
	if (work & IRQENTRY_SYSCALL_WORK_AUDIT)
		irqentry_os_syscall_audit_exit(regs);
	if (work & IRQENTRY_SYSCALL_WORK_TRACEPOINT)
		irqentry_os_syscall_tracepoint_exit(regs);
	/* An emulated syscall was reported at entry: no step report. */
	step = (work & IRQENTRY_SYSCALL_WORK_SINGLESTEP) &&
	       !(work & IRQENTRY_SYSCALL_WORK_EMU);
	if (step || (work & IRQENTRY_SYSCALL_WORK_TRACE))
		irqentry_os_syscall_trace_exit(regs, step);
}

/**
 * irqentry_syscall_exit_work - the syscall exit work, exactly once
 * @regs: the trap frame
 *
 * In this order: AUDIT, TRACEPOINT, TRACE or SINGLESTEP (not with EMU);
 * none of them when USER_DISPATCH redirected the syscall. Debug builds
 * report a call without a syscall entry or a second call for the same
 * syscall, and repair IRQs left disabled by the syscall.
 *
 * Context: IRQs enabled, may schedule.
 */
IRQENTRY_API void irqentry_syscall_exit_work(irqentry_regs_t *regs)
{
	unsigned long work;

	if (IRQENTRY_DEBUG) {
		if (!irqentry_priv_check(
			    !irqentry_arch_irqs_disabled(),
			    IRQENTRY_RULE_SYSCALL_IRQS_DISABLED,
			    "irqentry: syscall returned with IRQs disabled",
			    regs))
			irqentry_arch_local_irq_enable();
		if (!irqentry_priv_check(
			    irqentry_work_test_and_clear(
				    irqentry_os_work(),
				    IRQENTRY_WORK_PRIV_SYSCALL) != 0,
			    IRQENTRY_RULE_SYSCALL_EXIT_TWICE,
			    "irqentry: syscall exit work run twice, or without a syscall entry",
			    regs))
			return;
	}
	work = irqentry_priv_syscall_work();
	if (IRQENTRY_UNLIKELY(work & IRQENTRY_SYSCALL_WORK_EXIT_MASK))
		irqentry_priv_syscall_exit_work(regs, work);
}

/**
 * irqentry_syscall_exit_to_user_mode - return from a syscall
 * @regs: the trap frame
 *
 * irqentry_syscall_exit_work(), disable IRQs,
 * irqentry_exit_to_user_mode_prepare() (the work loop),
 * irqentry_os_syscall_exit_masked(),
 * irqentry_exit_to_user_mode_after_prepare().
 *
 * Context: IRQs enabled on entry, disabled on return. May schedule.
 */
IRQENTRY_API void irqentry_syscall_exit_to_user_mode(irqentry_regs_t *regs)
{
	irqentry_syscall_exit_work(regs);
	irqentry_arch_local_irq_disable();
	irqentry_exit_to_user_mode_prepare(regs);
	irqentry_priv_syscall_exit_masked(regs);
	irqentry_exit_to_user_mode_after_prepare(regs);
}

/* The library's bits of a thread's work word (see irqentry_os_work()). */
#define IRQENTRY_PRIV_WORK_PRIVATE_MASK                                        \
	(IRQENTRY_WORK_PRIV_DISPATCHED | IRQENTRY_WORK_PRIV_SYSCALL)

/**
 * irqentry_syscall_new_thread - prepare a new thread's first return to user mode
 * @regs: the new thread's user-mode frame (the parent's copy with the
 *	child's return value stored, or one the kernel built)
 *
 * A new user thread (a fork or clone child, or a user thread the kernel
 * creates, the first process included) has no entry to return from, yet it
 * leaves the kernel through the syscall exit, so that a traced child gets
 * its syscall-exit stop and audit its record, as Linux's ret_from_fork
 * does with syscall_exit_to_user_mode(). Call this first, in the thread's
 * kernel entry point after the switch to it, then, with IRQs enabled, the
 * arch's syscall exit: irqentry_arm64_el0_svc_exit(),
 * irqentry_riscv_ecall_u_exit(), irqentry_x86_syscall_64_exit() (its
 * SYSRET answer holds for the child too) or
 * irqentry_syscall_exit_to_user_mode(). Not the IRQ exit: that skips the
 * syscall exit work.
 *
 * Clears the library's bits in the thread's work word (a copy of the
 * parent's word may carry them). Debug builds also record, in the
 * thread's block (irqentry_os_thread()), what an entry would have: the
 * thread is in the kernel and holds no kernel-mode entry (with the
 * uniprocessor default block: whatever the thread switched away from
 * left), and exactly one syscall exit is owed, so the checks of the exit
 * accept a thread that never had an entry.
 *
 * Context: kernel mode, the new thread's first code after the switch;
 * IRQs on or off (it does not change them). Does not schedule.
 */
IRQENTRY_API void irqentry_syscall_new_thread(irqentry_regs_t *regs)
{
	unsigned long *word = irqentry_os_work();

	irqentry_priv_check_mode(
		regs, true,
		"irqentry: new thread's first return to user mode with a kernel-mode frame");
	irqentry_work_clear(word, IRQENTRY_PRIV_WORK_PRIVATE_MASK);
	if (IRQENTRY_DEBUG) {
		struct irqentry_thread *thread = irqentry_os_thread();

		thread->in_user = 0;
		thread->depth = 0;
		irqentry_work_set(word, IRQENTRY_WORK_PRIV_SYSCALL);
	}
}

/**
 * irqentry_thread_dead - the current thread exits and never returns
 *
 * Call from the OS's thread exit, in the dying thread, before its last
 * switch away, wherever it dies: in irqentry_os_handle_signal() (a fatal
 * signal), in the syscall dispatcher (exit()), or in the handler of a
 * kernel-mode entry (a fatal kernel fault). The entries it will never
 * leave must leave nothing behind: the library's bits in its work word are
 * cleared (a recycled work word starts clean), and debug builds drop the
 * kernel-mode nesting depth its block holds (irqentry_os_thread()): with
 * the uniprocessor default block, the CPU's, which code that resumes
 * outside the library (an idle loop, a kernel thread's own schedule call)
 * would otherwise inherit. Threads that resume inside the library restore
 * their own depth anyway; a new thread starts with
 * irqentry_syscall_new_thread().
 *
 * Context: kernel mode, any IRQ state; not inside an NMI-class entry nor
 * an after-preempt/after-prepare step (nothing may die there). Does not
 * schedule.
 */
IRQENTRY_API void irqentry_thread_dead(void)
{
	irqentry_work_clear(irqentry_os_work(),
			    IRQENTRY_PRIV_WORK_PRIVATE_MASK);
	if (IRQENTRY_DEBUG)
		irqentry_os_thread()->depth = 0;
}

#endif /* IRQENTRY_SYSCALL_H */
