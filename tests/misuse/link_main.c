/* SPDX-License-Identifier: MIT */
/*
 * The other half of a two-object program with use.c: the OS hooks that
 * good_os.h leaves to a .c file, and main. tests/misuse/run.sh builds the
 * two objects with and without IRQENTRY_TESTING and links them.
 */
#include <irqentry/irqentry.h>

void use(irqentry_regs_t *regs);

unsigned long work_word;

void os_schedule(void)
{
}

void os_preempt(void)
{
}

void os_signal(struct frame *r)
{
	(void)r;
}

int main(void)
{
	struct frame f = {0, 0, 0, 0};

	use(&f);
	return 0;
}
