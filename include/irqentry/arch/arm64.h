/* SPDX-License-Identifier: MIT */
/*
 * arm64 backend: DAIF primitives, trap-frame predicates and the per-class
 * wrappers. Selected by <irqentry/arch.h>; do not include directly.
 */
#ifndef IRQENTRY_ARCH_ARM64_H
#define IRQENTRY_ARCH_ARM64_H

#ifndef IRQENTRY_ARCH_H
#error "include <irqentry/irqentry.h>, not <irqentry/arch/arm64.h>"
#endif

#define IRQENTRY_ARCH_NAME "arm64"

/*
 * DAIF, at its PSTATE bit positions (D=9, A=8, I=7, F=6). The `msr daifset`
 * and `msr daifclr` immediates use the same order in bits 3..0.
 */
#define IRQENTRY_ARM64_DAIF_D    0x200UL /* debug exceptions */
#define IRQENTRY_ARM64_DAIF_A    0x100UL /* SError */
#define IRQENTRY_ARM64_DAIF_I    0x080UL /* IRQ */
#define IRQENTRY_ARM64_DAIF_F    0x040UL /* FIQ */
#define IRQENTRY_ARM64_DAIF_MASK 0x3c0UL /* all four */

/* Everything open: process context with interrupts enabled. */
#define IRQENTRY_ARM64_DAIF_PROCCTX 0x0UL
/* I and F masked, D and A open: the only state a task switch may happen in
 * with interrupts off (an IRQ handler, the preempt step). */
#define IRQENTRY_ARM64_DAIF_PROCCTX_NOIRQ                                      \
	(IRQENTRY_ARM64_DAIF_I | IRQENTRY_ARM64_DAIF_F)
/* Only D open: while handling an SError. */
#define IRQENTRY_ARM64_DAIF_ERRCTX                                             \
	(IRQENTRY_ARM64_DAIF_A | IRQENTRY_ARM64_DAIF_I | IRQENTRY_ARM64_DAIF_F)

/* PSTATE.M[3:0]: the exception level and stack pointer; EL0t is 0. */
#define IRQENTRY_ARM64_PSTATE_MODE_MASK 0xfUL
#define IRQENTRY_ARM64_PSTATE_EL0t      0x0UL
#define IRQENTRY_ARM64_PSTATE_EL1h      0x5UL

#ifdef IRQENTRY_HOSTED
/* An IRQ is taken when PSTATE.I is clear. */
static inline bool irqentry_arch_hosted_irqs_open(unsigned long status)
{
	return !(status & IRQENTRY_ARM64_DAIF_I);
}

/* Taking an exception masks all of DAIF. */
static inline unsigned long irqentry_arch_hosted_trap(unsigned long status)
{
	return status | IRQENTRY_ARM64_DAIF_MASK;
}

#include "../hosted.h"

static inline unsigned long irqentry_arm64_daif_read(void)
{
	return irqentry_hosted_cpu()->status & IRQENTRY_ARM64_DAIF_MASK;
}

/* Hosted writes keep the non-DAIF bits of the simulated PSTATE. */
static inline void irqentry_priv_arm64_daif_set(unsigned long bits)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status | bits);
}

static inline void irqentry_priv_arm64_daif_clr(unsigned long bits)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status & ~bits);
}

static inline void irqentry_arm64_daif_restore(unsigned long daif)
{
	unsigned long status = irqentry_hosted_cpu()->status;

	irqentry_priv_hosted_write((status & ~IRQENTRY_ARM64_DAIF_MASK) |
				   (daif & IRQENTRY_ARM64_DAIF_MASK));
}

static inline void irqentry_arm64_daif_mask(void)
{
	irqentry_priv_arm64_daif_set(IRQENTRY_ARM64_DAIF_MASK);
}

static inline void irqentry_arm64_daif_procctx_noirq(void)
{
	irqentry_priv_arm64_daif_clr(IRQENTRY_ARM64_DAIF_D |
				     IRQENTRY_ARM64_DAIF_A);
}

static inline void irqentry_arm64_daif_procctx(void)
{
	irqentry_priv_arm64_daif_clr(IRQENTRY_ARM64_DAIF_MASK);
}

static inline void irqentry_arm64_irq_disable(void)
{
	irqentry_priv_arm64_daif_set(IRQENTRY_ARM64_DAIF_I |
				     IRQENTRY_ARM64_DAIF_F);
}
#else  /* !IRQENTRY_HOSTED */
/**
 * irqentry_arm64_daif_read - the live DAIF bits
 * Context: any. Return: PSTATE.DAIF at bits 9..6.
 */
static inline unsigned long irqentry_arm64_daif_read(void)
{
	unsigned long daif;

	__asm__ __volatile__("mrs %0, daif" : "=r"(daif) : : "memory");
	return daif;
}

