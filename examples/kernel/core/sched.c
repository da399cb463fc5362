/* SPDX-License-Identifier: MIT */
/*
 * Threads and the scheduler: a fixed thread table, round robin, a
 * per-thread preempt count, and the NEED_RESCHED work bit the timer tick
 * sets. The library decides *when* to switch (the user work loop, the
 * kernel preempt step); this file decides *to whom*, and checks at every
 * switch that the CPU is in a state a switch is legal in.
 */
#include "kernel.h"
#include "user.h"

struct kstats stats;
struct thread threads[NR_THREADS];
struct cpu cpus[NR_CPUS];
unsigned long jiffies;
unsigned int nr_cpus = 1;
unsigned int tick_hz = HZ;
unsigned long tick_nmi_period; /* stress: an NMI from the tick every N */
#if KERNEL_BENCH
volatile bool bench_wake_boot_cpu; /* kernel.h */
volatile unsigned long bench_wakes;
volatile unsigned long bench_sched_calls; /* user.h */
#endif

/*
 * The one run queue: every thread in threads[] whose state is RUNNABLE and
 * that is not on a CPU, picked round robin by any CPU (so threads migrate).
 * The lock covers thread states, on_cpu, cpus[].curr and the wake ticks.
 * It is held across port_switch() and released by the thread that
 * resumes (kernel_switch_finish()): until the switch saved the outgoing
 * thread's registers, no other CPU may pick it.
 */
static struct spinlock rq_lock;
static unsigned int rq_cursor;         /* round robin: last slot picked */
static unsigned long next_wake = ~0UL; /* earliest wake tick of a sleeper */

static struct thread idle_threads[NR_CPUS];
static int next_tid;
static unsigned char kstacks[NR_THREADS][KSTACK_SIZE]
	__attribute__((aligned(16)));
static unsigned char ustacks[NR_THREADS][USTACK_SIZE]
	__attribute__((aligned(16)));
/* Secondary CPUs' boot stacks, which become their idle threads' stacks. */
static unsigned char cpu_stacks[NR_CPUS][KSTACK_SIZE]
	__attribute__((aligned(16)));

enum switch_kind {
	SWITCH_VOLUNTARY, /* yield, sleep, exit */
	SWITCH_USER_LOOP, /* irqentry_os_schedule(): the user work loop */
	SWITCH_IRQ,       /* irqentry_os_preempt_schedule_irq() */
	SWITCH_OWED,      /* preempt_enable() with NEED_RESCHED pending */
};

/* This CPU's number. Context: IRQs disabled (or a value that may be stale
 * at once, for printing). */
unsigned int this_cpu(void)
{
	return (unsigned int)current->cpu;
}

/*
 * Round robin over the runnable threads no CPU is running, starting after
 * the last one picked; @prev itself only if nobody else can run, and this
 * CPU's idle thread when not even @prev can. Context: rq_lock held.
 */
static struct thread *pick_next(struct thread *prev)
{
	unsigned int i;

	for (i = 1; i <= NR_THREADS; i++) {
		unsigned int slot = (rq_cursor + i) % NR_THREADS;
		struct thread *t = &threads[slot];

		if (t->state == THREAD_RUNNABLE && !t->on_cpu) {
			rq_cursor = slot;
			return t;
		}
	}
	if (prev->state == THREAD_RUNNABLE && !prev->is_idle)
		return prev;
	return cpus[prev->cpu].idle;
}

/* Any runnable thread waiting for a CPU? A racy hint, for the tick. */
static bool rq_has_waiting(void)
{
	int i;

	for (i = 0; i < NR_THREADS; i++)
		if (READ_ONCE(threads[i].state) == THREAD_RUNNABLE &&
		    !READ_ONCE(threads[i].on_cpu))
			return true;
	return false;
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
		STAT_INC(violations);
		kcomplain("violation: context switch at %s (thread %s)\n",
			  port_mask_str(port_mask_now(), buf), current->name);
	}
	if (current->preempt_count != 0) {
		STAT_INC(violations);
		kcomplain(
			"violation: switch with preempt count %d (thread %s)\n",
			current->preempt_count, current->name);
	}
	if (irqentry_in_nmi() != 0) {
		ATOMIC_INC(cpus[this_cpu()].nmi_switched);
		return false;
	}
	return true;
}

