/* SPDX-License-Identifier: MIT */
/*
 * The hand-written baseline for RISC-V (S-mode): each trap class's entry
 * and exit written out as a kernel author would, with the same hook calls,
 * checks and sstatus.SIE writes as the irqentry_riscv_* wrapper of that
 * class. Include after <irqentry/irqentry.h>; used by bench/paths.c and by
 * the example kernel built with BASELINE=1.
 */
#ifndef BENCH_BASELINE_RISCV_H
#define BENCH_BASELINE_RISCV_H

#define BL_SSTATUS_SIE  0x002UL
#define BL_SSTATUS_SPIE 0x020UL
#define BL_SSTATUS_SPP  0x100UL

#ifdef IRQENTRY_HOSTED
static inline void bl_sie_set(void)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status |
				   BL_SSTATUS_SIE);
}

static inline void bl_sie_clear(void)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status &
				   ~BL_SSTATUS_SIE);
}
#else
static inline void bl_sie_set(void)
{
	__asm__ __volatile__("csrsi sstatus, 2" ::: "memory");
}

static inline void bl_sie_clear(void)
{
	__asm__ __volatile__("csrci sstatus, 2" ::: "memory");
}
#endif

/* The trap came from U-mode: SPP clear. */
static inline bool bl_user_mode(irqentry_regs_t *regs)
{
	return !(irqentry_os_regs_status(regs) & BL_SSTATUS_SPP);
}

/* The trapped context had SIE clear: SPIE clear. */
static inline bool bl_regs_irqs_off(irqentry_regs_t *regs)
{
	return !(irqentry_os_regs_status(regs) & BL_SSTATUS_SPIE);
}

#define bl_irq_enable  bl_sie_set
#define bl_irq_disable bl_sie_clear

#include "common.h"

/* Entry state tracking by the frame's mode; true when the CPU was idle. */
BL_INLINE bool bl_riscv_enter(irqentry_regs_t *regs)
{
	bool idle;

	if (bl_user_mode(regs)) {
		irqentry_os_enter_from_user(regs);
		return false;
	}
	idle = irqentry_os_in_idle();
	if (BL_UNLIKELY(idle))
		irqentry_os_enter_from_idle(regs);
	else
		irqentry_os_enter_from_kernel(regs);
	return idle;
}

/* Return to U-mode with SIE clear: the work loop only if there is work. */
BL_INLINE void baseline_riscv_exit_to_user_mode(irqentry_regs_t *regs)
{
	unsigned long work = bl_work() & BL_USER_WORK;

	if (BL_UNLIKELY(work))
		bl_user_work_loop(regs, work);
	irqentry_os_exit_to_user_prepare(regs);
	irqentry_os_exit_to_user(regs);
}

/* The exit by the frame's mode: work loop, or preemption, SIE clear. */
BL_INLINE void bl_riscv_exit(irqentry_regs_t *regs, bool idle)
{
	if (bl_user_mode(regs)) {
		baseline_riscv_exit_to_user_mode(regs);
		return;
	}
	if (BL_UNLIKELY(bl_preempt_due(regs, idle)))
		bl_preempt(regs);
	if (BL_UNLIKELY(idle))
		irqentry_os_exit_to_idle(regs);
	else
		irqentry_os_exit_to_kernel(regs);
}

BL_INLINE void baseline_riscv_irq(irqentry_regs_t *regs,
				  baseline_handler_fn handler, void *arg)
{
	bool idle = bl_riscv_enter(regs);

	handler(regs, arg);
	bl_riscv_exit(regs, idle);
}

/* A trap that may sleep: the handler runs with the trapped context's SIE. */
BL_INLINE void baseline_riscv_exception(irqentry_regs_t *regs,
					baseline_handler_fn handler, void *arg)
{
	bool idle = bl_riscv_enter(regs);

	if (!bl_regs_irqs_off(regs))
		bl_sie_set();
	handler(regs, arg);
	if (!bl_regs_irqs_off(regs))
		bl_sie_clear();
	bl_riscv_exit(regs, idle);
}

BL_INLINE void baseline_riscv_kernel_trap(irqentry_regs_t *regs,
					  baseline_handler_fn handler,
					  void *arg)
{
	bl_nmi(regs, handler, arg);
}

BL_INLINE void baseline_riscv_ecall_u(irqentry_regs_t *regs,
				      baseline_syscall_fn dispatch, void *arg)
{
	long nr;

	irqentry_os_regs_set_pc(regs, irqentry_os_regs_pc(regs) + 4);
	irqentry_os_syscall_save_orig_a0(regs);
	irqentry_os_syscall_set_return(regs, IRQENTRY_OS_ENOSYS);
	nr = irqentry_os_syscall_get_nr(regs);
	irqentry_os_enter_from_user(regs);
	bl_sie_set();
	nr = bl_syscall_enter_work(regs, nr);
	bl_syscall_dispatch(regs, nr, dispatch, arg);
	bl_syscall_exit_work(regs);
	bl_sie_clear();
	baseline_riscv_exit_to_user_mode(regs);
}

#endif /* BENCH_BASELINE_RISCV_H */
