/* SPDX-License-Identifier: MIT */
/*
 * RISC-V (rv64, S-mode kernel) backend: sstatus.SIE primitives, trap-frame
 * predicates and the per-class wrappers. Selected by <irqentry/arch.h>; do
 * not include directly.
 */
#ifndef IRQENTRY_ARCH_RISCV_H
#define IRQENTRY_ARCH_RISCV_H

#ifndef IRQENTRY_ARCH_H
#error "include <irqentry/irqentry.h>, not <irqentry/arch/riscv.h>"
#endif

#define IRQENTRY_ARCH_NAME "riscv64"

/* sstatus bits: one interrupt-enable bit, no separate debug/error classes. */
#define IRQENTRY_RISCV_SSTATUS_SIE  0x002UL /* S-mode interrupts enabled */
#define IRQENTRY_RISCV_SSTATUS_SPIE 0x020UL /* SIE before the trap */
#define IRQENTRY_RISCV_SSTATUS_SPP  0x100UL /* trap came from S-mode */

#ifdef IRQENTRY_HOSTED
static inline bool irqentry_arch_hosted_irqs_open(unsigned long status)
{
	return (status & IRQENTRY_RISCV_SSTATUS_SIE) != 0;
}

/* A trap from S-mode: SPIE <- SIE, SIE <- 0, SPP <- S. */
static inline unsigned long irqentry_arch_hosted_trap(unsigned long status)
{
	unsigned long spie = (status & IRQENTRY_RISCV_SSTATUS_SIE)
				     ? IRQENTRY_RISCV_SSTATUS_SPIE
				     : 0;

	status &= ~(IRQENTRY_RISCV_SSTATUS_SIE | IRQENTRY_RISCV_SSTATUS_SPIE);
	return status | spie | IRQENTRY_RISCV_SSTATUS_SPP;
}

#include "../hosted.h"

static inline unsigned long irqentry_riscv_sstatus_read(void)
{
	return irqentry_hosted_cpu()->status;
}

static inline void irqentry_riscv_sie_clear(void)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status &
				   ~IRQENTRY_RISCV_SSTATUS_SIE);
}

static inline void irqentry_riscv_sie_set(void)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status |
				   IRQENTRY_RISCV_SSTATUS_SIE);
}
#else  /* !IRQENTRY_HOSTED */
/**
 * irqentry_riscv_sstatus_read - the live sstatus (`csrr`)
 * Context: S-mode, any.
 */
static inline unsigned long irqentry_riscv_sstatus_read(void)
{
	unsigned long v;

	__asm__ __volatile__("csrr %0, sstatus" : "=r"(v) : : "memory");
	return v;
}

/**
 * irqentry_riscv_sie_clear - disable S-mode interrupts (`csrc sstatus, SIE`)
 * Context: any; one write.
 */
static inline void irqentry_riscv_sie_clear(void)
{
	__asm__ __volatile__("csrc sstatus, %0"
			     :
			     : "rK"(IRQENTRY_RISCV_SSTATUS_SIE)
			     : "memory");
}

/**
 * irqentry_riscv_sie_set - enable S-mode interrupts (`csrs sstatus, SIE`)
 * Context: any; one write.
 */
static inline void irqentry_riscv_sie_set(void)
{
	__asm__ __volatile__("csrs sstatus, %0"
			     :
			     : "rK"(IRQENTRY_RISCV_SSTATUS_SIE)
			     : "memory");
}
#endif /* IRQENTRY_HOSTED */

static inline void irqentry_arch_local_irq_disable(void)
{
	irqentry_riscv_sie_clear();
}

static inline void irqentry_arch_local_irq_enable(void)
{
	irqentry_riscv_sie_set();
}

static inline bool irqentry_arch_irqs_disabled(void)
{
	return !(irqentry_riscv_sstatus_read() & IRQENTRY_RISCV_SSTATUS_SIE);
}

/* No mask class besides SIE: any state may switch tasks. */
static inline bool irqentry_arch_schedule_state_ok(void)
{
	return true;
}

/* The trap came from U-mode (sstatus.SPP == 0). */
static inline bool irqentry_arch_user_mode(irqentry_regs_t *regs)
{
	return !(irqentry_os_regs_status(regs) & IRQENTRY_RISCV_SSTATUS_SPP);
}

/* The interrupted context had interrupts disabled (SPIE == 0). */
static inline bool irqentry_arch_regs_irqs_disabled(irqentry_regs_t *regs)
{
	return !(irqentry_os_regs_status(regs) & IRQENTRY_RISCV_SSTATUS_SPIE);
}

#endif /* IRQENTRY_ARCH_RISCV_H */

/*
 * Second pass (from <irqentry/irqentry.h>, after the generic core): the
 * per-exception-class wrappers irqentry_riscv_*.
 */
#if defined(IRQENTRY_PRIV_CORE_DONE) && !defined(IRQENTRY_ARCH_RISCV_WRAPPERS_H)
#define IRQENTRY_ARCH_RISCV_WRAPPERS_H

#endif /* IRQENTRY_ARCH_RISCV_WRAPPERS_H */