/*
 * Count a switch away from @prev. The per-kind counters go first and
 * switches_out last, with release: another CPU that sees switches_out
 * move (with acquire) then sees what kind of switch it was (smp
 * scenario 2 reads kick_switches right after; with the old order a
 * vCPU descheduled by the host between the two stores made it miss).
 */
static void account(struct thread *prev, enum switch_kind kind)
{
	STAT_INC(switches);
	ATOMIC_INC(cpus[prev->cpu].switches);
	switch (kind) {
	case SWITCH_USER_LOOP:
		prev->loop_switches++;
		STAT_INC(user_loop_switches);
		if (cpus[prev->cpu].last_irq_ipi) {
			prev->kick_switches++;
			STAT_INC(kick_switches);
		}
		break;
	case SWITCH_IRQ:
		prev->irq_preemptions++;
		STAT_INC(kernel_preemptions);
		break;
	case SWITCH_OWED:
		prev->owed_preemptions++;
		STAT_INC(owed_preemptions);
		break;
	case SWITCH_VOLUNTARY:
		break;
	}
	__atomic_store_n(&prev->switches_out, prev->switches_out + 1,
			 __ATOMIC_RELEASE);
}

/*
 * The second half of every switch, run by the thread that resumes (or
 * starts) on this CPU: the outgoing thread's registers are saved now, so
 * the run queue may hand it to another CPU. Context: IRQs disabled,
 * rq_lock held (taken by the switch that resumed us).
 */
void kernel_switch_finish(void)
{
	cpus[current->cpu].prev = NULL;
	spin_unlock(&rq_lock);
}

/*
 * The lost-event detector for remote reschedules: every switch call that
 * NEED_RESCHED brought (work loop, preempt step, preempt_enable()), made
 * before it clears the bit, answers the requests made so far (a later one
 * sets the bit again). A voluntary switch (a thread's exit) answers none,
 * or the exit would hide a request the kernel lost. Context: IRQs
 * disabled.
 */
static void resched_seen(struct thread *t)
{
	unsigned long req = __atomic_load_n(&t->resched_req, __ATOMIC_ACQUIRE);
	unsigned long late, worst;

	if (req == t->resched_seen)
		return;
	t->resched_seen = req;
	late = READ_ONCE(jiffies) - READ_ONCE(t->resched_jiffies);
	worst = READ_ONCE(stats.resched_worst);
	while (late > worst &&
	       !__atomic_compare_exchange_n(&stats.resched_worst, &worst, late,
					    false, __ATOMIC_RELAXED,
					    __ATOMIC_RELAXED))
		;
}

/*
 * Switch to the next runnable thread. Clears NEED_RESCHED(_LAZY) as the
 * hooks' contract asks, whether or not someone else can run. The caller
 * holds rq_lock; it is released when this returns.
 * Context: IRQs disabled. Return: true if another thread ran meanwhile.
 */
