/* SPDX-License-Identifier: MIT */
/*
 * Benchmark mode (make BENCH=1): instead of the scenarios, count the
 * instructions of a null syscall round trip and of a timer interrupt that
 * does not preempt, with QEMU's -icount shift=0 making the port's counter
 * advance by one per instruction. The same file measures the kernel built
 * with the irqentry wrappers and the one built with BASELINE=1; bench/run
 * boots both and divides.
 */
#include "kernel.h"
#include "user.h"

#define BENCH_N 1000 /* operations per measurement */

static unsigned long counter_delta(unsigned long t0, unsigned long t1)
{
	return (t1 - t0) & PORT_BENCH_COUNTER_MASK;
}

/*
 * N times: make a tick pending with IRQs off, read the counter, enable
 * IRQs (the tick is taken there, from kernel mode, at preempt count 0,
 * and its handler leaves NEED_RESCHED alone: no preemption), disable,
 * read again. The nop covers x86's STI shadow. Without @pend the same
 * loop takes no interrupt: the difference is the interrupt alone.
 */
static unsigned long irq_loop(bool pend)
{
	unsigned long flags = port_irq_save(), total = 0, t0, t1;
	int i;

	for (i = 0; i < BENCH_N; i++) {
		if (pend)
			port_bench_irq_pend();
		t0 = port_bench_counter();
		port_irq_enable();
		__asm__ __volatile__("nop" ::: "memory");
		port_irq_disable();
		t1 = port_bench_counter();
		total += counter_delta(t0, t1);
	}
	port_irq_restore(flags);
	return total;
}

/* Run a user thread to completion without ticks: yield to it. */
static void run_user(void (*entry)(long), long arg)
{
	struct thread *t = uthread_create("ubench", entry, arg);

	while (__atomic_load_n(&t->state, __ATOMIC_RELAXED) != THREAD_DEAD)
		schedule();
	t->state = THREAD_FREE;
}

static void report(const char *what, unsigned long total, unsigned long ticks)
{
	kprintf("bench: %s %s %s=%lu.%03lu n=%d ticks=%lu\n", PORT_NAME,
		KERNEL_BASELINE ? "baseline" : "irqentry", what,
		total / BENCH_N, (total % BENCH_N) * 1000 / BENCH_N, BENCH_N,
		ticks);
}

void bench_main(void *arg)
{
	unsigned long t0, t1, ticks, with, without;

	(void)arg;
	port_bench_init();
	kprintf("bench: %s %s, IRQENTRY_DEBUG=%d\n", PORT_NAME,
		KERNEL_BASELINE ? "hand-written baseline" : "irqentry wrappers",
		IRQENTRY_DEBUG);
	t0 = port_bench_counter();
	t1 = port_bench_counter();
	kprintf("bench: %s counter: back-to-back reads differ by %lu\n",
		PORT_NAME, counter_delta(t0, t1));

	/* Null syscall round trip, seen from user mode. */
	ticks = stats.ticks;
	run_user(u_bench_syscalls, BENCH_N);
	report("syscall", ubench.syscall_total, stats.ticks - ticks);

	/* Timer interrupt from kernel mode, no preemption. */
	ticks = stats.ticks;
	with = irq_loop(true);
	without = irq_loop(false);
	report("irq", with - without, stats.ticks - ticks);
	kprintf("bench: %s done\n", PORT_NAME);
	port_exit(0);
}
