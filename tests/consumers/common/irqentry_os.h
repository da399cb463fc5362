/* SPDX-License-Identifier: MIT */
/*
 * The OS header of the hosted consumer projects (add_subdirectory,
 * FetchContent, find_package, pkg-config): one thread's work word, a
 * preempt count, hooks that do what a kernel's would (clear the bit they
 * handle), and every frame hook the three backends need.
 */
#ifndef CONSUMER_IRQENTRY_OS_H
#define CONSUMER_IRQENTRY_OS_H

struct consumer_frame {
	unsigned long status; /* SPSR / sstatus / RFLAGS */
	unsigned long cs;     /* x86 */
	unsigned long ss;     /* x86 */
	unsigned long pc;     /* ELR / sepc / RIP */
	unsigned long cx;     /* x86 SYSRET: RCX as saved */
	unsigned long r11;    /* x86 SYSRET: R11 as saved */
	long nr;              /* x8 / a7 / orig_rax */
	long ret;             /* x0 / a0 / rax */
	long orig_arg0;       /* the first argument as it was at entry */
};

typedef struct consumer_frame irqentry_regs_t;
#define irqentry_regs_t irqentry_regs_t

/* One per program, like the simulated CPU. */
__attribute__((__weak__)) unsigned long consumer_work;
__attribute__((__weak__)) int consumer_preempt_count;
__attribute__((__weak__)) unsigned int consumer_switches;

static inline unsigned long irqentry_os_regs_status(irqentry_regs_t *regs)
{
	return regs->status;
}
#define irqentry_os_regs_status irqentry_os_regs_status

static inline unsigned long *irqentry_os_work(void)
{
	return &consumer_work;
}
#define irqentry_os_work irqentry_os_work

static inline int irqentry_os_preempt_count(void)
{
	return consumer_preempt_count;
}
#define irqentry_os_preempt_count irqentry_os_preempt_count

static inline void consumer_schedule(void)
{
	irqentry_work_clear(&consumer_work, IRQENTRY_WORK_RESCHED_MASK);
	consumer_switches++;
}
#define irqentry_os_schedule consumer_schedule

static inline void consumer_preempt_schedule_irq(void)
{
	irqentry_work_clear(&consumer_work, IRQENTRY_WORK_NEED_RESCHED);
	consumer_switches++;
}
#define irqentry_os_preempt_schedule_irq consumer_preempt_schedule_irq

static inline void consumer_handle_signal(irqentry_regs_t *regs)
{
	(void)regs;
	irqentry_work_clear(&consumer_work, IRQENTRY_WORK_SIGNAL_MASK);
}
#define irqentry_os_handle_signal consumer_handle_signal

static inline long irqentry_os_syscall_get_nr(irqentry_regs_t *regs)
{
	return regs->nr;
}
#define irqentry_os_syscall_get_nr irqentry_os_syscall_get_nr

static inline void irqentry_os_syscall_set_return(irqentry_regs_t *regs,
						  long value)
{
	regs->ret = value;
}
#define irqentry_os_syscall_set_return irqentry_os_syscall_set_return
#define IRQENTRY_OS_NR_SYSCALLS        8

/* RISC-V and x86 frame hooks. */
static inline unsigned long irqentry_os_regs_pc(irqentry_regs_t *regs)
{
	return regs->pc;
}
#define irqentry_os_regs_pc irqentry_os_regs_pc

static inline void irqentry_os_regs_set_pc(irqentry_regs_t *regs,
					   unsigned long pc)
{
	regs->pc = pc;
}
#define irqentry_os_regs_set_pc irqentry_os_regs_set_pc

static inline void irqentry_os_syscall_save_orig_a0(irqentry_regs_t *regs)
{
	regs->orig_arg0 = regs->ret;
}
#define irqentry_os_syscall_save_orig_a0 irqentry_os_syscall_save_orig_a0

static inline void irqentry_os_syscall_save_orig_x0(irqentry_regs_t *regs)
{
	regs->orig_arg0 = regs->ret;
}
#define irqentry_os_syscall_save_orig_x0 irqentry_os_syscall_save_orig_x0

static inline unsigned long irqentry_os_regs_cs(irqentry_regs_t *regs)
{
	return regs->cs;
}
#define irqentry_os_regs_cs irqentry_os_regs_cs

static inline unsigned long irqentry_os_regs_ss(irqentry_regs_t *regs)
{
	return regs->ss;
}
#define irqentry_os_regs_ss     irqentry_os_regs_ss
/* x86: the user code and stack selectors SYSRET loads from STAR. */
#define IRQENTRY_OS_X86_USER_CS 0x23UL
#define IRQENTRY_OS_X86_USER_SS 0x1bUL

static inline unsigned long irqentry_os_regs_cx(irqentry_regs_t *regs)
{
	return regs->cx;
}
#define irqentry_os_regs_cx irqentry_os_regs_cx

static inline unsigned long irqentry_os_regs_r11(irqentry_regs_t *regs)
{
	return regs->r11;
}
#define irqentry_os_regs_r11 irqentry_os_regs_r11

#endif /* CONSUMER_IRQENTRY_OS_H */
