/* SPDX-License-Identifier: MIT */
/*
 * Every RISC-V wrapper, single-call and _enter/_exit pair, instantiated as
 * an out-of-line function, compiled in real mode (csrs/csrc sstatus) for
 * tests/real/riscv.sh to disassemble.
 */
#include <irqentry/irqentry.h>

void h(irqentry_regs_t *regs, void *arg);
void sc(irqentry_regs_t *regs, long nr, void *arg);

void w_irq(irqentry_regs_t *regs)
{
	irqentry_riscv_irq(regs, h, NULL);
}

irqentry_state_t w_irq_enter(irqentry_regs_t *regs)
{
	return irqentry_riscv_irq_enter(regs);
}

void w_irq_exit(irqentry_regs_t *regs, irqentry_state_t state)
{
	irqentry_riscv_irq_exit(regs, state);
}

void w_exception(irqentry_regs_t *regs)
{
	irqentry_riscv_exception(regs, h, NULL);
}

irqentry_state_t w_exception_enter(irqentry_regs_t *regs)
{
	return irqentry_riscv_exception_enter(regs);
}

void w_exception_exit(irqentry_regs_t *regs, irqentry_state_t state)
{
	irqentry_riscv_exception_exit(regs, state);
}

void w_kernel_trap(irqentry_regs_t *regs)
{
	irqentry_riscv_kernel_trap(regs, h, NULL);
}

irqentry_state_t w_kernel_trap_enter(irqentry_regs_t *regs)
{
	return irqentry_riscv_kernel_trap_enter(regs);
}

void w_kernel_trap_exit(irqentry_regs_t *regs, irqentry_state_t state)
{
	irqentry_riscv_kernel_trap_exit(regs, state);
}

void w_ecall_u(irqentry_regs_t *regs)
{
	irqentry_riscv_ecall_u(regs, sc, NULL);
}

long w_ecall_u_enter(irqentry_regs_t *regs)
{
	return irqentry_riscv_ecall_u_enter(regs);
}

void w_ecall_u_exit(irqentry_regs_t *regs)
{
	irqentry_riscv_ecall_u_exit(regs);
}

/* The mode-known variants. */
void w_user_irq(irqentry_regs_t *regs)
{
	irqentry_riscv_user_irq(regs, h, NULL);
}

void w_kernel_irq(irqentry_regs_t *regs)
{
	irqentry_riscv_kernel_irq(regs, h, NULL);
}

void w_user_exception(irqentry_regs_t *regs)
{
	irqentry_riscv_user_exception(regs, h, NULL);
}

void w_user_exception_enter(irqentry_regs_t *regs)
{
	irqentry_riscv_user_exception_enter(regs);
}

void w_user_exception_exit(irqentry_regs_t *regs)
{
	irqentry_riscv_user_exception_exit(regs);
}

void w_kernel_exception(irqentry_regs_t *regs)
{
	irqentry_riscv_kernel_exception(regs, h, NULL);
}

irqentry_state_t w_kernel_exception_enter(irqentry_regs_t *regs)
{
	return irqentry_riscv_kernel_exception_enter(regs);
}

void w_kernel_exception_exit(irqentry_regs_t *regs, irqentry_state_t state)
{
	irqentry_riscv_kernel_exception_exit(regs, state);
}

/* A remote setter's half of a kick: the atomic OR, then the IPI barrier. */
unsigned long w_work_set_remote(unsigned long *word)
{
	return irqentry_work_set_remote(word, IRQENTRY_WORK_NEED_RESCHED);
}
