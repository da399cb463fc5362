/* SPDX-License-Identifier: MIT */
/*
 * The SMP race test's OS (tests/race/smp.c): every host thread runs one
 * thread of this OS, with its own work word and its own debug block
 * (irqentry_os_thread()), on one of the simulated CPUs, one more CPU than
 * threads. The hooks that may schedule (the schedule and preemption hooks,
 * the signal hook, a handler that sleeps) migrate the thread: it hands its
 * CPU to the spare slot and takes the CPU that was there, so it resumes on
 * another CPU each time, as a thread does that sleeps on one CPU and is
 * woken on another. The work word is shared with the other threads, which
 * set bits in it; the hooks clear what they handle, some with
 * irqentry_work_test_and_clear() and some with a read and
 * irqentry_work_clear(), and count each bit they took off.
 *
 * The mask register (the hosted CPU) belongs to the host thread, so it
 * moves with the thread, as a context switch saves and restores it.
 *
 * Build with SMP_THREAD_IN_CPU to keep the debug block in the CPU's block
 * instead (irqentry_os_thread() pointing into irqentry_os_cpu(), the
 * mistake a port would make): the test then fails, which shows that it
 * sees the difference. (Leaving irqentry_os_thread() out altogether stops
 * a debug build with the library's #error.)
 */
#ifndef IRQENTRY_SMP_OS_H
#define IRQENTRY_SMP_OS_H

struct smp_regs {
	unsigned long status, cs, ss, pc, cx, r11;
	long nr, ret;
};

typedef struct smp_regs irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

#include "../common/frame_hooks.h"

#define SMP_MAX_CPUS   8
#define SMP_NBITS      16
#define SMP_OS_WORK    (1UL << 8)  /* OS work, handled on the user return */
#define SMP_GUEST_WORK (1UL << 9)  /* OS work, handled before guest entry */
#define SMP_LOCAL      (1UL << 10) /* in no mask: the owner toggles it */

/* A simulated CPU: the library's per-CPU block, held by one thread. */
struct smp_pcpu {
	struct irqentry_cpu entry;
	char pad[64];
};

/* A thread of the OS, run by one host thread. */
struct smp_thread {
	/* The thread's work word: other threads set bits in it (atomically). */
	unsigned long work;
	/* The library's debug block for this thread. */
	struct irqentry_thread dbg;
	/* The CPU the thread runs on now. */
	struct smp_pcpu *on;
	/* Owned by this thread. */
	unsigned long handled[SMP_NBITS];
	unsigned long own_sets[SMP_NBITS]; /* 0 -> 1 it made itself */
	unsigned long reports, migrations, cpu_irqs_on;
	int first_report, last_report;
	/* sets[b]: 0 -> 1 transitions of bit b of @work, written only by the
	 * one thread that owns the bit as a remote setter (read after a
	 * barrier). */
	unsigned long sets[SMP_NBITS];
	char pad[64];
};

extern struct smp_thread smp_threads[SMP_MAX_CPUS];
extern struct smp_pcpu smp_pcpus[SMP_MAX_CPUS + 1];
extern struct smp_pcpu *smp_spare;
extern __thread struct smp_thread *smp_self;

static inline void smp_count(unsigned long cleared)
{
	unsigned int b;

	for (b = 0; b < SMP_NBITS; b++)
		if (cleared & (1UL << b))
			smp_self->handled[b]++;
}

/* Clear @bits, count the ones that were set. */
static inline void smp_take(unsigned long bits)
{
	smp_count(irqentry_work_test_and_clear(&smp_self->work, bits));
}

/*
 * Clear @bits, which the library saw set: only this thread clears bits in
 * its word and a setter only sets a bit it saw clear, so they are still set.
 */
static inline void smp_clear(unsigned long bits)
{
	irqentry_work_clear(&smp_self->work, bits);
	smp_count(bits);
}

/*
 * A context switch that resumes on another CPU: give this CPU to the spare
 * slot and take the one that was there. The exchange orders everything
 * the last holder did to that CPU's block before this thread's use of it.
 */
static inline void smp_migrate(void)
{
	smp_self->on =
		__atomic_exchange_n(&smp_spare, smp_self->on, __ATOMIC_ACQ_REL);
	smp_self->migrations++;
}

/* Checks that it is called with IRQs disabled: defined in smp.c, after
 * the backend it asks. */
struct irqentry_cpu *irqentry_os_cpu(void);
#define irqentry_os_cpu irqentry_os_cpu

static inline struct irqentry_thread *irqentry_os_thread(void)
{
#ifdef SMP_THREAD_IN_CPU
	return &irqentry_os_cpu()->thread;
#else
	return &smp_self->dbg;
#endif
}
#define irqentry_os_thread irqentry_os_thread

static inline unsigned long *irqentry_os_work(void)
{
	return &smp_self->work;
}
#define irqentry_os_work irqentry_os_work

/* Per thread, as the hook's contract asks (here: never disabled). */
static inline int irqentry_os_preempt_count(void)
{
	return 0;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

static inline void irqentry_os_schedule(void)
{
	smp_take(IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_NEED_RESCHED_LAZY);
	smp_migrate();
}
#define irqentry_os_schedule irqentry_os_schedule

static inline void irqentry_os_preempt_schedule_irq(void)
{
	smp_take(IRQENTRY_WORK_NEED_RESCHED);
	smp_migrate();
}
#define irqentry_os_preempt_schedule_irq irqentry_os_preempt_schedule_irq

/* Delivery may sleep (the signal frame faults in): the thread may come
 * back on another CPU, outside any save the library could make. */
static inline void irqentry_os_handle_signal(irqentry_regs_t *regs)
{
	(void)regs;
	smp_take(IRQENTRY_WORK_SIGPENDING | IRQENTRY_WORK_NOTIFY_SIGNAL);
	smp_migrate();
}
#define irqentry_os_handle_signal irqentry_os_handle_signal

static inline void irqentry_os_notify_resume(irqentry_regs_t *regs)
{
	(void)regs;
	smp_clear(IRQENTRY_WORK_NOTIFY_RESUME);
}
#define irqentry_os_notify_resume irqentry_os_notify_resume

#define IRQENTRY_OS_WORK_MASK SMP_OS_WORK
static inline void irqentry_os_handle_work(irqentry_regs_t *regs,
					   unsigned long work)
{
	(void)regs;
	smp_clear(work);
}
#define irqentry_os_handle_work irqentry_os_handle_work

/* The guest loop: a signal ends the guest run (the VMM's return to user
 * mode delivers it, so the bit stays); guest work is handled here. */
typedef int irqentry_vcpu_t;
#define irqentry_vcpu_t             irqentry_vcpu_t
#define IRQENTRY_OS_GUEST_WORK_MASK SMP_GUEST_WORK

static inline int irqentry_os_guest_signal_exit(irqentry_vcpu_t *vcpu)
{
	(void)vcpu;
	return -1;
}
#define irqentry_os_guest_signal_exit irqentry_os_guest_signal_exit

static inline int irqentry_os_guest_handle_work(irqentry_vcpu_t *vcpu,
						unsigned long work)
{
	(void)vcpu;
	smp_clear(work);
	return 0;
}
#define irqentry_os_guest_handle_work irqentry_os_guest_handle_work

static inline void irqentry_os_report(enum irqentry_rule rule,
				      const char *message,
				      irqentry_regs_t *regs)
{
	(void)message;
	(void)regs;
	if (!smp_self->reports++)
		smp_self->first_report = (int)rule;
	smp_self->last_report = (int)rule;
}
#define irqentry_os_report irqentry_os_report

#endif /* IRQENTRY_SMP_OS_H */
