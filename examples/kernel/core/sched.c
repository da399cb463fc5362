/* SPDX-License-Identifier: MIT */
/*
 * Threads and the scheduler: a fixed thread table, round robin, a
 * per-thread preempt count, and the NEED_RESCHED work bit the timer tick
 * sets. The library decides *when* to switch (the user work loop, the
 * kernel preempt step); this file decides *to whom*, and checks at every
 * switch that the CPU is in a state a switch is legal in.
 */
#include "kernel.h"

struct kstats stats;
struct thread threads[NR_THREADS];
struct thread *current;
unsigned long tick_nmi_period; /* stress: an NMI from the tick every N */

static struct thread *idle;
static int next_tid;
static unsigned char kstacks[NR_THREADS][KSTACK_SIZE]
	__attribute__((aligned(16)));
static unsigned char ustacks[NR_THREADS][USTACK_SIZE]
	__attribute__((aligned(16)));

enum switch_kind {
	SWITCH_VOLUNTARY, /* yield, sleep, exit */
	SWITCH_USER_LOOP, /* irqentry_os_schedule(): the user work loop */
	SWITCH_IRQ,       /* irqentry_os_preempt_schedule_irq() */
	SWITCH_OWED,      /* preempt_enable() with NEED_RESCHED pending */
};

/* Round robin after @prev; the idle thread only when nobody else can run. */
static struct thread *pick_next(struct thread *prev)
{
	int i, start = (int)(prev - threads);

	for (i = 1; i <= NR_THREADS; i++) {
		struct thread *t = &threads[(start + i) % NR_THREADS];

		if (t != idle && t->state == THREAD_RUNNABLE)
			return t;
	}
	return idle;
}

/*
 * Scenario 7: the rules at every switch. irqentry_check_schedule() asks the
 * library (not in an NMI-class entry, not inside an after-preempt or
 * after-prepare step, arm64: neither D, A nor F-without-I masked) and
 * reports what it finds through irqentry_os_report(); the kernel checks its
 * port's rule itself too (arm64: D and A clear) and counts violations.
 * Only an NMI refuses the switch: there it would corrupt the interrupted
 * context. Elsewhere the run is already failed and carrying on shows more.
 */
static bool switch_allowed(void)
{
	char buf[PORT_MASK_STRLEN];

	(void)irqentry_check_schedule(); /* reports what it finds itself */
	if (!port_switch_state_ok() || !port_irqs_disabled()) {
		stats.violations++;
		kcomplain("violation: context switch at %s (thread %s)\n",
			  port_mask_str(port_mask_now(), buf), current->name);
	}
	if (current->preempt_count != 0) {
		stats.violations++;
		kcomplain(
			"violation: switch with preempt count %d (thread %s)\n",
			current->preempt_count, current->name);
	}
	return irqentry_in_nmi() == 0;
}

static void account(struct thread *prev, enum switch_kind kind)
{
	stats.switches++;
	prev->switches_out++;
	switch (kind) {
	case SWITCH_USER_LOOP:
		prev->loop_switches++;
		stats.user_loop_switches++;
		break;
	case SWITCH_IRQ:
		prev->irq_preemptions++;
		stats.kernel_preemptions++;
		break;
	case SWITCH_OWED:
		prev->owed_preemptions++;
		stats.owed_preemptions++;
		break;
	case SWITCH_VOLUNTARY:
		break;
	}
}

/*
 * Switch to the next runnable thread. Clears NEED_RESCHED(_LAZY) as the
 * hooks' contract asks, whether or not someone else can run.
 * Context: IRQs disabled. Return: true if another thread ran meanwhile.
 */
static bool sched_switch(enum switch_kind kind)
{
	struct thread *prev = current, *next;

	if (!switch_allowed())
		return false;
	irqentry_work_clear(&prev->work, IRQENTRY_WORK_RESCHED_MASK);
	next = pick_next(prev);
	if (next == prev)
		return false;
	account(prev, kind);
	narrate_switch(prev, next);
	current = next;
	port_switch(&prev->ctx, &next->ctx);
	narrate_switch(NULL, prev);
	return true;
}

void schedule(void)
{
	unsigned long flags = port_irq_save();

	(void)sched_switch(SWITCH_VOLUNTARY);
	port_irq_restore(flags);
}

/* Hook: the user work loop saw NEED_RESCHED. Context: IRQs enabled. */
void irqentry_os_schedule(void)
{
	unsigned long flags;

	narrate("work loop: NEED_RESCHED -> irqentry_os_schedule()");
	flags = port_irq_save();
	(void)sched_switch(SWITCH_USER_LOOP);
	port_irq_restore(flags);
}

/* Hook: the kernel-mode preempt step. Context: IRQs disabled throughout. */
void irqentry_os_preempt_schedule_irq(void)
{
	narrate("preempt step: count 0 + NEED_RESCHED -> irqentry_os_preempt_schedule_irq()");
	(void)sched_switch(SWITCH_IRQ);
}

void preempt_disable(void)
{
	__atomic_store_n(&current->preempt_count, current->preempt_count + 1,
			 __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
}

/*
 * Dropping the last count pays a preemption the tick asked for meanwhile:
 * the preempt step refused it (count > 0) and left NEED_RESCHED set, and
 * nothing else would look at it before the next tick. The drop and the
 * check are one step with IRQs masked, so the debt is always paid here,
 * not by whichever interrupt happens to arrive next. As on Linux, not
 * with IRQs disabled by the caller: that context is not preemptible.
 */
void preempt_enable(void)
{
	bool irqs_were_off = port_irqs_disabled();
	unsigned long flags = port_irq_save();
	int count = current->preempt_count - 1;

	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&current->preempt_count, count, __ATOMIC_RELAXED);
	if (count == 0 && !irqs_were_off && need_resched() &&
	    KERNEL_BREAK != 2) {
		narrate("preempt_enable: count 0 and NEED_RESCHED still set: pay the owed preemption");
		(void)sched_switch(SWITCH_OWED);
	}
	port_irq_restore(flags);
}

