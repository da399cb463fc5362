/* SPDX-License-Identifier: MIT */
/*
 * The library's state hooks, its debug reports, the exception table and the
 * body of the NMI-class handler: the portable half of every entry, called
 * by the library from inside the port's wrappers.
 */
#include "kernel.h"

/* Bounds of the __ex_table section (the port's linker script). */
extern const struct extable_entry __start_ex_table[], __stop_ex_table[];

void irqentry_os_enter_from_user(irqentry_regs_t *regs)
{
	(void)regs;
	narrate("enter_from_user_mode: state tracking, the CPU is in the kernel");
}

#if KERNEL_BENCH
/*
 * bench.c's SMP part: the yield that asked for it (sys_yield()) is over
 * and the thread is on its way back to user mode with no work left; now
 * CPU 0 may kick it again. Out of line and cold: the single-CPU figures
 * pay only the flag test. Context: IRQs disabled.
 */
static __attribute__((noinline, cold)) void bench_wake(void)
{
	bench_wake_boot_cpu = false;
	__atomic_store_n(&bench_wakes, bench_wakes + 1, __ATOMIC_RELEASE);
	port_send_ipi(0);
}
#endif

/*
 * The after-prepare step, the last hook before the return to user mode,
 * with everything masked. The library promises the work loop ended on a
 * check made with interrupts disabled, so no library work set on this CPU
 * can be pending here: a signal raised for a compute-bound thread is
 * delivered on this very return, never on a later one.
 */
void irqentry_os_exit_to_user(irqentry_regs_t *regs)
{
	unsigned long work =
		irqentry_work_read(&current->work) & IRQENTRY_WORK_LIBRARY_MASK;

	(void)regs;
	/*
	 * With several CPUs a bit another CPU sets after the loop's last
	 * check is legitimate here: its kick is on the way (pending, or about
	 * to be sent), is taken right after this return, and that entry's
	 * work loop handles the bit (docs/porting.md, section 9). Such
	 * returns are only counted; whether every remote request was then
	 * handled is what the SMP scenarios' sequence numbers check. On one
	 * CPU nothing can race the check: any bit is a violation.
	 */
	if (work && nr_cpus > 1) {
		STAT_INC(work_raced);
	} else if (work) {
		STAT_INC(work_leaks);
		kcomplain(
			"violation: return to user with work 0x%lx pending (thread %s)\n",
			work, current->name);
	}
	narrate("after-prepare step: exit_to_user_mode, no work left");
#if KERNEL_BENCH
	if (__builtin_expect(bench_wake_boot_cpu, 0))
		bench_wake();
#endif
}

void irqentry_os_enter_from_kernel(irqentry_regs_t *regs)
{
	(void)regs;
	narrate("enter_from_kernel_mode: state tracking");
}

void irqentry_os_exit_to_kernel(irqentry_regs_t *regs)
{
	(void)regs;
	narrate("after-preempt step: exit_to_kernel_mode%s",
		need_resched() && current->preempt_count
			? " (NEED_RESCHED owed: preempt count > 0)"
			: "");
	/* Broken build 7: a switch from the state-management step, where
	 * everything is masked. The library and the scheduler must both
	 * object. */
	if (KERNEL_BREAK == 7 && READ_ONCE(stats.ticks) % 64 == 0)
		schedule();
}

void irqentry_os_nmi_enter(irqentry_regs_t *regs)
{
	(void)regs;
	STAT_INC(nmi);
	ATOMIC_INC(cpus[this_cpu()].nmi);
	narrate("nmi_enter: NMI depth now %u", irqentry_in_nmi());
}

void irqentry_os_nmi_exit(irqentry_regs_t *regs)
{
	(void)regs;
	narrate("nmi_exit: no work loop, no preempt step, whatever NEED_RESCHED says");
}

/*
 * Scenario 6: an NMI-class handler runs inside the library's NMI
 * accounting and must never reach the scheduler. It may interrupt anything,
 * even an IRQ handler or the scheduler itself, so it only counts.
 */
void kernel_nmi(irqentry_regs_t *regs)
{
	(void)regs;
	if (irqentry_in_nmi() == 0)
		STAT_INC(nmi_bad);
	/* None of this kernel's NMI-class entries nest in another. */
	if (irqentry_in_nmi() != 1)
		STAT_INC(nmi_depth_bad);
	narrate("handler: NMI-class, irqentry_in_nmi()=%u, NEED_RESCHED=%d",
		irqentry_in_nmi(), need_resched() ? 1 : 0);
	/* Broken build 6: try to schedule from the NMI. */
	if (KERNEL_BREAK == 6)
		schedule();
}

void irqentry_os_report(enum irqentry_rule rule, const char *message,
			irqentry_regs_t *regs)
{
	STAT_INC(reports);
	if (regs)
		kcomplain("report: rule %d: %s (thread %s, pc 0x%lx)\n",
			  (int)rule, message, current->name,
			  port_regs_pc(regs));
	else
		kcomplain("report: rule %d: %s (thread %s)\n", (int)rule,
			  message, current->name);
}

/*
 * Scenario 5: a kernel fault at an instruction listed in the exception
 * table resumes at its fixup (which returns -EFAULT), the way a
 * copy_from_user() survives a bad user pointer.
 */
bool kernel_fixup_exception(irqentry_regs_t *regs)
{
	unsigned long pc = port_regs_pc(regs);
	const struct extable_entry *e;

	for (e = __start_ex_table; e < __stop_ex_table; e++) {
		if (e->insn != pc)
			continue;
		narrate("handler: pc 0x%lx is in the exception table, resume at its fixup 0x%lx",
			pc, e->fixup);
		port_regs_set_pc(regs, e->fixup);
		STAT_INC(faults_fixed);
		return true;
	}
	return false;
}

/* A user thread faulted: kill it (no SIGSEGV handlers in this kernel). */
void kernel_user_fault(irqentry_regs_t *regs, const char *what)
{
	STAT_INC(user_faults);
	kprintf("user fault: %s in thread %s at pc 0x%lx: killed\n", what,
		current->name, port_regs_pc(regs));
	thread_exit(128 + 11);
}
