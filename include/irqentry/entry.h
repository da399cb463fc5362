/* SPDX-License-Identifier: MIT */
/*
 * The single-call path: enter and exit that dispatch on the frame's mode,
 * for architectures whose masking does not change between the exit's steps
 * (one interrupt-enable bit: RISC-V, x86; refused on arm64 unless opted
 * in). Included by <irqentry/irqentry.h>; do not include directly.
 */
#ifndef IRQENTRY_ENTRY_H
#define IRQENTRY_ENTRY_H

#ifndef IRQENTRY_IRQENTRY_H
#error "include <irqentry/irqentry.h>, not <irqentry/entry.h>"
#endif

#ifdef IRQENTRY_PRIV_COMBINED_REFUSED
/*
 * The backend refuses the single-call path (arm64: see
 * IRQENTRY_ARM64_ALLOW_COMBINED): each use is a compile error at the call
 * that names the backend's wrappers.
 */
#define irqentry_enter(regs)                                                   \
	IRQENTRY_PRIV_COMBINED_REFUSED(                                        \
		((void)(regs), irqentry_priv_state_init()))
#define irqentry_exit(regs, state)                                             \
	IRQENTRY_PRIV_COMBINED_REFUSED(((void)(regs), (void)(state)))
#else
/**
 * irqentry_enter - enter from user or kernel mode (the single-call path)
 * @regs: the trap frame
 *
 * irqentry_enter_from_user_mode() or irqentry_enter_from_kernel_mode(),
 * chosen by the frame's mode.
 *
 * Not available on arm64 (a compile error at the call) unless
 * IRQENTRY_ARM64_ALLOW_COMBINED is 1: the arm64 wrappers mask around each
 * step.
 *
 * Context: IRQs disabled, does not schedule.
 * Return: the state to pass to irqentry_exit().
 */
IRQENTRY_API irqentry_state_t irqentry_enter(irqentry_regs_t *regs)
{
	if (irqentry_arch_user_mode(regs)) {
		irqentry_enter_from_user_mode(regs);
		return irqentry_priv_state_init();
	}
	return irqentry_enter_from_kernel_mode(regs);
}

/**
 * irqentry_exit - return to user or kernel mode (the single-call path)
 * @regs: the trap frame
 * @state: the state from irqentry_enter()
 *
 * irqentry_exit_to_user_mode() or irqentry_exit_to_kernel_mode(), chosen by
 * the frame's mode: for architectures with one interrupt-enable bit. On
 * arm64 only with IRQENTRY_ARM64_ALLOW_COMBINED 1, called at DAIF == I|F.
 *
 * Context: IRQs disabled on entry and exit. May schedule.
 */
IRQENTRY_API void irqentry_exit(irqentry_regs_t *regs, irqentry_state_t state)
{
	if (irqentry_arch_user_mode(regs))
		irqentry_exit_to_user_mode(regs);
	else
		irqentry_exit_to_kernel_mode(regs, state);
}
#endif /* IRQENTRY_PRIV_COMBINED_REFUSED */

#endif /* IRQENTRY_ENTRY_H */
