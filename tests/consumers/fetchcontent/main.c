/* SPDX-License-Identifier: MIT */
/*
 * Consumer (c), RISC-V backend on the simulated CPU: an ecall through
 * irqentry_riscv_ecall_u() (sepc moved past the ecall, a0 saved, the
 * result returned) and a user-mode interrupt whose NEED_RESCHED the work
 * loop honours with SIE set.
 */
#include <irqentry/testing.h>

#include "consumer.h"

#define SIE0 0UL
#define SIE1 IRQENTRY_RISCV_SSTATUS_SIE

static void dispatch(irqentry_regs_t *regs, long nr, void *arg)
{
	(void)arg;
	irqentry_testing_mark("syscall");
	irqentry_os_syscall_set_return(regs,
				       nr == 2 ? regs->orig_arg0 * 6 : -1);
}

static void tick(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	irqentry_work_set(&consumer_work, IRQENTRY_WORK_NEED_RESCHED);
}

int main(void)
{
	struct consumer_frame f;

	consumer_reset();
	f = consumer_frame(true, true);
	f.nr = 2;
	f.ret = 7; /* a0: the first argument */
	irqentry_riscv_ecall_u(&f, dispatch, NULL);
	CHECK(f.ret == 42 && f.orig_arg0 == 7);
	CHECK(f.pc == 0x10000UL + 4);
	CHECK_TRACE({IRQENTRY_TESTING_ENTER_FROM_USER, SIE0},
		    {IRQENTRY_TESTING_SYSCALL_ENTER_MASKED, SIE0},
		    {IRQENTRY_TESTING_MARK, SIE1},
		    {IRQENTRY_TESTING_EXIT_TO_USER_PREPARE, SIE0},
		    {IRQENTRY_TESTING_SYSCALL_EXIT_MASKED, SIE0},
		    {IRQENTRY_TESTING_EXIT_TO_USER, SIE0});
	CHECK(irqentry_hosted_cpu()->status_writes == 2);

	consumer_reset();
	f = consumer_frame(true, true);
	irqentry_riscv_irq(&f, tick, NULL);
	CHECK_TRACE({IRQENTRY_TESTING_ENTER_FROM_USER, SIE0},
		    {IRQENTRY_TESTING_SCHEDULE, SIE1},
		    {IRQENTRY_TESTING_EXIT_TO_USER_PREPARE, SIE0},
		    {IRQENTRY_TESTING_EXIT_TO_USER, SIE0});
	CHECK(consumer_switches == 1);
	CHECK(irqentry_testing_reports() == 0);
	return consumer_result("FetchContent");
}