void kernel_sleep(unsigned long ticks)
{
	unsigned long flags = port_irq_save();

	current->wake_tick = stats.ticks + ticks;
	current->state = THREAD_SLEEPING;
	while (current->state == THREAD_SLEEPING)
		(void)sched_switch(SWITCH_VOLUNTARY);
	port_irq_restore(flags);
}

/* The timer tick: wake sleepers, ask for a switch on the way out. */
void kernel_tick(irqentry_regs_t *regs)
{
	unsigned long now = ++stats.ticks;
	int i;

	(void)regs;
	for (i = 0; i < NR_THREADS; i++)
		if (threads[i].state == THREAD_SLEEPING &&
		    now >= threads[i].wake_tick)
			threads[i].state = THREAD_RUNNABLE;
	if (!KERNEL_BENCH)
		irqentry_work_set(&current->work, IRQENTRY_WORK_NEED_RESCHED);
#if KERNEL_HV
	vmm_tick(now); /* the vCPUs' virtual timers */
#endif
	narrate("handler: timer tick %lu, NEED_RESCHED set", now);
	if (tick_nmi_period && now % tick_nmi_period == 0) {
		stats.nmi_in_irq++;
		port_nmi_trigger();
	}
}

static struct thread *thread_alloc(const char *name)
{
	int i;

	for (i = 0; i < NR_THREADS; i++) {
		struct thread *t = &threads[i];

		if (t->state == THREAD_FREE) {
			memset(t, 0, sizeof(*t));
			t->tid = next_tid++;
			t->name = name;
			return t;
		}
	}
	kernel_panic(NULL, "out of threads");
}

static void *kstack_top(struct thread *t)
{
	return kstacks[t - threads] + KSTACK_SIZE;
}

struct thread *kthread_create(const char *name, void (*fn)(void *), void *arg)
{
	unsigned long flags = port_irq_save();
	struct thread *t = thread_alloc(name);

	t->kfn = fn;
	t->karg = arg;
	port_context_init_kernel(&t->ctx, kstack_top(t));
	t->state = THREAD_RUNNABLE;
	port_irq_restore(flags);
	return t;
}

struct thread *uthread_create(const char *name, void (*entry)(long), long arg)
{
	unsigned long flags = port_irq_save();
	struct thread *t = thread_alloc(name);

	t->user = true;
	t->ustack_lo = (unsigned long)ustacks[t - threads];
	t->ustack_hi = t->ustack_lo + USTACK_SIZE;
	port_context_init_user(&t->ctx, kstack_top(t), (unsigned long)entry,
			       t->ustack_hi, (unsigned long)arg);
	t->state = THREAD_RUNNABLE;
	port_irq_restore(flags);
	return t;
}

/* The first code a new kernel thread runs (IRQs disabled by the switch). */
_Noreturn void kthread_start(void)
{
	port_irq_enable();
	current->kfn(current->karg);
	thread_exit(0);
}

_Noreturn void thread_exit(int code)
{
	port_irq_disable();
	current->exit_code = code;
	current->state = THREAD_DEAD;
	(void)sched_switch(SWITCH_VOLUNTARY);
	kernel_panic(NULL, "a dead thread was resumed");
}

/* Wait for @t to exit, free its slot; its counters stay readable until the
 * next create. */
int thread_wait(struct thread *t)
{
	while (__atomic_load_n(&t->state, __ATOMIC_RELAXED) != THREAD_DEAD)
		kernel_sleep(1);
	t->state = THREAD_FREE;
	return t->exit_code;
}

/*
 * Kill a user thread wherever it is: like SIGKILL, through the signal work
 * bit, so the library's work loop ends it before its next return to user
 * mode (even one spinning at a bad PC without ever entering the kernel:
 * the tick brings it in).
 */
void thread_kill(struct thread *t)
{
	__atomic_store_n(&t->killed, true, __ATOMIC_RELAXED);
	irqentry_work_set(&t->work, IRQENTRY_WORK_SIGPENDING);
}

struct thread *thread_find(int tid)
{
	int i;

	for (i = 0; i < NR_THREADS; i++)
		if (threads[i].tid == tid && threads[i].state != THREAD_FREE)
			return &threads[i];
	return NULL;
}

/*
 * Boot: the boot context becomes the idle thread. It waits for interrupts
 * with IRQs masked (so a tick between the check and the wait is not lost)
 * and is preempted by the library's preempt step on the exit of the IRQ
 * that wakes it.
 */
_Noreturn void kernel_main(void)
{
	port_init();
	idle = &threads[0];
	idle->name = "idle";
	idle->state = THREAD_RUNNABLE;
	current = idle;
	next_tid = 1;
#if KERNEL_BENCH
	/* No periodic tick: the benchmark thread runs at once and makes its
	 * own interrupts. */
	(void)kthread_create("bench", bench_main, NULL);
	irqentry_work_set(&idle->work, IRQENTRY_WORK_NEED_RESCHED);
#else
	(void)kthread_create("init", init_main, NULL);
	port_timer_start(HZ);
#endif
	port_irq_enable();
	for (;;) {
		port_irq_disable();
		if (!need_resched())
			port_idle();
		port_irq_enable();
		if (need_resched())
			schedule();
	}
}
