/* SPDX-License-Identifier: MIT */
/*
 * A complete OS header; tests/misuse/run.sh removes one piece at a time
 * (-DOMIT_<hook>) and checks the library names what is missing.
 */
#ifndef MISUSE_OS_H
#define MISUSE_OS_H

struct frame {
	unsigned long status, cs, nr, ret;
};

#ifndef OMIT_irqentry_regs_t
typedef struct frame irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t
#endif

extern unsigned long work_word;

#ifndef OMIT_irqentry_os_regs_status
static inline unsigned long irqentry_os_regs_status(struct frame *r)
{
	return r->status;
}
#define irqentry_os_regs_status irqentry_os_regs_status
#endif
#ifndef OMIT_CS
static inline unsigned long irqentry_os_regs_cs(struct frame *r)
{
	return r->cs;
}
#define irqentry_os_regs_cs irqentry_os_regs_cs
#endif
#ifndef OMIT_irqentry_os_work
static inline unsigned long *irqentry_os_work(void)
{
	return &work_word;
}
#define irqentry_os_work irqentry_os_work
#endif
#ifndef OMIT_irqentry_os_preempt_count
static inline int irqentry_os_preempt_count(void)
{
	return 0;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count
#endif
#ifndef OMIT_irqentry_os_schedule
void os_schedule(void);
#define irqentry_os_schedule os_schedule
#endif
#ifndef OMIT_irqentry_os_preempt_schedule_irq
void os_preempt(void);
#define irqentry_os_preempt_schedule_irq os_preempt
#endif
#ifndef OMIT_irqentry_os_handle_signal
void os_signal(struct frame *r);
#define irqentry_os_handle_signal os_signal
#endif
#ifndef OMIT_irqentry_os_syscall_get_nr
static inline long irqentry_os_syscall_get_nr(struct frame *r)
{
	return (long)r->nr;
}
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr
#endif
#ifndef OMIT_irqentry_os_syscall_set_return
static inline void irqentry_os_syscall_set_return(struct frame *r, long v)
{
	r->ret = (unsigned long)v;
}
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return
#endif
/* x86's extra frame hooks (SYSRET predicate); pc is shared with RISC-V. */
static inline unsigned long irqentry_os_regs_pc(struct frame *r)
{
	return r->nr;
}
#define irqentry_os_regs_pc irqentry_os_regs_pc
static inline unsigned long irqentry_os_regs_cx(struct frame *r)
{
	return r->nr;
}
#define irqentry_os_regs_cx irqentry_os_regs_cx
static inline unsigned long irqentry_os_regs_r11(struct frame *r)
{
	return r->status;
}
#define irqentry_os_regs_r11 irqentry_os_regs_r11
/* RISC-V's extra frame hooks. */
static inline void irqentry_os_regs_set_pc(struct frame *r, unsigned long pc)
{
	r->nr = pc;
}
#define irqentry_os_regs_set_pc irqentry_os_regs_set_pc
static inline void irqentry_os_syscall_save_orig_a0(struct frame *r)
{
	(void)r;
}
#define irqentry_os_syscall_save_orig_a0 irqentry_os_syscall_save_orig_a0
#ifndef OMIT_ORIG_X0
static inline void irqentry_os_syscall_save_orig_x0(struct frame *r)
{
	(void)r;
}
#define irqentry_os_syscall_save_orig_x0 irqentry_os_syscall_save_orig_x0
#endif
#ifdef OS_WORK_BITS
#define IRQENTRY_OS_WORK_MASK (1UL << 9)
#endif
#ifdef OS_WORK_LOW_BITS
#define IRQENTRY_OS_WORK_MASK (1UL << 3)
#endif

#endif /* MISUSE_OS_H */
