/* SPDX-License-Identifier: MIT */
/*
 * A user of the testing kit for the language matrix: <irqentry/testing.h>
 * as the one include, every kind of kit call once.
 */
#include <irqentry/testing.h>

bool use_testing(irqentry_regs_t *regs);

static void irq(void *arg, unsigned long interrupted)
{
	(void)arg;
	(void)interrupted;
	irqentry_testing_mark("irq");
}

bool use_testing(irqentry_regs_t *regs)
{
	static const struct irqentry_testing_step want[] = {
		{IRQENTRY_TESTING_ENTER_FROM_USER, IRQENTRY_TESTING_MASK_TRAP},
		{IRQENTRY_TESTING_EXIT_TO_USER, IRQENTRY_TESTING_MASK_OFF},
	};
	static const struct irqentry_testing_step listed[] = {
		{IRQENTRY_TESTING_ENTER_FROM_USER, IRQENTRY_TESTING_MASK_ANY},
		IRQENTRY_TESTING_END,
	};
	char buf[IRQENTRY_TESTING_WHY_SIZE];
	irqentry_state_t state;

	irqentry_testing_reset(IRQENTRY_TESTING_MASK_TRAP);
	irqentry_testing_record_writes(true);
	(void)irqentry_testing_inject_at_unmask(1, irq, NULL);
	(void)irqentry_testing_inject_at(IRQENTRY_TESTING_SCHEDULE, 1, irq,
					 NULL);
#if IRQENTRY_ARCH_ARM64
	state = irqentry_arm64_el1_irq_enter(regs);
	irqentry_arm64_el1_irq_exit(regs, state);
#else
	state = irqentry_enter(regs);
	irqentry_exit(regs, state);
#endif
	irqentry_testing_raise(irq, NULL);
	(void)irqentry_testing_format(buf, sizeof(buf));
	(void)irqentry_testing_mask_str(irqentry_testing_mask(), buf, 16);
	(void)irqentry_testing_work_str(IRQENTRY_WORK_SIGPENDING, buf,
					sizeof(buf));
	if (irqentry_testing_rule_name(irqentry_testing_last_rule())[0] ==
		    '?' ||
	    irqentry_testing_failure() != NULL ||
	    !irqentry_testing_match_prefix(listed, buf, sizeof(buf)) ||
	    !irqentry_testing_match_in_order(listed, buf, sizeof(buf)) ||
	    irqentry_testing_match_all(listed, buf, sizeof(buf)))
		return false;
	if (irqentry_testing_find(IRQENTRY_TESTING_IRQ, 0) < 0 ||
	    irqentry_testing_calls(IRQENTRY_TESTING_MARK) == 0 ||
	    irqentry_testing_reports() != 0 || irqentry_testing_dropped())
		return false;
	return irqentry_testing_match(want, 2, buf, sizeof(buf)) &&
	       irqentry_testing_event_at(0) != NULL &&
	       irqentry_testing_event_at(0)->mask_before ==
		       irqentry_testing_event_at(0)->mask;
}
