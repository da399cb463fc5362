/* SPDX-License-Identifier: MIT */
/*
 * Consumer (d), x86-64 backend on the simulated CPU: a SYSCALL through
 * irqentry_x86_syscall_64() (SYSRET allowed for a clean frame, refused
 * once a signal frame moved RIP) and an NMI that never schedules.
 */
#include <irqentry/testing.h>

#include "consumer.h"

#define IF0 0UL

static void dispatch(irqentry_regs_t *regs, long nr, void *arg)
{
	(void)arg;
	irqentry_os_syscall_set_return(regs, nr);
}

static void nmi(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	irqentry_testing_mark("nmi");
}

int main(void)
{
	struct consumer_frame f;

	consumer_reset();
	f = consumer_frame(true, true);
	f.nr = 5;
	CHECK(irqentry_x86_syscall_64(&f, dispatch, NULL));
	CHECK(f.ret == 5);
	CHECK(irqentry_hosted_cpu()->status_writes == 2);

	/* A signal delivered on the way out moves RIP: IRET, not SYSRET. */
	consumer_reset();
	f = consumer_frame(true, true);
	f.nr = 1;
	f.pc = 0x20000;
	CHECK(!irqentry_x86_syscall_64(&f, dispatch, NULL));

	consumer_reset();
	f = consumer_frame(false, true);
	consumer_work = IRQENTRY_WORK_NEED_RESCHED;
	irqentry_x86_nmi(&f, nmi, NULL);
	CHECK_TRACE({IRQENTRY_TESTING_NMI_ENTER, IF0},
		    {IRQENTRY_TESTING_MARK, IF0},
		    {IRQENTRY_TESTING_NMI_EXIT, IF0});
	CHECK(consumer_switches == 0 &&
	      consumer_work == IRQENTRY_WORK_NEED_RESCHED);
	CHECK(irqentry_testing_reports() == 0);
	return consumer_result("find_package");
}
