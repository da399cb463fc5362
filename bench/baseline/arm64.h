/* SPDX-License-Identifier: MIT */
/*
 * The hand-written baseline for arm64: each exception class's entry and
 * exit written out as a kernel author would, with the same hook calls,
 * checks and DAIF writes as the irqentry_arm64_* wrapper of that class.
 * Include after <irqentry/irqentry.h>; used by bench/paths.c and by the
 * example kernel built with BASELINE=1.
 */
#ifndef BENCH_BASELINE_ARM64_H
#define BENCH_BASELINE_ARM64_H

#define BL_DAIF_I   0x080UL
#define BL_DAIF_ALL 0x3c0UL

#ifdef IRQENTRY_HOSTED
/* The simulated CPU's one write entry point, as the library's primitives
 * use it: both sides pay the same for a simulated msr. */
static inline void bl_daif_set(unsigned long bits)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status | bits);
}

static inline void bl_daif_clr(unsigned long bits)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status & ~bits);
}

static inline void bl_daif_mask(void)
{
	bl_daif_set(BL_DAIF_ALL);
}

static inline void bl_daif_irq_off(void)
{
	bl_daif_set(0x0c0UL);
}

static inline void bl_daif_open_all(void)
{
	bl_daif_clr(BL_DAIF_ALL);
}

static inline void bl_daif_open_da(void)
{
	bl_daif_clr(0x300UL);
}

static inline void bl_daif_open_d(void)
{
	bl_daif_clr(0x200UL);
}

static inline void bl_daif_restore(unsigned long daif)
{
	irqentry_priv_hosted_write(
		(irqentry_hosted_cpu()->status & ~BL_DAIF_ALL) | daif);
}
#else
static inline void bl_daif_mask(void)
{
	__asm__ __volatile__("msr daifset, #0xf" ::: "memory");
}

static inline void bl_daif_irq_off(void)
{
	__asm__ __volatile__("msr daifset, #0x3" ::: "memory");
}

static inline void bl_daif_open_all(void)
{
	__asm__ __volatile__("msr daifclr, #0xf" ::: "memory");
}

static inline void bl_daif_open_da(void)
{
	__asm__ __volatile__("msr daifclr, #0xc" ::: "memory");
}

static inline void bl_daif_open_d(void)
{
	__asm__ __volatile__("msr daifclr, #0x8" ::: "memory");
}

static inline void bl_daif_restore(unsigned long daif)
{
	__asm__ __volatile__("msr daif, %0" : : "r"(daif) : "memory");
}
#endif

static inline bool bl_regs_irqs_off(irqentry_regs_t *regs)
{
	return (irqentry_os_regs_status(regs) & BL_DAIF_I) != 0;
}

/* The work loop runs with all of DAIF open and re-reads at I|F. */
#define bl_irq_enable  bl_daif_open_all
#define bl_irq_disable bl_daif_irq_off

#include "common.h"

/* Kernel-mode entry state tracking; true when the CPU was idle. */
BL_INLINE bool bl_arm64_enter_el1(irqentry_regs_t *regs)
{
	bool idle = irqentry_os_in_idle();

	if (BL_UNLIKELY(idle))
		irqentry_os_enter_from_idle(regs);
	else
		irqentry_os_enter_from_kernel(regs);
	return idle;
}

BL_INLINE void bl_arm64_exit_el1_state(irqentry_regs_t *regs, bool idle)
{
	if (BL_UNLIKELY(idle))
		irqentry_os_exit_to_idle(regs);
	else
		irqentry_os_exit_to_kernel(regs);
}

/* Return to EL0: mask everything and look at the work word there; only
 * work opens DAIF again (the loop), and then it is masked once more. */
BL_INLINE void baseline_arm64_el0_sync_exit(irqentry_regs_t *regs)
{
	unsigned long work;

	bl_daif_mask();
	work = bl_work() & BL_USER_WORK;
	if (BL_UNLIKELY(work))
		bl_user_work_loop(regs, work);
	irqentry_os_exit_to_user_prepare(regs);
	if (BL_UNLIKELY(work))
		bl_daif_mask();
	irqentry_os_exit_to_user(regs);
}