static bool sched_switch_locked(enum switch_kind kind)
{
	struct thread *prev = current, *next;
	unsigned int cpu = (unsigned int)prev->cpu;
	/* What the library will find for this thread's entry when it
	 * resumes, read through its own hook. */
	unsigned int depth = irqentry_os_thread()->depth;

	if (!switch_allowed()) {
		spin_unlock(&rq_lock);
		return false;
	}
	if (kind != SWITCH_VOLUNTARY) /* a yield or exit answers nothing */
		resched_seen(prev);
	irqentry_work_clear(&prev->work, IRQENTRY_WORK_RESCHED_MASK);
	next = pick_next(prev);
	if (next == prev) {
		spin_unlock(&rq_lock);
		return false;
	}
	account(prev, kind);
	narrate_switch(prev, next);
	prev->on_cpu = false; /* nobody picks it before the finish */
	next->on_cpu = true;
	next->cpu = (int)cpu;
	cpus[cpu].curr = next;
	cpus[cpu].prev = prev;
	port_set_current(next);
	port_switch(&prev->ctx, &next->ctx);
	kernel_switch_finish();
	/* Resumed, maybe on another CPU: the library's state for the entry
	 * we were switched out of must have come along unchanged. */
	if (irqentry_os_thread()->depth != depth || irqentry_in_nmi() != 0) {
		STAT_INC(resume_bad);
		kcomplain(
			"violation: %s resumed with depth %u (was %u), NMI depth %u\n",
			prev->name, irqentry_os_thread()->depth, depth,
			irqentry_in_nmi());
	}
	if ((unsigned int)prev->cpu != cpu) {
		STAT_INC(migrations);
		prev->migrations++;
		if (kind == SWITCH_IRQ)
			prev->irq_migrations++;
		else if (kind == SWITCH_USER_LOOP)
			prev->loop_migrations++;
	}
	narrate_switch(NULL, prev);
	return true;
}

/*
 * The same, taking the lock. Not at all inside an NMI-class entry, which
 * may have interrupted a holder of the lock on this CPU (an x86 NMI):
 * switch_allowed() reports and counts the attempt, and nothing is taken.
 */
static bool sched_switch(enum switch_kind kind)
{
	if (irqentry_in_nmi() != 0)
		return switch_allowed();
	spin_lock(&rq_lock);
	return sched_switch_locked(kind);
}

void schedule(void)
{
	unsigned long flags = port_irq_save();

	(void)sched_switch(SWITCH_VOLUNTARY);
	port_irq_restore(flags);
}

/*
 * Hook: the user work loop saw NEED_RESCHED. Context: IRQs enabled.
 * Benchmark builds read the counter first thing (bench.c's kick figure
 * ends here) and count the call, which the kicked thread watches.
 */
