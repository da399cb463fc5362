/* SPDX-License-Identifier: MIT */
/*
 * Consumer (e): the host's own backend, picked from the compiler's target
 * macros as a port gets it: a user-mode exception through the combined
 * irqentry_enter()/irqentry_exit() (on an arm64 host, which refuses those,
 * through irqentry_arm64_el0_sync()) whose handler posts a signal; the
 * work loop delivers it with interrupts on, before the return.
 */
#include <irqentry/testing.h>

#include "consumer.h"

static void fault(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	irqentry_testing_mark("fault");
	irqentry_work_set(&consumer_work, IRQENTRY_WORK_SIGPENDING);
}

int main(void)
{
	struct consumer_frame f;

	consumer_reset();
	f = consumer_frame(true, true);
#if IRQENTRY_ARCH_ARM64
	/* The handler runs with all of DAIF open, the return fully masked. */
	irqentry_arm64_el0_sync(&f, fault, NULL);
	CHECK_TRACE(
		{IRQENTRY_TESTING_ENTER_FROM_USER, IRQENTRY_TESTING_MASK_TRAP},
		{IRQENTRY_TESTING_MARK, IRQENTRY_TESTING_MASK_ON},
		{IRQENTRY_TESTING_HANDLE_SIGNAL, IRQENTRY_TESTING_MASK_ON},
		{IRQENTRY_TESTING_EXIT_TO_USER_PREPARE,
		 IRQENTRY_TESTING_MASK_OFF},
		{IRQENTRY_TESTING_EXIT_TO_USER, IRQENTRY_TESTING_MASK_TRAP});
#else
	{
		irqentry_state_t state = irqentry_enter(&f);

		fault(&f, NULL);
		irqentry_exit(&f, state);
	}
	CHECK_TRACE(
		{IRQENTRY_TESTING_ENTER_FROM_USER, IRQENTRY_TESTING_MASK_TRAP},
		{IRQENTRY_TESTING_MARK, IRQENTRY_TESTING_MASK_TRAP},
		{IRQENTRY_TESTING_HANDLE_SIGNAL, IRQENTRY_TESTING_MASK_ON},
		{IRQENTRY_TESTING_EXIT_TO_USER_PREPARE,
		 IRQENTRY_TESTING_MASK_OFF},
		{IRQENTRY_TESTING_EXIT_TO_USER, IRQENTRY_TESTING_MASK_OFF});
#endif
	CHECK(consumer_work == 0);
	CHECK(irqentry_testing_reports() == 0);
	return consumer_result("pkg-config");
}
