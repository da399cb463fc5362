/* SPDX-License-Identifier: MIT */
/*
 * Every arm64 wrapper instantiated as an out-of-line function, compiled in
 * real mode (msr/mrs daif) for tests/real/arm64.sh to disassemble.
 */
#include <irqentry/irqentry.h>

void h(irqentry_regs_t *regs, void *arg);
void sc(irqentry_regs_t *regs, long nr, void *arg);

void w_el1_sync(irqentry_regs_t *regs)
{
	irqentry_arm64_el1_sync(regs, h, 0);
}

void w_el1_irq(irqentry_regs_t *regs)
{
	irqentry_arm64_el1_irq(regs, h, 0);
}

void w_el1_nmi(irqentry_regs_t *regs)
{
	irqentry_arm64_el1_nmi(regs, h, 0);
}

void w_el0_sync(irqentry_regs_t *regs)
{
	irqentry_arm64_el0_sync(regs, h, 0);
}

void w_el0_irq(irqentry_regs_t *regs)
{
	irqentry_arm64_el0_irq(regs, h, 0);
}

void w_el0_svc(irqentry_regs_t *regs)
{
	irqentry_arm64_el0_svc(regs, sc, 0);
}

void w_el0_serror(irqentry_regs_t *regs)
{
	irqentry_arm64_el0_serror(regs, h, 0);
}

void w_el1_dbg(irqentry_regs_t *regs)
{
	irqentry_arm64_el1_dbg(regs, h, 0);
}

void w_el0_dbg(irqentry_regs_t *regs)
{
	irqentry_arm64_el0_dbg(regs, h, 0);
}

/* A remote setter's half of a kick: the atomic OR, then the IPI barrier. */
unsigned long w_work_set_remote(unsigned long *word)
{
	return irqentry_work_set_remote(word, IRQENTRY_WORK_NEED_RESCHED);
}
