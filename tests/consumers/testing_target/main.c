/* SPDX-License-Identifier: MIT */
/*
 * Consumer (h): a test of a kernel's hooks through the irqentry::testing
 * CMake target. The build passes no definitions: the target must supply
 * IRQENTRY_HOSTED and IRQENTRY_TESTING (the #error says which is missing),
 * and <irqentry/irqentry.h> then brings in the kit. The host's own backend.
 */
#if !defined(IRQENTRY_HOSTED) || !defined(IRQENTRY_TESTING)
#error "irqentry::testing did not define IRQENTRY_HOSTED and IRQENTRY_TESTING"
#endif
#include <irqentry/irqentry.h>

#include "consumer.h"

int main(void)
{
	struct consumer_frame f;
	irqentry_state_t state;

	consumer_reset();
	f = consumer_frame(false, true);
	state = irqentry_enter(&f);
	irqentry_testing_mark("handler");
	irqentry_exit(&f, state);
	CHECK(irqentry_testing_calls(IRQENTRY_TESTING_MARK) == 1);
	CHECK(irqentry_testing_calls(IRQENTRY_TESTING_ENTER_FROM_KERNEL) == 1);
	if (consumer_failures) {
		fprintf(stderr, "irqentry::testing: %u checks failed\n",
			consumer_failures);
		return 1;
	}
	printf("irqentry::testing: %s backend, kernel entry/exit recorded\n",
	       IRQENTRY_ARCH_NAME);
	return 0;
}
