/* SPDX-License-Identifier: MIT */
/*
 * A narrated walk through arm64 exception entry and exit on the simulated
 * CPU: every DAIF write and every hook, with DAIF at that moment. Shows why
 * the exit is split: preemption at I|F (D and A open), state management
 * with all of DAIF masked, 2 DAIF writes on the fast path.
 */
#include <stdio.h>
#include <stdlib.h>

#include <irqentry/irqentry.h>

unsigned long demo_work;
int demo_preempt_count;

static const char *daif_name(unsigned long daif)
{
	static char buf[16];
	const char *bits = "DAIF";
	unsigned int i, n = 0;

	for (i = 0; i < 4; i++)
		if (daif & (0x200UL >> i))
			buf[n++] = bits[i];
	if (!n) {
		buf[n++] = '-';
		buf[n++] = '-';
	}
	buf[n] = 0;
	return buf;
}

void demo_say(const char *what)
{
	printf("    %-58s DAIF=%s\n", what,
	       daif_name(irqentry_hosted_cpu()->status));
}

void demo_report(int rule, const char *message)
{
	printf("!!! debug report: rule %d: %s\n", rule, message);
	exit(1);
}

static void on_write(void *arg, unsigned long old_status,
		     unsigned long new_status)
{
	(void)arg;
	/* daif_name() reuses one buffer: print old and new separately. */
	printf("    msr daif: %-4s", daif_name(old_status));
	printf(" -> %-4s%39s(write #%lu)\n", daif_name(new_status), "",
	       irqentry_hosted_cpu()->status_writes);
}

static void timer_handler(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	demo_say("timer handler: tick, set NEED_RESCHED");
	irqentry_work_set(&demo_work, IRQENTRY_WORK_NEED_RESCHED);
}

static void device_handler(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	demo_say("device handler: acknowledge, nothing to reschedule");
}

static void fault_handler(irqentry_regs_t *regs, void *arg)
{
	(void)regs;
	(void)arg;
	demo_say("page fault handler (interrupted context's DAIF)");
	irqentry_work_set(&demo_work, IRQENTRY_WORK_NEED_RESCHED);
}

static void syscall_dispatch(irqentry_regs_t *regs, long nr, void *arg)
{
	(void)arg;
	demo_say("syscall body (everything open); another thread "
		 "queues a signal");
	irqentry_os_syscall_set_return(regs, nr * 2);
	irqentry_work_set(&demo_work, IRQENTRY_WORK_SIGPENDING);
}

static void start(const char *title, const char *how)
{
	printf("\n== %s\n", title);
	irqentry_hosted_reset(0x3c0); /* everything masked */
	irqentry_hosted_cpu()->on_write = on_write;
	demo_say(how);
}

static void vector(const char *title)
{
	start(title, "exception taken: hardware masks D, A, I, F");
}

static void done(void)
{
	printf("    => %lu DAIF writes, returned with DAIF=%s\n",
	       irqentry_hosted_cpu()->status_writes,
	       daif_name(irqentry_hosted_cpu()->status));
}

int main(void)
{
	irqentry_regs_t kernel = {0x5 /* EL1h, DAIF clear */, 0, 0, 0};
	irqentry_regs_t user = {0x0 /* EL0t */, 21, 3, 21};

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("irqentry demo: arm64 exception entry/exit on the hosted CPU\n"
	       "(Linux 7.1 spends 4 DAIF writes on a kernel IRQ, 3 on a "
	       "syscall; see include/irqentry/arch/arm64.h)\n");

	vector("el1_irq: timer IRQ from a kernel thread (preempt count 0), "
	       "preempted");
	irqentry_arm64_el1_irq(&kernel, timer_handler, NULL);
	done();

	vector("el1_irq: same, but preempt count 1: the reschedule is owed");
	demo_preempt_count = 1;
	irqentry_arm64_el1_irq(&kernel, timer_handler, NULL);
	done();
	printf("    NEED_RESCHED still set: %s (the next preemption point "
	       "honours it)\n",
	       (demo_work & IRQENTRY_WORK_NEED_RESCHED) ? "yes" : "no");
	demo_preempt_count = 0;
	demo_work = 0;

	vector("el1_sync: page fault in a kernel thread, preempted on exit");
	irqentry_arm64_el1_sync(&kernel, fault_handler, NULL);
	done();

	start("first return to EL0: a new user thread starts through the "
	      "exit path",
	      "kernel, everything masked, about to ERET to the new thread");
	irqentry_arm64_el0_sync_exit(&user);
	done();

	vector("el0_svc: syscall from user mode, signal on the way out");
	irqentry_arm64_el0_svc(&user, syscall_dispatch, NULL);
	done();
	printf("    syscall returned x0=%lu\n", user.x0);

	vector("el0_irq: device IRQ from user mode, no work (fast path)");
	irqentry_arm64_el0_irq(&user, device_handler, NULL);
	done();

	vector("el0_irq: timer IRQ from user mode: the tick's reschedule "
	       "runs in the work loop");
	irqentry_arm64_el0_irq(&user, timer_handler, NULL);
	done();
	return 0;
}
