/* SPDX-License-Identifier: MIT */
/*
 * The sequence generator's OS: a frame, one work word, and the required
 * hooks doing only what every kernel's must (clear the bit they handle).
 * The optional hooks keep the library's defaults, which the testing kit
 * records all the same, so the timelines show every hook a port can fill.
 */
#ifndef SEQ_IRQENTRY_OS_H
#define SEQ_IRQENTRY_OS_H

struct seq_frame {
	unsigned long status, cs, ss, pc, cx, r11;
	long nr, ret;
};

typedef struct seq_frame irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

__attribute__((__weak__)) unsigned long seq_work;

static inline unsigned long *irqentry_os_work(void)
{
	return &seq_work;
}
#define irqentry_os_work irqentry_os_work

static inline int irqentry_os_preempt_count(void)
{
	return 0;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

static inline void seq_schedule(void)
{
	irqentry_work_clear(&seq_work, IRQENTRY_WORK_RESCHED_MASK);
}
#define irqentry_os_schedule seq_schedule

static inline void seq_preempt_schedule_irq(void)
{
	irqentry_work_clear(&seq_work, IRQENTRY_WORK_NEED_RESCHED);
}
#define irqentry_os_preempt_schedule_irq seq_preempt_schedule_irq

static inline void seq_handle_signal(irqentry_regs_t *regs)
{
	(void)regs;
	irqentry_work_clear(&seq_work, IRQENTRY_WORK_SIGNAL_MASK);
}
#define irqentry_os_handle_signal seq_handle_signal

#include "../common/frame_hooks.h"

#endif /* SEQ_IRQENTRY_OS_H */
