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
	irqentry_state_t state = irqentry_enter(regs);

	irqentry_exit(regs, state);
}