void irqentry_os_schedule(void)
{
	unsigned long flags;

#if KERNEL_BENCH
	current->bench_sched_at = port_bench_counter();
	bench_sched_calls++;
#endif
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

/*
 * Make a thread notice @bits in its work word: set them with the
 * library's remote set and, if it runs on another CPU and nobody owed the
 * kick already, send that CPU the IPI, whose exit runs the work loop or
 * the preempt step. A thread off the CPU finds the bits when it resumes.
 * Under the run-queue lock, so the CPU read is the one the thread runs on
 * (it cannot be switched in or out meanwhile), not a stale one.
 * Context: any but NMI (IRQs on or off), may not schedule.
 */
void kick_thread(struct thread *t, unsigned long bits)
{
	unsigned long flags = port_irq_save();
	unsigned int cpu;

	spin_lock(&rq_lock);
	cpu = (unsigned int)t->cpu;
	if (t->on_cpu && cpu != this_cpu()) {
		if (irqentry_work_set_remote(&t->work, bits) != bits &&
		    KERNEL_BREAK != 9) {
			ATOMIC_INC(cpus[cpu].kicks_sent);
			port_send_ipi(cpu);
		}
	} else {
		irqentry_work_set(&t->work, bits);
	}
	spin_unlock(&rq_lock);
	port_irq_restore(flags);
}

/*
 * Ask @t, wherever it runs, to reschedule: a numbered request (the
 * lost-event detector's) and NEED_RESCHED with a kick. Context: any but
 * NMI; one requester per thread at a time.
 */
void resched_remote(struct thread *t)
{
	WRITE_ONCE(t->resched_jiffies, READ_ONCE(jiffies));
	(void)__atomic_add_fetch(&t->resched_req, 1, __ATOMIC_RELEASE);
	kick_thread(t, IRQENTRY_WORK_NEED_RESCHED);
}

/*
 * A thread became runnable: get a CPU to look. Its last CPU if that one
 * idles, else any idle CPU not kicked yet (by a kick to the idle thread
 * there), else nobody: the ticks rotate the busy CPUs.
 * Context: rq_lock held.
 */
/* Is CPU @c idle and not asked to schedule yet? Context: rq_lock held. */
static bool cpu_idle_unkicked(unsigned int c)
{
	return cpus[c].online && cpus[c].curr->is_idle &&
	       !(irqentry_work_read(&cpus[c].curr->work) &
		 IRQENTRY_WORK_NEED_RESCHED);
}

static void wake_kick(struct thread *t)
{
	unsigned int c, me = this_cpu(), target = NR_CPUS;

	/* An idle CPU already kicked will pick one thread: skip it. */
	if (cpu_idle_unkicked((unsigned int)t->cpu))
		target = (unsigned int)t->cpu;
	for (c = 0; c < nr_cpus && target == NR_CPUS; c++)
		if (cpu_idle_unkicked(c))
			target = c;
	if (target == NR_CPUS)
		return;
	if (target == me) {
		irqentry_work_set(&cpus[me].curr->work,
				  IRQENTRY_WORK_NEED_RESCHED);
		return;
	}
	if (irqentry_work_set_remote(&cpus[target].curr->work,
				     IRQENTRY_WORK_NEED_RESCHED) == 0) {
		narrate("wake %s: cpu %u idles: NEED_RESCHED on %s by irqentry_work_set_remote() (store, then the IPI fence), kick IPI to cpu %u",
			t->name, target, cpus[target].curr->name, target);
		ATOMIC_INC(cpus[target].kicks_sent);
		port_send_ipi(target);
	}
}

/* Context: rq_lock held. */
static void wake_locked(struct thread *t)
{
	if (t->state != THREAD_SLEEPING)
		return;
	narrate("wake %s: SLEEPING -> RUNNABLE under the run-queue lock, it last ran on cpu %d",
		t->name, t->cpu);
	t->state = THREAD_RUNNABLE;
	t->wakeups++;
	if (!t->on_cpu)
		wake_kick(t);
}

/* Wake @t if it sleeps, from any CPU. Context: any but NMI. */
void thread_wake(struct thread *t)
{
	unsigned long flags = port_irq_save();

	spin_lock(&rq_lock);
	t->wake_tick = 0;
	wake_locked(t);
	spin_unlock(&rq_lock);
	port_irq_restore(flags);
}

/*
 * Sleep @ticks jiffies, or until thread_wake(). Context: process context,
 * IRQs enabled or not; schedules.
 */
void kernel_sleep(unsigned long ticks)
{
	unsigned long flags = port_irq_save();

	spin_lock(&rq_lock);
	current->wake_tick = READ_ONCE(jiffies) + ticks;
	if (current->wake_tick < next_wake)
		next_wake = current->wake_tick;
	current->state = THREAD_SLEEPING;
	(void)sched_switch_locked(SWITCH_VOLUNTARY);
	while (READ_ONCE(current->state) == THREAD_SLEEPING)
		(void)sched_switch(SWITCH_VOLUNTARY);
	port_irq_restore(flags);
}

/* Wake every sleeper whose tick came. Context: IRQs disabled. */
static void wake_sleepers(unsigned long now)
{
	unsigned long earliest = ~0UL;
	int i;

	if (now < READ_ONCE(next_wake))
		return;
	spin_lock(&rq_lock);
	for (i = 0; i < NR_THREADS; i++) {
		struct thread *t = &threads[i];

		if (t->state != THREAD_SLEEPING)
			continue;
		if (now >= t->wake_tick)
			wake_locked(t);
		else if (t->wake_tick < earliest)
			earliest = t->wake_tick;
	}
	next_wake = earliest;
	spin_unlock(&rq_lock);
}

/*
 * The timer tick, on every CPU: count, wake sleepers, ask this CPU's
 * thread for a switch on the way out (the idle thread only if someone
 * waits for a CPU). CPU 0's tick also keeps time (jiffies).
 */
void kernel_tick(irqentry_regs_t *regs)
{
	struct cpu *c = &cpus[this_cpu()];
	unsigned long now, mine;

	(void)regs;
	c->last_irq_ipi = false;
	mine = __atomic_add_fetch(&c->ticks, 1, __ATOMIC_RELAXED);
	STAT_INC(ticks);
	if (c == &cpus[0])
		now = __atomic_add_fetch(&jiffies, 1, __ATOMIC_RELAXED);
	else
		now = READ_ONCE(jiffies);
	wake_sleepers(now);
#if KERNEL_HV
	vmm_tick(now); /* the vCPUs' virtual timers (HV builds: one CPU) */
#endif
	if (!KERNEL_BENCH && (!current->is_idle || rq_has_waiting())) {
		irqentry_work_set(&current->work, IRQENTRY_WORK_NEED_RESCHED);
		narrate("handler: timer tick %lu, NEED_RESCHED set", now);
	} else {
		narrate("handler: timer tick %lu, nobody waits for this idle CPU",
			now);
	}
	if (tick_nmi_period && mine % tick_nmi_period == 0) {
		STAT_INC(nmi_in_irq);
		port_nmi_trigger();
	}
}

/*
 * The kick IPI's handler body: the IPI itself only makes the exit path
 * look at the work word again; requests a CPU left in cpus[].req are
 * served here (an NMI-class entry nested in this IRQ for ports that
 * cannot send an NMI, a new tick rate).
 */
void kernel_ipi(irqentry_regs_t *regs)
{
	struct cpu *c = &cpus[this_cpu()];
	unsigned long req = __atomic_exchange_n(&c->req, 0, __ATOMIC_ACQUIRE);

	(void)regs;
	c->last_irq_ipi = true;
	ATOMIC_INC(c->ipis);
	if (c->in_idle)
		ATOMIC_INC(c->idle_wakeups);
	narrate("handler: kick IPI on cpu %u, NEED_RESCHED=%d", this_cpu(),
		need_resched() ? 1 : 0);
	if (req & CPU_REQ_TIMER)
		port_timer_start(READ_ONCE(tick_hz));
	if (req & CPU_REQ_NMI)
		port_nmi_trigger();
}

/* Ask CPU @cpu for CPU_REQ_* @req by a kick. Context: any. */
static void cpu_request(unsigned int cpu, unsigned long req)
{
	(void)__atomic_fetch_or(&cpus[cpu].req, req, __ATOMIC_SEQ_CST);
	ATOMIC_INC(cpus[cpu].kicks_sent);
	port_send_ipi(cpu);
}

/*
 * An NMI-class entry on CPU @cpu: a real NMI IPI where the port has one,
 * else a kick whose handler takes port_nmi_trigger() (PORT_NMI_VIA_KICK).
 * Context: any.
 */
void send_nmi(unsigned int cpu)
{
#if PORT_NMI_VIA_KICK
	cpu_request(cpu, CPU_REQ_NMI);
#else
	port_send_nmi(cpu);
#endif
}

/* Every CPU ticks at @hz from now on. Context: process context. */
void kernel_set_hz(unsigned int hz)
{
	unsigned long flags = port_irq_save();
	unsigned int c;

	WRITE_ONCE(tick_hz, hz);
	port_timer_start(hz);
	for (c = 0; c < nr_cpus; c++)
		if (c != this_cpu() && READ_ONCE(cpus[c].online))
			cpu_request(c, CPU_REQ_TIMER);
	port_irq_restore(flags);
}

/* Context: rq_lock held. */
static struct thread *thread_alloc(const char *name)
{
	int i;

	for (i = 0; i < NR_THREADS; i++) {
		struct thread *t = &threads[i];

		if (t->state == THREAD_FREE) {
			memset(t, 0, sizeof(*t));
			t->tid = next_tid++;
			t->name = name;
			t->cpu = (int)this_cpu();
			return t;
		}
	}
	kernel_panic(NULL, "out of threads");
}

static void *kstack_top(struct thread *t)
{
	return kstacks[t - threads] + KSTACK_SIZE;
}

/* Make a new thread runnable and get an idle CPU to look. Context: rq_lock
 * held. */
static void thread_start_locked(struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	wake_kick(t);
}

struct thread *kthread_create(const char *name, void (*fn)(void *), void *arg)
{
	unsigned long flags = port_irq_save();
	struct thread *t;

	spin_lock(&rq_lock);
	t = thread_alloc(name);
	t->kfn = fn;
	t->karg = arg;
	port_context_init_kernel(&t->ctx, kstack_top(t));
	thread_start_locked(t);
	spin_unlock(&rq_lock);
	port_irq_restore(flags);
	return t;
}

struct thread *uthread_create(const char *name, void (*entry)(long), long arg)
{
	unsigned long flags = port_irq_save();
	struct thread *t;

	spin_lock(&rq_lock);
	t = thread_alloc(name);
	t->user = true;
	t->ustack_lo = (unsigned long)ustacks[t - threads];
	t->ustack_hi = t->ustack_lo + USTACK_SIZE;
	port_context_init_user(&t->ctx, kstack_top(t), (unsigned long)entry,
			       t->ustack_hi, (unsigned long)arg);
	thread_start_locked(t);
	spin_unlock(&rq_lock);
	port_irq_restore(flags);
	return t;
}

/* The first code a new kernel thread runs (IRQs disabled by the switch,
 * whose finish it owes). */
_Noreturn void kthread_start(void)
{
	kernel_switch_finish();
	port_irq_enable();
	current->kfn(current->karg);
	thread_exit(0);
}

_Noreturn void thread_exit(int code)
{
	port_irq_disable();
	spin_lock(&rq_lock);
	current->exit_code = code;
	current->state = THREAD_DEAD;
	(void)sched_switch_locked(SWITCH_VOLUNTARY);
	kernel_panic(NULL, "a dead thread was resumed");
}

/* Wait for @t to exit, free its slot; its counters stay readable until the
 * next create. Under the lock: a dead thread is off its stack only once
 * the switch away from it finished. */
int thread_wait(struct thread *t)
{
	unsigned long flags;
	bool dead;

	for (;;) {
		flags = port_irq_save();
		spin_lock(&rq_lock);
		dead = t->state == THREAD_DEAD && !t->on_cpu;
		if (dead)
			t->state = THREAD_FREE;
		spin_unlock(&rq_lock);
		port_irq_restore(flags);
		if (dead)
			return t->exit_code;
		kernel_sleep(1);
	}
}

/*
 * Kill a user thread wherever it is: like SIGKILL, through the signal work
 * bit, so the library's work loop ends it before its next return to user
 * mode (even one spinning at a bad PC without ever entering the kernel:
 * the tick, or the kick if it runs on another CPU, brings it in).
 */
void thread_kill(struct thread *t)
{
	__atomic_store_n(&t->killed, true, __ATOMIC_RELEASE);
	kick_thread(t, IRQENTRY_WORK_SIGPENDING);
}

struct thread *thread_find(int tid)
{
	int i;

	for (i = 0; i < NR_THREADS; i++)
		if (threads[i].tid == tid && threads[i].state != THREAD_FREE)
			return &threads[i];
	return NULL;
}

/* The idle entry's hooks: count, and narrate. IRQs disabled. */
void irqentry_os_enter_from_idle(irqentry_regs_t *regs)
{
	(void)regs;
	ATOMIC_INC(cpus[this_cpu()].idle_entries);
	narrate("enter_from_idle: cpu %u was idle, this exit will not preempt",
		this_cpu());
}

void irqentry_os_exit_to_idle(irqentry_regs_t *regs)
{
	(void)regs;
	narrate("exit_to_idle: back into the idle wait, no preempt step");
}

/*
 * Every CPU's idle thread: wait for an interrupt with IRQs masked (so a
 * wake-up between the check and the wait is not lost), taking it with
 * in_idle set, so the library goes through its idle entry and never
 * preempts inside; then schedule from here if it asked for a switch.
 */
static _Noreturn void idle_loop(void)
{
	struct cpu *c;

	/*
	 * IRQs are enabled only inside the idle entry (in_idle set, where the
	 * library skips the preempt step of an interrupt from idle): with IRQs
	 * on between it and the check below, an interrupt arriving there with
	 * NEED_RESCHED already set would preempt the idle thread in its IRQ
	 * exit (count 0), which smp scenario 6 forbids. schedule() is called
	 * with IRQs disabled and returns so.
	 */
	for (;;) {
		port_irq_disable();
		c = &cpus[this_cpu()];
		if (!need_resched()) {
			c->in_idle = true;
			port_idle();
			port_irq_enable(); /* the interrupt is taken here */
			port_irq_disable();
			c->in_idle = false;
		}
		if (need_resched()) {
			narrate("idle loop: NEED_RESCHED after the idle entry -> schedule()");
			schedule();
		}
	}
}

/* Make @t CPU @cpu's idle thread and current. Context: IRQs disabled. */
static void cpu_setup(unsigned int cpu)
{
	struct thread *t = &idle_threads[cpu];
	static const char *const names[NR_CPUS] = {"idle0", "idle1", "idle2",
						   "idle3"};

	t->name = names[cpu];
	t->state = THREAD_RUNNABLE;
	t->is_idle = true;
	t->on_cpu = true;
	t->cpu = (int)cpu;
	t->tid = -1 - (int)cpu;
	cpus[cpu].idle = t;
	cpus[cpu].curr = t;
	port_set_current(t);
}

/* A secondary CPU, from port_cpu_start(): become its idle thread. */
_Noreturn void kernel_secondary_main(unsigned int cpu)
{
	cpu_setup(cpu);
	if (KERNEL_BENCH)
		port_bench_init(); /* this CPU's counter; no tick */
	else
		port_timer_start(READ_ONCE(tick_hz));
	__atomic_store_n(&cpus[cpu].online, true, __ATOMIC_RELEASE);
	port_send_ipi(0); /* kernel_main() waits for this in port_idle() */
	idle_loop();
}

/*
 * Boot: the boot context becomes CPU 0's idle thread, the secondaries are
 * started, and each becomes its CPU's idle thread. An idle thread is
 * switched away from only by its own schedule() call.
 */
_Noreturn void kernel_main(void)
{
	port_set_current(NULL);
	port_init();
	cpu_setup(0);
	cpus[0].online = true;
	next_tid = 1;
	nr_cpus = port_cpu_count();
	if (nr_cpus > NR_CPUS)
		nr_cpus = NR_CPUS;
	for (unsigned int c = 1; c < nr_cpus; c++) {
		port_cpu_start(c, cpu_stacks[c] + KSTACK_SIZE);
		/* Wait in port_idle(): the CPU kicks us once online. Under
		 * -icount QEMU runs the CPUs in turn, and one spinning here
		 * never lets a halted one wake up to start. */
		while (!__atomic_load_n(&cpus[c].online, __ATOMIC_ACQUIRE))
			port_idle();
	}
#if KERNEL_BENCH
	/* No periodic tick: the benchmark thread runs at once and makes its
	 * own interrupts; the secondaries idle until it kicks them. */
	(void)kthread_create("bench", bench_main, NULL);
	irqentry_work_set(&current->work, IRQENTRY_WORK_NEED_RESCHED);
#else
	(void)kthread_create("init", init_main, NULL);
	port_timer_start(HZ);
#endif
	idle_loop();
}