BL_INLINE void baseline_arm64_el1_irq(irqentry_regs_t *regs,
				      baseline_handler_fn handler, void *arg)
{
	bool idle;

	bl_daif_open_da();
	idle = bl_arm64_enter_el1(regs);
	handler(regs, arg);
	if (BL_UNLIKELY(bl_preempt_due(regs, idle)))
		bl_preempt(regs);
	bl_daif_mask();
	bl_arm64_exit_el1_state(regs, idle);
}

BL_INLINE void baseline_arm64_el1_sync(irqentry_regs_t *regs,
				       baseline_handler_fn handler, void *arg)
{
	bool idle = bl_arm64_enter_el1(regs);

	bl_daif_restore(irqentry_os_regs_status(regs) & BL_DAIF_ALL);
	handler(regs, arg);
	bl_daif_mask();
	if (BL_UNLIKELY(bl_preempt_due(regs, idle))) {
		bl_daif_open_da();
		bl_preempt(regs);
		bl_daif_mask();
	}
	bl_arm64_exit_el1_state(regs, idle);
}

BL_INLINE void baseline_arm64_el1_nmi(irqentry_regs_t *regs,
				      baseline_handler_fn handler, void *arg)
{
	bl_daif_open_d();
	bl_nmi(regs, handler, arg);
	bl_daif_mask();
}

BL_INLINE void baseline_arm64_el1_dbg(irqentry_regs_t *regs,
				      baseline_handler_fn handler, void *arg)
{
	bl_nmi(regs, handler, arg);
}

BL_INLINE void baseline_arm64_el0_sync(irqentry_regs_t *regs,
				       baseline_handler_fn handler, void *arg)
{
	irqentry_os_enter_from_user(regs);
	bl_daif_open_all();
	handler(regs, arg);
	baseline_arm64_el0_sync_exit(regs);
}

BL_INLINE void baseline_arm64_el0_irq(irqentry_regs_t *regs,
				      baseline_handler_fn handler, void *arg)
{
	irqentry_os_enter_from_user(regs);
	bl_daif_open_da();
	handler(regs, arg);
	baseline_arm64_el0_sync_exit(regs);
}

BL_INLINE void baseline_arm64_el0_svc(irqentry_regs_t *regs,
				      baseline_syscall_fn dispatch, void *arg)
{
	long nr;

	irqentry_os_enter_from_user(regs);
	nr = irqentry_os_syscall_get_nr(regs);
	irqentry_os_syscall_save_orig_x0(regs);
	irqentry_os_syscall_set_return(regs, IRQENTRY_OS_ENOSYS);
	bl_daif_open_all();
	nr = bl_syscall_enter_work(regs, nr);
	bl_syscall_dispatch(regs, nr, dispatch, arg);
	bl_syscall_exit_work(regs);
	baseline_arm64_el0_sync_exit(regs);
}

BL_INLINE void baseline_arm64_el0_serror(irqentry_regs_t *regs,
					 baseline_handler_fn handler, void *arg)
{
	irqentry_os_enter_from_user(regs);
	bl_daif_open_d();
	bl_nmi(regs, handler, arg);
	baseline_arm64_el0_sync_exit(regs);
}

/* EL0 debug: the handler with everything masked; no write without work. */
BL_INLINE void baseline_arm64_el0_dbg(irqentry_regs_t *regs,
				      baseline_handler_fn handler, void *arg)
{
	unsigned long work;

	irqentry_os_enter_from_user(regs);
	handler(regs, arg);
	work = bl_work() & BL_USER_WORK;
	if (BL_UNLIKELY(work))
		bl_user_work_loop(regs, work);
	irqentry_os_exit_to_user_prepare(regs);
	if (BL_UNLIKELY(work))
		bl_daif_mask();
	irqentry_os_exit_to_user(regs);
}

#endif /* BENCH_BASELINE_ARM64_H */
