/* SPDX-License-Identifier: MIT */
/*
 * The hand-written baseline for x86-64: each vector class's entry and exit
 * written out as a kernel author would, with the same hook calls, checks
 * and IF writes as the irqentry_x86_* wrapper of that class. Include after
 * <irqentry/irqentry.h>; used by bench/paths.c and by the example kernel
 * built with BASELINE=1.
 */
#ifndef BENCH_BASELINE_X86_H
#define BENCH_BASELINE_X86_H

#define BL_RFLAGS_TF        0x00100UL
#define BL_RFLAGS_IF        0x00200UL
#define BL_RFLAGS_RF        0x10000UL
/* SYSRET only below the canonical hole, less its last page. */
#define BL_SYSRET_RIP_LIMIT ((1UL << 47) - 4096UL)

#ifdef IRQENTRY_HOSTED
static inline void bl_sti(void)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status |
				   BL_RFLAGS_IF);
}

static inline void bl_cli(void)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status &
				   ~BL_RFLAGS_IF);
}
#else
static inline void bl_sti(void)
{
	__asm__ __volatile__("sti" ::: "memory");
}

static inline void bl_cli(void)
{
	__asm__ __volatile__("cli" ::: "memory");
}
#endif

/* Ring 3: the saved CS has RPL 3. */
static inline bool bl_user_mode(irqentry_regs_t *regs)
{
	return (irqentry_os_regs_cs(regs) & 3) == 3;
}

static inline bool bl_regs_irqs_off(irqentry_regs_t *regs)
{
	return !(irqentry_os_regs_status(regs) & BL_RFLAGS_IF);
}

#define bl_irq_enable  bl_sti
#define bl_irq_disable bl_cli

#include "common.h"

BL_INLINE bool bl_x86_enter(irqentry_regs_t *regs)
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

BL_INLINE void baseline_x86_exit_to_user_mode(irqentry_regs_t *regs)
{
	unsigned long work = bl_work() & BL_USER_WORK;

	if (BL_UNLIKELY(work))
		bl_user_work_loop(regs, work);
	irqentry_os_exit_to_user_prepare(regs);
	irqentry_os_exit_to_user(regs);
}

BL_INLINE void bl_x86_exit(irqentry_regs_t *regs, bool idle)
{
	if (bl_user_mode(regs)) {
		baseline_x86_exit_to_user_mode(regs);
		return;
	}
	if (BL_UNLIKELY(bl_preempt_due(regs, idle)))
		bl_preempt(regs);
	if (BL_UNLIKELY(idle))
		irqentry_os_exit_to_idle(regs);
	else
		irqentry_os_exit_to_kernel(regs);
}

BL_INLINE void baseline_x86_idtentry_irq(irqentry_regs_t *regs,
					 baseline_handler_fn handler, void *arg)
{
	bool idle = bl_x86_enter(regs);

	handler(regs, arg);
	bl_x86_exit(regs, idle);
}

/* Exceptions: the handler runs with the interrupted context's IF. */
BL_INLINE void baseline_x86_idtentry(irqentry_regs_t *regs,
				     baseline_handler_fn handler, void *arg)
{
	bool idle = bl_x86_enter(regs);

	if (!bl_regs_irqs_off(regs))
		bl_sti();
	handler(regs, arg);
	if (!bl_regs_irqs_off(regs))
		bl_cli();
	bl_x86_exit(regs, idle);
}

/* #DB, #BP, #MC: NMI-class from the kernel, exceptions from user mode. */
BL_INLINE void baseline_x86_idtentry_raw(irqentry_regs_t *regs,
					 baseline_handler_fn handler, void *arg)
{
	if (bl_user_mode(regs))
		baseline_x86_idtentry(regs, handler, arg);
	else
		bl_nmi(regs, handler, arg);
}

BL_INLINE void baseline_x86_nmi(irqentry_regs_t *regs,
				baseline_handler_fn handler, void *arg)
{
	bl_nmi(regs, handler, arg);
}

/* SYSRET is exact only for RIP in RCX, RFLAGS in R11, a canonical RIP,
 * no TF or RF, and the selectors STAR gives. */
BL_INLINE bool bl_x86_sysret_ok(irqentry_regs_t *regs)
{
	unsigned long rip = irqentry_os_regs_pc(regs);
	unsigned long rflags = irqentry_os_regs_status(regs);

	if (!bl_user_mode(regs) || irqentry_os_regs_cx(regs) != rip ||
	    irqentry_os_regs_r11(regs) != rflags)
		return false;
	if (rip >= BL_SYSRET_RIP_LIMIT ||
	    (rflags & (BL_RFLAGS_RF | BL_RFLAGS_TF)))
		return false;
	return irqentry_os_sysret_selectors_ok(regs);
}

BL_INLINE bool baseline_x86_syscall_64(irqentry_regs_t *regs,
				       baseline_syscall_fn dispatch, void *arg)
{
	long nr;

	irqentry_os_syscall_set_return(regs, IRQENTRY_OS_ENOSYS);
	nr = irqentry_os_syscall_get_nr(regs);
	irqentry_os_enter_from_user(regs);
	bl_sti();
	nr = bl_syscall_enter_work(regs, nr);
	bl_syscall_dispatch(regs, nr, dispatch, arg);
	bl_syscall_exit_work(regs);
	bl_cli();
	baseline_x86_exit_to_user_mode(regs);
	return bl_x86_sysret_ok(regs);
}

#endif /* BENCH_BASELINE_X86_H */
