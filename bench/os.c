/* SPDX-License-Identifier: MIT */
/*
 * The out-of-line half of the benchmark's OS (bench/irqentry_os.h): its
 * per-CPU data and work words, the trivial handler and syscall, and the
 * slow-path hooks, each clearing the work bits it handles as the hook
 * contract asks. Linked into every harness.
 */
#include <irqentry/irqentry.h>
#include "paths.h"

struct bench_cpu bench_cpu;
unsigned long bench_work, bench_syscall_work;
int bench_preempt_count;

/* The empty asm keeps the call: an empty function may be folded away. */
void bench_handler(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	__asm__ __volatile__("" ::: "memory");
}

void bench_dispatch(irqentry_regs_t *regs, long nr, void *arg)
{
	(void)nr;
	(void)arg;
	irqentry_os_syscall_set_return(regs, 0);
}

void bench_schedule(void)
{
	irqentry_work_clear(&bench_work, IRQENTRY_WORK_RESCHED_MASK);
}

void bench_preempt_schedule_irq(void)
{
	irqentry_work_clear(&bench_work, IRQENTRY_WORK_NEED_RESCHED);
}

void bench_handle_signal(irqentry_regs_t *regs)
{
	(void)regs;
	irqentry_work_clear(&bench_work, IRQENTRY_WORK_SIGNAL_MASK);
}

void bench_enter_from_idle(irqentry_regs_t *regs)
{
	(void)regs;
	bench_cpu.idle = 0;
}

void bench_exit_to_idle(irqentry_regs_t *regs)
{
	(void)regs;
}
