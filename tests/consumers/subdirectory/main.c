/* SPDX-License-Identifier: MIT */
/*
 * Consumer (b), arm64 backend on the simulated CPU: a syscall through
 * irqentry_arm64_el0_svc() and a preempting IRQ through
 * irqentry_arm64_el1_irq(), each with its exact hook trace and DAIF writes.
 */
#include <irqentry/testing.h>

#include "consumer.h"

#define TRAP IRQENTRY_TESTING_MASK_TRAP /* D|A|I|F */
#define ON   IRQENTRY_TESTING_MASK_ON   /* none */
#define OFF  IRQENTRY_TESTING_MASK_OFF  /* I|F */

static void dispatch(irqentry_regs_t *regs, long nr, void *arg)
{
	(void)arg;
	irqentry_testing_mark("syscall");
	irqentry_os_syscall_set_return(regs, nr == 3 ? 42 : -1);
}

static void tick(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	irqentry_testing_mark("timer");
	irqentry_work_set(&consumer_work, IRQENTRY_WORK_NEED_RESCHED);
}

int main(void)
{
	struct consumer_frame f;

	consumer_reset();
	f = consumer_frame(true, true);
	f.nr = 3;
	irqentry_arm64_el0_svc(&f, dispatch, NULL);
	CHECK(f.ret == 42);
	CHECK_TRACE({IRQENTRY_TESTING_ENTER_FROM_USER, TRAP},
		    {IRQENTRY_TESTING_SYSCALL_ENTER_MASKED, TRAP},
		    {IRQENTRY_TESTING_MARK, ON},
		    {IRQENTRY_TESTING_EXIT_TO_USER_PREPARE, TRAP},
		    {IRQENTRY_TESTING_SYSCALL_EXIT_MASKED, TRAP},
		    {IRQENTRY_TESTING_EXIT_TO_USER, TRAP});
	CHECK(irqentry_hosted_cpu()->status_writes == 2);

	consumer_reset();
	f = consumer_frame(false, true);
	irqentry_arm64_el1_irq(&f, tick, NULL);
	CHECK_TRACE({IRQENTRY_TESTING_ENTER_FROM_KERNEL, OFF},
		    {IRQENTRY_TESTING_MARK, OFF},
		    {IRQENTRY_TESTING_PREEMPT_SCHEDULE_IRQ, OFF},
		    {IRQENTRY_TESTING_EXIT_TO_KERNEL, TRAP});
	CHECK(consumer_switches == 1 && consumer_work == 0);
	CHECK(irqentry_hosted_cpu()->status_writes == 2);
	CHECK(irqentry_testing_reports() == 0);
	return consumer_result("add_subdirectory");
}
