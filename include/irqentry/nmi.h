/* SPDX-License-Identifier: MIT */
/*
 * NMI-class entries: true NMIs, arm64 SError and pseudo-NMIs, kernel debug
 * traps, RISC-V kernel synchronous traps. They can arrive anywhere, even
 * with interrupts disabled or inside another entry path, so they nest, run
 * no work and never schedule. Included by <irqentry/irqentry.h>; do not
 * include directly.
 */
#ifndef IRQENTRY_NMI_H
#define IRQENTRY_NMI_H

#ifndef IRQENTRY_IRQENTRY_H
#error "include <irqentry/irqentry.h>, not <irqentry/nmi.h>"
#endif

/**
 * irqentry_in_nmi - is this CPU inside an NMI-class entry?
 *
 * Context: IRQs disabled or preemption disabled: the depth is per CPU,
 * and a preemptible caller may move to another CPU in the middle of the
 * read (with IRQs enabled no NMI-class entry is in flight on this CPU
 * anyway: they run with IRQs masked). NMI-safe.
 * Return: the NMI nesting depth (0: not in an NMI).
 */
IRQENTRY_API unsigned int irqentry_in_nmi(void)
{
	return irqentry_os_cpu()->nmi_depth;
}

/**
 * irqentry_nmi_enter - enter an NMI-class context
 * @regs: the trap frame (user or kernel mode; no mode transition is made)
 *
 * Raises this CPU's NMI depth (remembering the old one in the state), then
 * calls irqentry_os_nmi_enter().
 *
 * Context: any, including inside another entry or NMI; IRQs disabled.
 * Never schedules.
 * Return: the state to pass to irqentry_nmi_exit().
 */
IRQENTRY_API irqentry_state_t irqentry_nmi_enter(irqentry_regs_t *regs)
{
	struct irqentry_cpu *cpu = irqentry_os_cpu();
	irqentry_state_t state = irqentry_priv_state_init();

	state.nmi_depth = cpu->nmi_depth;
	cpu->nmi_depth++;
	/* The depth must be visible to an NMI nested from here on. */
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
#ifdef IRQENTRY_OS_STATE_TYPE
	irqentry_os_state_enter(regs, &state.os);
#endif
	irqentry_os_nmi_enter(regs);
	return state;
}

/**
 * irqentry_nmi_exit - leave an NMI-class context
 * @regs: the trap frame
 * @state: the state from the matching irqentry_nmi_enter()
 *
 * Calls irqentry_os_nmi_exit() and restores the NMI depth of the state (an
 * unbalanced exit is reported in debug builds and repaired either way). No
 * work runs and nothing is preempted, even on a return to user mode: the
 * next ordinary exit does that.
 *
 * Context: NMI, IRQs disabled. Never schedules.
 */
IRQENTRY_API void irqentry_nmi_exit(irqentry_regs_t *regs,
				    irqentry_state_t state)
{
	struct irqentry_cpu *cpu = irqentry_os_cpu();

	irqentry_os_nmi_exit(regs);
#ifdef IRQENTRY_OS_STATE_TYPE
	irqentry_os_state_exit(regs, &state.os);
#endif
	if (IRQENTRY_DEBUG)
		(void)irqentry_priv_check(
			cpu->nmi_depth == state.nmi_depth + 1,
			IRQENTRY_RULE_NMI_UNBALANCED,
			"irqentry: NMI exit does not match the innermost NMI enter",
			regs);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	cpu->nmi_depth = state.nmi_depth;
}

#endif /* IRQENTRY_NMI_H */
