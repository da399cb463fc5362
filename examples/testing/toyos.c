/* SPDX-License-Identifier: MIT */
/*
 * toyos's kernel code: the hooks irqentry_os.h names, and the vector C
 * code that calls one irqentry wrapper per exception class. Nothing here
 * knows about the test except the toy_trace() points.
 *
 * TOY_BUG=1 builds a classic bug on purpose: a signal with no handler is
 * discarded without clearing IRQENTRY_WORK_SIGPENDING, so the return to
 * user mode would loop forever (debug builds: the library reports
 * IRQENTRY_RULE_NO_PROGRESS and stops). The tests must catch it.
 */
#include "toyos.h"

struct toy_thread toy_threads[TOY_NR_THREADS];
struct toy_thread *toy_current;
struct toy_stats toy_stats;
static bool toy_in_user; /* context tracking: where this CPU is */

void toy_reset(void)
{
	unsigned int i;

	for (i = 0; i < TOY_NR_THREADS; i++) {
		struct toy_thread *t = &toy_threads[i];

		t->work = 0;
		t->preempt_count = 0;
		t->sigmask = 0;
		t->handler = 0;
		t->switched_in = 0;
		t->id = (int)i + 1;
	}
	toy_current = &toy_threads[0];
	toy_stats.ticks = 0;
	toy_stats.voluntary = 0;
	toy_stats.involuntary = 0;
	toy_stats.signals = 0;
	toy_stats.nmis = 0;
	toy_stats.errors = 0;
	toy_in_user = true;
}

void toy_kill(struct toy_thread *t, int sig)
{
	__atomic_fetch_or(&t->sigmask, 1UL << sig, __ATOMIC_RELAXED);
	irqentry_work_set(&t->work, IRQENTRY_WORK_SIGPENDING);
}

/* ---- Scheduler ---------------------------------------------------------- */

/*
 * Run the next thread until it gives the CPU back. toyos's threads have no
 * code, so that is at once; a real kernel switches stacks here and returns
 * when this thread is picked again, finding its own work word.
 */
static void toy_switch(void)
{
	struct toy_thread *self = toy_current;

	toy_current = &toy_threads[(unsigned int)self->id % TOY_NR_THREADS];
	toy_current->switched_in++;
	toy_current = self;
}

void toy_schedule(void)
{
	/* The switch consumes the request, lazy or not. */
	irqentry_work_clear(&toy_current->work, IRQENTRY_WORK_RESCHED_MASK);
	toy_stats.voluntary++;
	toy_switch();
}

void toy_preempt_schedule_irq(void)
{
	irqentry_work_clear(&toy_current->work, IRQENTRY_WORK_NEED_RESCHED);
	toy_stats.involuntary++;
	toy_switch();
}

/* ---- Signals ------------------------------------------------------------ */

void toy_handle_signal(irqentry_regs_t *regs)
{
	struct toy_thread *t = toy_current;
	unsigned long pending = __atomic_load_n(&t->sigmask, __ATOMIC_RELAXED);

	if (pending) {
		int sig = __builtin_ctzl(pending);

		__atomic_fetch_and(&t->sigmask, ~(1UL << sig),
				   __ATOMIC_RELAXED);
		if (t->handler) {
			/* "Call" the handler on the return to user mode. */
			regs->pc = t->handler;
			regs->arg0 = sig;
			toy_stats.signals++;
		}
		/* No handler: toyos's default action is to discard it. */
	}
#if defined(TOY_BUG) && TOY_BUG == 1
	if (!t->handler)
		return; /* the bug: only a delivered signal clears the bit */
#endif
	/* Clear the work bit once nothing is left to deliver; a signal
	 * posted meanwhile sets it again. */
	if (!__atomic_load_n(&t->sigmask, __ATOMIC_RELAXED))
		irqentry_work_clear(&t->work, IRQENTRY_WORK_SIGNAL_MASK);
}

/* ---- Context tracking --------------------------------------------------- */

void toy_enter_from_user(irqentry_regs_t *regs)
{
	(void)regs;
	if (!toy_in_user)
		toy_stats.errors++;
	toy_in_user = false;
}

void toy_exit_to_user(irqentry_regs_t *regs)
{
	(void)regs;
	if (toy_in_user)
		toy_stats.errors++;
	/* The last moment before the return: no library work may be left. */
	if (irqentry_work_read(&toy_current->work) & IRQENTRY_WORK_LIBRARY_MASK)
		toy_stats.errors++;
	toy_in_user = true;
}

/* ---- Handlers ----------------------------------------------------------- */

/* The timer: a time slice is one tick. */
static void toy_timer(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	toy_trace("timer");
	toy_stats.ticks++;
	irqentry_work_set(&toy_current->work, IRQENTRY_WORK_NEED_RESCHED);
}

static void toy_nmi(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	toy_trace("nmi");
	toy_stats.nmis++;
	if (!irqentry_in_nmi())
		toy_stats.errors++;
}

static void toy_syscall(irqentry_regs_t *regs, long nr, void *arg)
{
	(void)arg;
	toy_trace("syscall");
	switch (nr) {
	case TOY_SYS_GETPID:
		irqentry_os_syscall_set_return(regs, toy_current->id);
		break;
	case TOY_SYS_YIELD:
		irqentry_work_set(&toy_current->work,
				  IRQENTRY_WORK_NEED_RESCHED);
		irqentry_os_syscall_set_return(regs, 0);
		break;
	case TOY_SYS_KILL:
		if (regs->arg0 < 1 || regs->arg0 > TOY_NR_THREADS ||
		    regs->arg1 < 1 || regs->arg1 > 31) {
			irqentry_os_syscall_set_return(regs, -22);
			break;
		}
		toy_kill(&toy_threads[regs->arg0 - 1], (int)regs->arg1);
		irqentry_os_syscall_set_return(regs, 0);
		break;
	case TOY_SYS_SIGACTION:
		toy_current->handler = (unsigned long)regs->arg0;
		irqentry_os_syscall_set_return(regs, 0);
		break;
	}
}

/* ---- Vectors: one wrapper per class ------------------------------------- */

void toy_vector_irq(struct toy_frame *regs)
{
#if IRQENTRY_ARCH_ARM64
	/* arm64 has separate EL0 and EL1 vectors; one C function here. */
	if (irqentry_arch_user_mode(regs))
		irqentry_arm64_el0_irq(regs, toy_timer, NULL);
	else
		irqentry_arm64_el1_irq(regs, toy_timer, NULL);
#elif IRQENTRY_ARCH_RISCV
	irqentry_riscv_irq(regs, toy_timer, NULL);
#else
	irqentry_x86_idtentry_irq(regs, toy_timer, NULL);
#endif
}

bool toy_vector_syscall(struct toy_frame *regs)
{
#if IRQENTRY_ARCH_ARM64
	irqentry_arm64_el0_svc(regs, toy_syscall, NULL);
	return true;
#elif IRQENTRY_ARCH_RISCV
	irqentry_riscv_ecall_u(regs, toy_syscall, NULL);
	return true;
#else
	return irqentry_x86_syscall_64(regs, toy_syscall, NULL);
#endif
}

void toy_vector_nmi(struct toy_frame *regs)
{
#if IRQENTRY_ARCH_ARM64
	irqentry_arm64_el1_nmi(regs, toy_nmi, NULL);
#elif IRQENTRY_ARCH_RISCV
	irqentry_riscv_kernel_trap(regs, toy_nmi, NULL);
#else
	irqentry_x86_nmi(regs, toy_nmi, NULL);
#endif
}
