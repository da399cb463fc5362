/* SPDX-License-Identifier: MIT */
/* A user of the library, compiled under good and bad configurations. */
#ifdef INCLUDE_BACKEND_DIRECTLY
#include <irqentry/arch/arm64.h>
#endif
#include <irqentry/irqentry.h>
#ifdef INCLUDE_TESTING_AFTER
#include <irqentry/testing.h>
#endif

void use(irqentry_regs_t *regs);

void use(irqentry_regs_t *regs)
{
#if IRQENTRY_ARCH_ARM64 && !defined(USE_COMBINED)
	/* arm64 refuses the combined path: its exit would schedule with D and
	 * A masked. An IRQ vector takes the arm64 wrappers. */
	irqentry_state_t state = irqentry_arm64_el1_irq_enter(regs);

	irqentry_arm64_el1_irq_exit(regs, state);
#else
	irqentry_state_t state = irqentry_enter(regs);

	irqentry_exit(regs, state);
#endif
}