/**
 * irqentry_arm64_daif_restore - write all of DAIF
 * @daif: the new value, bits 9..6 (other bits ignored by the CPU)
 * Context: any; one write.
 */
static inline void irqentry_arm64_daif_restore(unsigned long daif)
{
	__asm__ __volatile__("msr daif, %0" : : "r"(daif) : "memory");
}

/**
 * irqentry_arm64_daif_mask - mask D, A, I and F (`msr daifset, #0xf`)
 * Context: any; one write.
 */
static inline void irqentry_arm64_daif_mask(void)
{
	__asm__ __volatile__("msr daifset, #0xf" : : : "memory");
}

/**
 * irqentry_arm64_daif_procctx_noirq - open D and A (`msr daifclr, #0xc`)
 *
 * From an exception entry (all masked) this gives DAIF_PROCCTX_NOIRQ in one
 * write without a register operand.
 * Context: I and F must already be masked; one write.
 */
static inline void irqentry_arm64_daif_procctx_noirq(void)
{
	__asm__ __volatile__("msr daifclr, #0xc" : : : "memory");
}

/**
 * irqentry_arm64_daif_procctx - open all of DAIF (`msr daifclr, #0xf`)
 * Context: process context about to run with interrupts on; one write.
 */
static inline void irqentry_arm64_daif_procctx(void)
{
	__asm__ __volatile__("msr daifclr, #0xf" : : : "memory");
}

/**
 * irqentry_arm64_irq_disable - mask I and F (`msr daifset, #0x3`)
 * Context: any; one write. D and A keep their state.
 */
static inline void irqentry_arm64_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #0x3" : : : "memory");
}
#endif /* IRQENTRY_HOSTED */

/**
 * irqentry_arm64_daif_inherit - give the handler the interrupted context's DAIF
 * @regs: the trap frame
 *
 * Context: exception entry from EL1, before the handler; one write. IRQs come
 * back on only if they were on where the exception was taken.
 */
static inline void irqentry_arm64_daif_inherit(irqentry_regs_t *regs)
{
	irqentry_arm64_daif_restore(irqentry_os_regs_status(regs) &
				    IRQENTRY_ARM64_DAIF_MASK);
}

/* Generic primitives. */

/*
 * The generic core disables interrupts with I|F only, leaving D and A as
 * they are: the work loop disables at PROCCTX_NOIRQ, the state it may
 * schedule in. It enables interrupts only in process context on the way to
 * user mode (the work loop, syscall entry), where all of DAIF belongs open,
 * so enable opens everything: one write even when entered with all masked.
 */
static inline void irqentry_arch_local_irq_disable(void)
{
	irqentry_arm64_irq_disable();
}

static inline void irqentry_arch_local_irq_enable(void)
{
	irqentry_arm64_daif_procctx();
}

static inline bool irqentry_arch_irqs_disabled(void)
{
	return (irqentry_arm64_daif_read() & IRQENTRY_ARM64_DAIF_I) != 0;
}

/* A context switch is legal at PROCCTX (0) or PROCCTX_NOIRQ (I|F): never
 * with D or A masked, nor with F masked while I is open. */
static inline bool irqentry_arch_schedule_state_ok(void)
{
	unsigned long daif = irqentry_arm64_daif_read();

	if (daif & (IRQENTRY_ARM64_DAIF_D | IRQENTRY_ARM64_DAIF_A))
		return false;
	return !(daif & IRQENTRY_ARM64_DAIF_F) ||
	       (daif & IRQENTRY_ARM64_DAIF_I);
}

/* The frame returns to EL0 (PSTATE.M == EL0t). */
static inline bool irqentry_arch_user_mode(irqentry_regs_t *regs)
{
	return (irqentry_os_regs_status(regs) &
		IRQENTRY_ARM64_PSTATE_MODE_MASK) == IRQENTRY_ARM64_PSTATE_EL0t;
}

/* The interrupted context had IRQs masked (PSTATE.I). */
static inline bool irqentry_arch_regs_irqs_disabled(irqentry_regs_t *regs)
{
	return (irqentry_os_regs_status(regs) & IRQENTRY_ARM64_DAIF_I) != 0;
}

#endif /* IRQENTRY_ARCH_ARM64_H */

/*
 * Second pass (from <irqentry/irqentry.h>, after the generic core): the
 * per-exception-class wrappers irqentry_arm64_*.
 */
#if defined(IRQENTRY_PRIV_CORE_DONE) && !defined(IRQENTRY_ARCH_ARM64_WRAPPERS_H)
#define IRQENTRY_ARCH_ARM64_WRAPPERS_H

#endif /* IRQENTRY_ARCH_ARM64_WRAPPERS_H */
