/* SPDX-License-Identifier: MIT */
/*
 * x86-64 backend: RFLAGS.IF primitives, trap-frame predicates (CS RPL,
 * RFLAGS.IF) and the per-class wrappers. Selected by <irqentry/arch.h>; do
 * not include directly.
 */
#ifndef IRQENTRY_ARCH_X86_H
#define IRQENTRY_ARCH_X86_H

#ifndef IRQENTRY_ARCH_H
#error "include <irqentry/irqentry.h>, not <irqentry/arch/x86.h>"
#endif

#define IRQENTRY_ARCH_NAME "x86_64"

#define IRQENTRY_X86_RFLAGS_TF 0x00100UL /* trap flag (single step) */
#define IRQENTRY_X86_RFLAGS_IF 0x00200UL /* interrupts enabled */
#define IRQENTRY_X86_RFLAGS_RF 0x10000UL /* resume flag */
#define IRQENTRY_X86_CS_RPL    0x3UL     /* requested privilege level */

#ifndef irqentry_os_regs_cs
#error "irqentry: missing required hook irqentry_os_regs_cs(regs): x86 needs the saved CS of the trap frame (user mode is RPL 3); define it and announce it with #define irqentry_os_regs_cs irqentry_os_regs_cs"
#endif

#ifdef IRQENTRY_HOSTED
static inline bool irqentry_arch_hosted_irqs_open(unsigned long status)
{
	return (status & IRQENTRY_X86_RFLAGS_IF) != 0;
}

/* Interrupt gates clear IF. */
static inline unsigned long irqentry_arch_hosted_trap(unsigned long status)
{
	return status & ~IRQENTRY_X86_RFLAGS_IF;
}

#include "../hosted.h"

static inline unsigned long irqentry_x86_rflags_read(void)
{
	return irqentry_hosted_cpu()->status;
}

static inline void irqentry_x86_cli(void)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status &
				   ~IRQENTRY_X86_RFLAGS_IF);
}

static inline void irqentry_x86_sti(void)
{
	irqentry_priv_hosted_write(irqentry_hosted_cpu()->status |
				   IRQENTRY_X86_RFLAGS_IF);
}
#else  /* !IRQENTRY_HOSTED */
/**
 * irqentry_x86_rflags_read - the live RFLAGS (`pushfq; popq`)
 * Context: any.
 */
static inline unsigned long irqentry_x86_rflags_read(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq\n\tpopq %0" : "=rm"(flags) : : "memory");
	return flags;
}

/**
 * irqentry_x86_cli - disable interrupts; one write.
 */
static inline void irqentry_x86_cli(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

/**
 * irqentry_x86_sti - enable interrupts; one write. (The STI shadow delays
 * delivery by one instruction.)
 */
static inline void irqentry_x86_sti(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}
#endif /* IRQENTRY_HOSTED */

static inline void irqentry_arch_local_irq_disable(void)
{
	irqentry_x86_cli();
}

static inline void irqentry_arch_local_irq_enable(void)
{
	irqentry_x86_sti();
}

static inline bool irqentry_arch_irqs_disabled(void)
{
	return !(irqentry_x86_rflags_read() & IRQENTRY_X86_RFLAGS_IF);
}

/* IF is the only mask class: any state may switch tasks. */
static inline bool irqentry_arch_schedule_state_ok(void)
{
	return true;
}

/* The frame returns to ring 3 (saved CS RPL == 3). */
static inline bool irqentry_arch_user_mode(irqentry_regs_t *regs)
{
	return (irqentry_os_regs_cs(regs) & IRQENTRY_X86_CS_RPL) == 3;
}

/* The interrupted context had IF clear. */
static inline bool irqentry_arch_regs_irqs_disabled(irqentry_regs_t *regs)
{
	return !(irqentry_os_regs_status(regs) & IRQENTRY_X86_RFLAGS_IF);
}

#endif /* IRQENTRY_ARCH_X86_H */

/*
 * Second pass (from <irqentry/irqentry.h>, after the generic core): the
 * per-exception-class wrappers irqentry_x86_*.
 */
#if defined(IRQENTRY_PRIV_CORE_DONE) && !defined(IRQENTRY_ARCH_X86_WRAPPERS_H)
#define IRQENTRY_ARCH_X86_WRAPPERS_H

#endif /* IRQENTRY_ARCH_X86_WRAPPERS_H */
