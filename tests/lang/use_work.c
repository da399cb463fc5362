/* SPDX-License-Identifier: MIT */
/*
 * A file that only sets and clears work bits (a scheduler, kill()):
 * <irqentry/work.h> alone, no OS header, no arch. With THEN_IRQENTRY the
 * whole library follows it, as in a file that includes both.
 */
#include <irqentry/work.h>
#ifdef THEN_IRQENTRY
#include <irqentry/irqentry.h>
#endif

void wake_for_resched(unsigned long *word);
unsigned long take_signal(unsigned long *word);

void wake_for_resched(unsigned long *word)
{
	irqentry_work_set(word, IRQENTRY_WORK_NEED_RESCHED);
	irqentry_work_clear(word, IRQENTRY_WORK_NEED_RESCHED_LAZY);
}

unsigned long take_signal(unsigned long *word)
{
	if (!(irqentry_work_read(word) & IRQENTRY_WORK_SIGNAL_MASK))
		return 0;
	return irqentry_work_test_and_clear(word, IRQENTRY_WORK_SIGPENDING);
}
