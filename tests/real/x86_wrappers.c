/* SPDX-License-Identifier: MIT */
/*
 * Every x86-64 wrapper, single-call and _enter/_exit pair, instantiated as
 * an out-of-line function, compiled in real mode (sti/cli) for
 * tests/real/x86.sh to disassemble.
 */
#include <irqentry/irqentry.h>

void h(irqentry_regs_t *regs, void *arg);
void sc(irqentry_regs_t *regs, long nr, void *arg);

void w_idtentry(irqentry_regs_t *regs)
{
	irqentry_x86_idtentry(regs, h, NULL);
}

irqentry_state_t w_idtentry_enter(irqentry_regs_t *regs)
{
	return irqentry_x86_idtentry_enter(regs);
}

void w_idtentry_exit(irqentry_regs_t *regs, irqentry_state_t state)
{
	irqentry_x86_idtentry_exit(regs, state);
}

void w_idtentry_irq(irqentry_regs_t *regs)
{
	irqentry_x86_idtentry_irq(regs, h, NULL);
}

irqentry_state_t w_idtentry_irq_enter(irqentry_regs_t *regs)
{
	return irqentry_x86_idtentry_irq_enter(regs);
}

void w_idtentry_irq_exit(irqentry_regs_t *regs, irqentry_state_t state)
{
	irqentry_x86_idtentry_irq_exit(regs, state);
}

void w_idtentry_raw(irqentry_regs_t *regs)
{
	irqentry_x86_idtentry_raw(regs, h, NULL);
}

irqentry_state_t w_idtentry_raw_enter(irqentry_regs_t *regs)
{
	return irqentry_x86_idtentry_raw_enter(regs);
}

void w_idtentry_raw_exit(irqentry_regs_t *regs, irqentry_state_t state)
{
	irqentry_x86_idtentry_raw_exit(regs, state);
}

void w_nmi(irqentry_regs_t *regs)
{
	irqentry_x86_nmi(regs, h, NULL);
}

irqentry_state_t w_nmi_enter(irqentry_regs_t *regs)
{
	return irqentry_x86_nmi_enter(regs);
}

void w_nmi_exit(irqentry_regs_t *regs, irqentry_state_t state)
{
	irqentry_x86_nmi_exit(regs, state);
}

bool w_syscall_64(irqentry_regs_t *regs)
{
	return irqentry_x86_syscall_64(regs, sc, NULL);
}

long w_syscall_64_enter(irqentry_regs_t *regs)
{
	return irqentry_x86_syscall_64_enter(regs);
}

bool w_syscall_64_exit(irqentry_regs_t *regs)
{
	return irqentry_x86_syscall_64_exit(regs);
}

bool w_sysret_allowed(irqentry_regs_t *regs)
{
	return irqentry_x86_sysret_allowed(regs);
}

/* The mode-known variants. */
void w_user_idtentry(irqentry_regs_t *regs)
{
	irqentry_x86_user_idtentry(regs, h, NULL);
}

void w_user_idtentry_enter(irqentry_regs_t *regs)
{
	irqentry_x86_user_idtentry_enter(regs);
}

void w_user_idtentry_exit(irqentry_regs_t *regs)
{
	irqentry_x86_user_idtentry_exit(regs);
}

void w_kernel_idtentry(irqentry_regs_t *regs)
{
	irqentry_x86_kernel_idtentry(regs, h, NULL);
}

irqentry_state_t w_kernel_idtentry_enter(irqentry_regs_t *regs)
{
	return irqentry_x86_kernel_idtentry_enter(regs);
}

void w_kernel_idtentry_exit(irqentry_regs_t *regs, irqentry_state_t state)
{
	irqentry_x86_kernel_idtentry_exit(regs, state);
}

void w_user_idtentry_irq(irqentry_regs_t *regs)
{
	irqentry_x86_user_idtentry_irq(regs, h, NULL);
}

void w_kernel_idtentry_irq(irqentry_regs_t *regs)
{
	irqentry_x86_kernel_idtentry_irq(regs, h, NULL);
}

void w_kernel_idtentry_raw(irqentry_regs_t *regs)
{
	irqentry_x86_kernel_idtentry_raw(regs, h, NULL);
}

/* A remote setter's half of a kick: the atomic OR, then the IPI barrier. */
unsigned long w_work_set_remote(unsigned long *word)
{
	return irqentry_work_set_remote(word, IRQENTRY_WORK_NEED_RESCHED);
}
