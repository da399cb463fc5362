/* SPDX-License-Identifier: MIT */
/*
 * The SMP race test's OS (tests/race/smp.c): every host thread is one
 * simulated CPU running one thread, so the library's per-CPU block and the
 * thread's work word are both reached through the calling host thread's
 * smp_self. The work word is shared with the other CPUs, which set bits in
 * it; the hooks clear what they handle, some with
 * irqentry_work_test_and_clear() and some with a read and
 * irqentry_work_clear(), and count each bit they took off.
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

struct smp_cpu {
	/* The thread's work word: other CPUs set bits in it (atomically). */
	unsigned long work;
	/* The library's per-CPU block: this CPU only. */
	struct irqentry_cpu entry;
	/* Owned by this CPU's thread. */
	unsigned long handled[SMP_NBITS];
	unsigned long reports;
	int first_report;
	/* sets[b]: 0 -> 1 transitions of bit b of @work, written only by the
	 * one CPU that owns the bit as a setter (read after a barrier). */
	unsigned long sets[SMP_NBITS];
	char pad[64];
};

extern struct smp_cpu smp_cpus[SMP_MAX_CPUS];
extern __thread struct smp_cpu *smp_self;

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
 * Clear @bits, which the library saw set: only this CPU clears bits in its
 * word and a setter only sets a bit it saw clear, so they are still set.
 */
static inline void smp_clear(unsigned long bits)
{
	irqentry_work_clear(&smp_self->work, bits);
	smp_count(bits);
}

static inline struct irqentry_cpu *irqentry_os_cpu(void)
{
	return &smp_self->entry;
}
#define irqentry_os_cpu irqentry_os_cpu

static inline unsigned long *irqentry_os_work(void)
{
	return &smp_self->work;
}
#define irqentry_os_work irqentry_os_work

static inline int irqentry_os_preempt_count(void)
{
	return 0;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

static inline void irqentry_os_schedule(void)
{
	smp_take(IRQENTRY_WORK_NEED_RESCHED | IRQENTRY_WORK_NEED_RESCHED_LAZY);
}
#define irqentry_os_schedule irqentry_os_schedule

static inline void irqentry_os_preempt_schedule_irq(void)
{
	smp_take(IRQENTRY_WORK_NEED_RESCHED);
}
#define irqentry_os_preempt_schedule_irq irqentry_os_preempt_schedule_irq

static inline void irqentry_os_handle_signal(irqentry_regs_t *regs)
{
	(void)regs;
	smp_take(IRQENTRY_WORK_SIGPENDING | IRQENTRY_WORK_NOTIFY_SIGNAL);
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
}
#define irqentry_os_report irqentry_os_report

#endif /* IRQENTRY_SMP_OS_H */
