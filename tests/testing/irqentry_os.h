/* SPDX-License-Identifier: MIT */
/*
 * The testing kit's self-test OS: a frame, one work word, and work hooks
 * that clear the bits they handle unless the test tells them to keep some
 * (kit_keep): the hook that "forgets its bit", which the kit must stop.
 */
#ifndef KIT_IRQENTRY_OS_H
#define KIT_IRQENTRY_OS_H

struct kit_frame {
	unsigned long status, cs, ss, pc, cx, r11;
	long nr, ret;
};

typedef struct kit_frame irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

__attribute__((__weak__)) unsigned long kit_work;
/* Bits the work hooks leave set: the bug under test. */
__attribute__((__weak__)) unsigned long kit_keep;

/* One OS-defined work bit, handled by irqentry_os_handle_work(). */
#define KIT_WORK_OS           (1UL << (IRQENTRY_WORK_OS_SHIFT + 0))
#define IRQENTRY_OS_WORK_MASK KIT_WORK_OS

static inline unsigned long *irqentry_os_work(void)
{
	return &kit_work;
}
#define irqentry_os_work irqentry_os_work

static inline int irqentry_os_preempt_count(void)
{
	return 0;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

static inline void kit_clear(unsigned long bits)
{
	irqentry_work_clear(&kit_work, bits & ~kit_keep);
}

static inline void kit_schedule(void)
{
	kit_clear(IRQENTRY_WORK_RESCHED_MASK);
}
#define irqentry_os_schedule kit_schedule

static inline void kit_preempt_schedule_irq(void)
{
	kit_clear(IRQENTRY_WORK_NEED_RESCHED);
}
#define irqentry_os_preempt_schedule_irq kit_preempt_schedule_irq

static inline void kit_handle_signal(irqentry_regs_t *regs)
{
	(void)regs;
	kit_clear(IRQENTRY_WORK_SIGNAL_MASK);
}
#define irqentry_os_handle_signal kit_handle_signal

static inline void kit_handle_work(irqentry_regs_t *regs, unsigned long work)
{
	(void)regs;
	kit_clear(work);
}
#define irqentry_os_handle_work kit_handle_work

#include "../common/frame_hooks.h"

#endif /* KIT_IRQENTRY_OS_H */
