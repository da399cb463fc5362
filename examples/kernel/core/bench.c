/* SPDX-License-Identifier: MIT */
/*
 * Benchmark mode (make BENCH=1): instead of the scenarios, count the
 * instructions of a null syscall round trip and of a timer interrupt that
 * does not preempt, with QEMU's -icount shift=0 making the port's counter
 * advance by one per instruction; with a second CPU, also a kick's path
 * on the kicked CPU, to the reschedule hook and to a signal handler. The
 * same file measures the kernel built with the irqentry wrappers and the
 * one built with BASELINE=1; bench/run boots both and divides.
 */
#include "kernel.h"
#include "user.h"

#define BENCH_N       1000 /* operations per measurement */
/* Kick rounds per SMP figure: each costs a hand-over of QEMU's one vCPU
 * thread and back; every round counts the same instructions. */
#define BENCH_KICKS   10
/* wait_wakes(): the longest CPU 0 sleeps before it looks again. */
#define BENCH_WAIT_NS 20000

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

/*
 * Sleep until the kicked CPU's spinner has yielded @n times in all
 * (bench_wakes, counted on its way back to user mode, which sends this CPU
 * the kick that ends port_idle()). Not a spin: under -icount QEMU runs one
 * CPU at a time, and a spinning CPU 0 would keep the other one stopped
 * for the rest of its time slice. Context: kernel thread, IRQs enabled.
 */
static void wait_wakes(unsigned long n)
{
	unsigned long flags;

	for (;;) {
		flags = port_irq_save();
		if (__atomic_load_n(&bench_wakes, __ATOMIC_ACQUIRE) >= n) {
			port_irq_restore(flags);
			return;
		}
		port_bench_irq_after(BENCH_WAIT_NS);
		port_idle();
		port_irq_restore(flags);
	}
}

/* One kick figure's rounds: their sum, extremes and stale ones. */
struct kick_stats {
	unsigned long total, min, max;
	unsigned int stale;
};

/* Add one round, counted from @from to @to; @fresh: its IRQ left a mark. */
static void kick_add(struct kick_stats *k, unsigned long from, unsigned long to,
		     bool fresh)
{
	unsigned long d = counter_delta(from, to);

	k->total += d;
	if (!k->min || d < k->min)
		k->min = d;
	if (d > k->max)
		k->max = d;
	k->stale += !fresh;
}

/* One kick figure: per round, each minus @cost (the counter read's own). */
static void report_kick(const char *what, const struct kick_stats *k,
			unsigned long cost)
{
	unsigned long total = k->total - cost * BENCH_KICKS;

	kprintf("bench: %s %s %s=%lu.%03lu n=%d ticks=0 min=%lu max=%lu stale=%u\n",
		PORT_NAME, KERNEL_BASELINE ? "baseline" : "irqentry", what,
		total / BENCH_KICKS, (total % BENCH_KICKS) * 1000 / BENCH_KICKS,
		BENCH_KICKS, k->min - cost, k->max - cost, k->stale);
}

/*
 * SMP: a user spinner on CPU 1 (bench_user.c), kicked by this CPU N times
 * with NEED_RESCHED (irqentry_work_set_remote() and the IPI, by
 * resched_remote()) and N times with a signal (kernel_kill(), which kicks
 * the same way). Counted on CPU 1's own counter from the C entry of the
 * kick's IRQ (bench_mark_irq()) to the first instruction of
 * irqentry_os_schedule(), and to the signal handler's first counter read
 * in user mode. Each round waits for the spinner's yield, so the next kick
 * finds it back in its loop with no work pending. A round whose kick
 * left no new IRQ mark is counted as stale (the figure is wrong then).
 * Context: kernel thread on CPU 0, IRQs enabled.
 */
static void bench_kicks(unsigned long cost)
{
	struct kick_stats sched = {0}, sig = {0};
	unsigned long irq_at, wakes;
	struct thread *t;
	int i;

	wakes = __atomic_load_n(&bench_wakes, __ATOMIC_ACQUIRE);
	t = uthread_create("ubench-spin", u_bench_spinner, 0);
	wait_wakes(++wakes); /* its first yield: running on another CPU */
	if (READ_ONCE(t->cpu) == (int)this_cpu()) {
		kprintf("bench: %s the spinner runs on this CPU: no kick figures\n",
			PORT_NAME);
		return;
	}
	for (i = 0; i < BENCH_KICKS; i++) {
		irq_at = t->bench_irq_at;
		resched_remote(t);
		wait_wakes(++wakes);
		kick_add(&sched, t->bench_irq_at, t->bench_sched_at,
			 t->bench_irq_at != irq_at);
	}
	report_kick("kick_schedule", &sched, cost);
	for (i = 0; i < BENCH_KICKS; i++) {
		irq_at = t->bench_irq_at;
		(void)kernel_kill(t->tid, SIGUSR1);
		wait_wakes(++wakes);
		kick_add(&sig, t->bench_irq_at, ubench.sig_at,
			 t->bench_irq_at != irq_at);
	}
	report_kick("kick_signal", &sig, cost);
}

void bench_main(void *arg)
{
	unsigned long t0, t1, ticks, with, without, cost;

	(void)arg;
	port_bench_init();
	kprintf("bench: %s %s, IRQENTRY_DEBUG=%d\n", PORT_NAME,
		KERNEL_BASELINE ? "hand-written baseline" : "irqentry wrappers",
		IRQENTRY_DEBUG);
	t0 = port_bench_counter();
	t1 = port_bench_counter();
	cost = counter_delta(t0, t1);
	kprintf("bench: %s counter: back-to-back reads differ by %lu\n",
		PORT_NAME, cost);

	/* Null syscall round trip, seen from user mode. */
	ticks = stats.ticks;
	run_user(u_bench_syscalls, BENCH_N);
	report("syscall", ubench.syscall_total, stats.ticks - ticks);

	/* Timer interrupt from kernel mode, no preemption. */
	ticks = stats.ticks;
	with = irq_loop(true);
	without = irq_loop(false);
	report("irq", with - without, stats.ticks - ticks);

	/* A kick's path on the CPU it interrupts. */
	if (nr_cpus > 1)
		bench_kicks(cost);
	else
		kprintf("bench: %s one CPU: no kick figures\n", PORT_NAME);
	kprintf("bench: %s done\n", PORT_NAME);
	port_exit(0);
}
