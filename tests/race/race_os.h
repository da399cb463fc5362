/* SPDX-License-Identifier: MIT */
/*
 * The race test's OS: the work word is shared with a second thread, so
 * every hook that handles a bit clears it with the library's atomic
 * test-and-clear and counts the bits it actually cleared. Nothing here
 * reads the word non-atomically (ThreadSanitizer checks that).
 */
#ifndef IRQENTRY_RACE_OS_H
#define IRQENTRY_RACE_OS_H

struct race_regs {
	unsigned long status, cs, ss, pc, cx, r11;
	long nr, ret;
};

typedef struct race_regs irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

#include "../common/frame_hooks.h"

#define RACE_OS_WORK    (1UL << 8)
#define RACE_GUEST_WORK (1UL << 9)
#define RACE_NBITS      16

/* Shared with the setter thread: only through the library's helpers. */
extern unsigned long race_work;
/* Owned by the handling thread. */
extern unsigned long race_handled[RACE_NBITS];
extern unsigned long race_reports;

void race_count(unsigned long cleared);
void race_report(int rule, const char *message);

static inline unsigned long *irqentry_os_work(void)
{
	return &race_work;
}
#define irqentry_os_work irqentry_os_work

static inline int irqentry_os_preempt_count(void)
{
	return 0;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

static inline void race_handle(unsigned long bits)
{
	race_count(irqentry_work_test_and_clear(&race_work, bits));
}

static inline void irqentry_os_schedule(void)
{
	race_handle(IRQENTRY_WORK_NEED_RESCHED |
		    IRQENTRY_WORK_NEED_RESCHED_LAZY);
}
#define irqentry_os_schedule irqentry_os_schedule

static inline void irqentry_os_preempt_schedule_irq(void)
{
	race_handle(IRQENTRY_WORK_NEED_RESCHED);
}
#define irqentry_os_preempt_schedule_irq irqentry_os_preempt_schedule_irq

static inline void irqentry_os_handle_signal(irqentry_regs_t *regs)
{
	(void)regs;
	race_handle(IRQENTRY_WORK_SIGPENDING | IRQENTRY_WORK_NOTIFY_SIGNAL);
}
#define irqentry_os_handle_signal irqentry_os_handle_signal

static inline void irqentry_os_notify_resume(irqentry_regs_t *regs)
{
	(void)regs;
	race_handle(IRQENTRY_WORK_NOTIFY_RESUME);
}
#define irqentry_os_notify_resume irqentry_os_notify_resume

#define IRQENTRY_OS_WORK_MASK RACE_OS_WORK
static inline void irqentry_os_handle_work(irqentry_regs_t *regs,
					   unsigned long work)
{
	(void)regs;
	race_handle(work);
}
#define irqentry_os_handle_work irqentry_os_handle_work

/* The guest loop: a signal ends the guest run (the VMM's return to user
 * mode delivers it, so the bit stays); guest work is handled here. */
typedef int irqentry_vcpu_t;
#define irqentry_vcpu_t             irqentry_vcpu_t
#define IRQENTRY_OS_GUEST_WORK_MASK RACE_GUEST_WORK

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
	race_handle(work);
	return 0;
}
#define irqentry_os_guest_handle_work irqentry_os_guest_handle_work

static inline void irqentry_os_report(enum irqentry_rule rule,
				      const char *message,
				      irqentry_regs_t *regs)
{
	(void)regs;
	race_report((int)rule, message);
}
#define irqentry_os_report irqentry_os_report

#endif /* IRQENTRY_RACE_OS_H */
